"""Opening a Coaching Session as its coach costs at most 3 queries plus one per child table."""

import frappe

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
