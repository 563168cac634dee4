"""The daily agreement and coach jobs under fixed dates: boundaries, repeat runs and missed days."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app.rules import lifecycle
from coaching_app.tasks import complete_ended_agreements, flag_renewals_due, mark_inactive_coaches
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
