"""The daily agreement and coach jobs under fixed dates (boundaries, repeat runs and missed days), and the\nnotice jobs they start."""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate

from coaching_app import notices
from coaching_app.coach_activity import mark_inactive_coaches
from coaching_app.coaching.doctype.coaching_agreement.coaching_agreement import CoachingAgreement
from coaching_app.renewals import complete_ended_agreements, flag_renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coach, make_relationship

END = getdate("2027-06-30")  # a 12-month term starting 2026-07-01


def status_of(name):
	return frappe.db.get_value("Coaching Agreement", name, "status")


def timeline(name):
	return frappe.get_all(
		"Comment",
		filters={
			"reference_doctype": "Coaching Agreement",
			"reference_name": name,
			"comment_type": "Workflow",
		},
		pluck="content",
		order_by="creation asc",
	)


class TestDailyAgreementJobs(CoachingTestCase):
	def setUp(self):
		self.rel = make_relationship(status=lifecycle.ACTIVE, start_date="2026-07-01")
		self.assertEqual(getdate(self.rel.agreement.end_date), END)

	def test_renewal_flag_boundaries(self):
		name = self.rel.agreement.name
		flag_renewals_due(add_days(END, -31))
		self.assertEqual(status_of(name), lifecycle.ACTIVE)
		self.assertGreaterEqual(flag_renewals_due(add_days(END, -30)), 1)
		self.assertEqual(status_of(name), lifecycle.RENEWAL_DUE)
		# A second run the same day, or the next, changes nothing.
		flag_renewals_due(add_days(END, -30))
		flag_renewals_due(add_days(END, -29))
		self.assertEqual(status_of(name), lifecycle.RENEWAL_DUE)
		self.assertEqual(timeline(name), [lifecycle.RENEWAL_DUE], "flagged once, however often the job runs")

	def test_completion_boundaries_and_repeat(self):
		name = self.rel.agreement.name
		complete_ended_agreements(END)
		self.assertEqual(status_of(name), lifecycle.ACTIVE)
		self.assertGreaterEqual(complete_ended_agreements(add_days(END, 1)), 1)
		row = frappe.db.get_value(
			"Coaching Agreement", name, ["status", "live_key", "ended_on"], as_dict=True
		)
		self.assertEqual(row.status, lifecycle.COMPLETED)
		self.assertIsNone(row.live_key)
		self.assertEqual(getdate(row.ended_on), END)
		complete_ended_agreements(add_days(END, 2))
		self.assertEqual(timeline(name), [lifecycle.COMPLETED], "completed once, however often the job runs")
		coachee = frappe.db.get_value(
			"Coachee", self.rel.coachee.name, ["current_agreement", "current_coach"]
		)
		self.assertEqual(coachee, (None, None))

	def test_missed_days_catch_up_in_one_run(self):
		"""An agreement never flagged (the job was down for weeks) still completes once past its end."""
		name = self.rel.agreement.name
		complete_ended_agreements(add_days(END, 20))
		flag_renewals_due(add_days(END, 20))
		self.assertEqual(status_of(name), lifecycle.COMPLETED)

	def test_renewal_window_catches_up_after_missed_days(self):
		name = self.rel.agreement.name
		flag_renewals_due(add_days(END, -3))
		self.assertEqual(status_of(name), lifecycle.RENEWAL_DUE)

	def test_ended_and_draft_agreements_are_left_alone(self):
		renewed = make_relationship(status=lifecycle.RENEWED, start_date="2026-07-01").agreement.name
		draft = make_relationship(status=lifecycle.DRAFT, start_date="2026-07-01").agreement.name
		complete_ended_agreements(add_days(END, 1))
		flag_renewals_due(add_days(END, -1))
		self.assertEqual(status_of(renewed), lifecycle.RENEWED)
		self.assertEqual(status_of(draft), lifecycle.DRAFT)


class TestInactiveCoachJob(CoachingTestCase):
	def test_coach_goes_inactive_after_inactivity_days(self):
		quiet = make_coach(training_completed_on="2026-01-01", last_session_date="2026-03-01")
		busy = make_coach(training_completed_on="2026-01-01", last_session_date="2026-05-30")
		cutoff_day = add_days(getdate("2026-03-01"), 90)  # settings default: 90 days

		def status(coach):
			return frappe.db.get_value("Coach", coach.name, "status")

		mark_inactive_coaches(cutoff_day)
		self.assertEqual(status(quiet), "Active")
		self.assertGreaterEqual(mark_inactive_coaches(add_days(cutoff_day, 1)), 1)
		self.assertEqual(status(quiet), "Inactive")
		self.assertEqual(status(busy), "Active")
		modified = frappe.db.get_value("Coach", quiet.name, "modified")
		mark_inactive_coaches(add_days(cutoff_day, 1))
		self.assertEqual(
			frappe.db.get_value("Coach", quiet.name, "modified"), modified, "a re-run changes nothing"
		)


class TestNoticeJobs(CoachingTestCase):
	def test_notices_are_enqueued_once_by_job_id(self):
		method = "coaching_app.notices.send_renewal_notices"
		with patch.object(frappe, "enqueue") as enqueue:
			notices.enqueue_notices(method)
		enqueue.assert_called_once()
		self.assertEqual(enqueue.call_args.args, (method,))
		kwargs = enqueue.call_args.kwargs
		self.assertEqual(kwargs["job_id"], f"coaching::{method}")
		self.assertTrue(kwargs["deduplicate"] and kwargs["enqueue_after_commit"])
		self.assertEqual(kwargs["queue"], "long")
		self.assertNotIn("part", kwargs)


class TestNoticeParts(CoachingTestCase):
	"""A heavy day of notices is split into parts of at most NOTICES_PER_JOB, each its own job."""

	def setUp(self):
		frappe.db.savepoint("notice_parts")
		self.addCleanup(frappe.db.rollback, save_point="notice_parts")
		self.calls = []

		def enqueue(method, **kwargs):  # only the notice jobs; Frappe enqueues its own work too
			if str(kwargs.get("job_id", "")).startswith("coaching::"):
				self.calls.append((method, kwargs))

		for patcher in (
			patch.object(frappe, "enqueue", enqueue),
			patch.object(notices, "NOTICES_PER_JOB", 2),
		):
			patcher.start()
			self.addCleanup(patcher.stop)
		start = "2026-07-01"
		self.agreements = [
			make_relationship(status=lifecycle.ACTIVE, start_date=start).agreement.name for _ in range(5)
		]
		flag_renewals_due(
			add_days(getdate(frappe.db.get_value("Coaching Agreement", self.agreements[0], "end_date")), -10)
		)

	def unnotified(self):
		return [
			name
			for name in self.agreements
			if not frappe.db.get_value("Coaching Agreement", name, "renewal_notified_on")
		]

	def test_each_part_sends_its_share_and_hands_on_the_rest(self):
		method = "coaching_app.notices.send_renewal_notices"
		sent = notices.send_renewal_notices()
		self.assertEqual(len(sent), 2)
		self.assertEqual(len(self.unnotified()), 3)
		((called, kwargs),) = self.calls
		self.assertEqual(
			(called, kwargs["job_id"], kwargs["part"]), (method, f"coaching::{method}::part-1", 1)
		)
		self.assertTrue(kwargs["deduplicate"] and kwargs["enqueue_after_commit"])

		self.assertEqual(len(notices.send_renewal_notices(part=1)), 2)
		self.assertEqual(self.calls[-1][1]["job_id"], f"coaching::{method}::part-2")
		self.assertEqual(len(notices.send_renewal_notices(part=2)), 1)
		self.assertEqual(len(self.calls), 2, "the last part starts no other")
		self.assertEqual(self.unnotified(), [])

	def test_a_part_that_sends_nothing_starts_no_other(self):
		original = CoachingAgreement.run_method

		def failing(doc, method, *args, **kwargs):
			if method == "on_renewal_due":
				raise frappe.ValidationError("mail server down")
			return original(doc, method, *args, **kwargs)

		with patch.object(CoachingAgreement, "run_method", failing):
			self.assertEqual(notices.send_renewal_notices(), [])
		self.assertEqual(self.calls, [])
		self.assertEqual(len(self.unnotified()), 5, "failed notices stay due for the next run")
