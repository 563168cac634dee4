"""Costs kept in CI: opening a Coaching Session as its coach costs at most 3 queries plus one per child
table, and notices run as deduplicated background jobs of bounded size."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app import tasks
from coaching_app.benchmarks import QueryCounter
from coaching_app.rules import lifecycle
from coaching_app.tasks import enqueue_notices
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship, make_session


class TestFormLoadCost(CoachingTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_session_form_load_as_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		child_tables = len(frappe.get_meta("Coaching Session").get_table_fields())
		frappe.set_user(rel.coach.user)
		# Warm the metadata and role caches, as every load after a user's first finds them.
		frappe.get_doc("Coaching Session", session.name).check_permission("read")
		with QueryCounter() as counter:
			doc = frappe.get_doc("Coaching Session", session.name)
			doc.check_permission("read")
		self.assertLessEqual(counter.count, 3 + child_tables)


class TestNoticeJobs(CoachingTestCase):
	def test_notices_are_enqueued_once_by_job_id(self):
		calls = []
		original = frappe.enqueue
		frappe.enqueue = lambda method, **kwargs: calls.append((method, kwargs))
		try:
			enqueue_notices("coaching_app.tasks.send_renewal_notices")
		finally:
			frappe.enqueue = original
		((method, kwargs),) = calls
		self.assertEqual(method, "coaching_app.tasks.send_renewal_notices")
		self.assertEqual(kwargs["job_id"], "coaching::coaching_app.tasks.send_renewal_notices")
		self.assertTrue(kwargs["deduplicate"])
		self.assertEqual(kwargs["queue"], "long")


class TestNoticeParts(CoachingTestCase):
	"""A heavy day of notices is split into parts of at most NOTICES_PER_JOB, each its own job."""

	def setUp(self):
		frappe.db.savepoint("notice_parts")
		self.addCleanup(frappe.db.rollback, save_point="notice_parts")
		self.calls = []
		original_enqueue, original_limit = frappe.enqueue, tasks.NOTICES_PER_JOB
		tasks.NOTICES_PER_JOB = 2

		def enqueue(method, **kwargs):  # only the notice jobs; Frappe enqueues its own work too
			if str(kwargs.get("job_id", "")).startswith("coaching::"):
				self.calls.append((method, kwargs))

		frappe.enqueue = enqueue
		self.addCleanup(setattr, frappe, "enqueue", original_enqueue)
		self.addCleanup(setattr, tasks, "NOTICES_PER_JOB", original_limit)
		start = "2026-07-01"
		self.agreements = [
			make_relationship(status=lifecycle.ACTIVE, start_date=start).agreement.name for _ in range(5)
		]
		tasks.flag_renewals_due(
			add_days(getdate(frappe.db.get_value("Coaching Agreement", self.agreements[0], "end_date")), -10)
		)

	def unnotified(self):
		return [
			name
			for name in self.agreements
			if not frappe.db.get_value("Coaching Agreement", name, "renewal_notified_on")
		]

	def test_each_part_sends_its_share_and_hands_on_the_rest(self):
		method = "coaching_app.tasks.send_renewal_notices"
		sent = tasks.send_renewal_notices()
		self.assertEqual(len(sent), 2)
		self.assertEqual(len(self.unnotified()), 3)
		((called, kwargs),) = self.calls
		self.assertEqual(
			(called, kwargs["job_id"], kwargs["part"]), (method, f"coaching::{method}::part-1", 1)
		)
		self.assertTrue(kwargs["deduplicate"] and kwargs["enqueue_after_commit"])

		self.assertEqual(len(tasks.send_renewal_notices(part=1)), 2)
		self.assertEqual(self.calls[-1][1]["job_id"], f"coaching::{method}::part-2")
		self.assertEqual(len(tasks.send_renewal_notices(part=2)), 1)
		self.assertEqual(len(self.calls), 2, "the last part starts no other")
		self.assertEqual(self.unnotified(), [])

	def test_a_part_that_sends_nothing_starts_no_other(self):
		from coaching_app.coaching.doctype.coaching_agreement.coaching_agreement import CoachingAgreement

		original = CoachingAgreement.run_method

		def failing(doc, method, *args, **kwargs):
			if method == "on_renewal_due":
				raise frappe.ValidationError("mail server down")
			return original(doc, method, *args, **kwargs)

		CoachingAgreement.run_method = failing
		self.addCleanup(setattr, CoachingAgreement, "run_method", original)
		self.assertEqual(tasks.send_renewal_notices(), [])
		self.assertEqual(self.calls, [])
		self.assertEqual(len(self.unnotified()), 5, "failed notices stay due for the next run")
