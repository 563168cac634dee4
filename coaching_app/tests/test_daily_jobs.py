"""The daily agreement and coach jobs under fixed dates (boundaries, repeat runs and missed days), and the\nnotice jobs they start."""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate

from coaching_app import digest, notices
from coaching_app.coach_activity import mark_inactive_coaches
from coaching_app.renewals import complete_ended_agreements, flag_renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import emails_about, make_coach, make_program, make_relationship, make_user

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
		method = "coaching_app.digest.send_daily_digest"
		with patch.object(frappe, "enqueue") as enqueue:
			notices.enqueue_notices(method)
		enqueue.assert_called_once()
		self.assertEqual(enqueue.call_args.args, (method,))
		kwargs = enqueue.call_args.kwargs
		self.assertEqual(kwargs["job_id"], f"coaching::{method}")
		self.assertTrue(kwargs["deduplicate"] and kwargs["enqueue_after_commit"])
		self.assertEqual(kwargs["queue"], "long")
		self.assertNotIn("part", kwargs)


class TestDigestParts(CoachingTestCase):
	"""A heavy day of digests is split into parts of at most PEOPLE_PER_JOB people, each its own job; the
	records are marked as told once the last part has sent."""

	def setUp(self):
		frappe.db.savepoint("digest_parts")
		self.addCleanup(frappe.db.rollback, save_point="digest_parts")
		self.calls = []

		def enqueue(method, **kwargs):  # only the notice jobs; Frappe enqueues its own work too
			if str(kwargs.get("job_id", "")).startswith("coaching::"):
				self.calls.append((method, kwargs))

		for patcher in (
			patch.object(frappe, "enqueue", enqueue),
			patch.object(digest, "PEOPLE_PER_JOB", 4),
		):
			patcher.start()
			self.addCleanup(patcher.stop)
		self.manager = make_user(roles=("Coaching Manager",))
		program = make_program(managers=[{"user": self.manager}]).name
		start = "2026-07-01"
		self.rels = [
			make_relationship(status=lifecycle.ACTIVE, start_date=start, program=program) for _ in range(5)
		]
		self.agreements = [rel.agreement.name for rel in self.rels]
		self.day = add_days(
			getdate(frappe.db.get_value("Coaching Agreement", self.agreements[0], "end_date")), -10
		)
		flag_renewals_due(self.day)
		# Earlier runs of the same day are remembered in the cache: start this one afresh.
		frappe.cache.delete_value(f"coaching-digest-sent::{self.day}")

	def unnotified(self):
		return [
			name
			for name in self.agreements
			if not frappe.db.get_value("Coaching Agreement", name, "renewal_notified_on")
		]

	def digests(self, user):
		return emails_about(user, "Your coaching notices")

	def test_each_part_sends_its_share_and_the_last_marks_the_records(self):
		method = "coaching_app.digest.send_daily_digest"
		self.assertEqual(digest.send_daily_digest(self.day), {})
		self.assertEqual(len(self.unnotified()), 5, "nothing is marked before every digest went out")
		((called, kwargs),) = self.calls
		self.assertEqual(
			(called, kwargs["job_id"], kwargs["part"]), (method, f"coaching::{method}::part-1", 1)
		)
		self.assertTrue(kwargs["deduplicate"] and kwargs["enqueue_after_commit"])
		self.assertEqual(digest.send_daily_digest(self.day, part=1), {})
		self.assertEqual(self.calls[-1][1]["job_id"], f"coaching::{method}::part-2")
		told = digest.send_daily_digest(self.day, part=2)
		self.assertEqual(sorted(set(self.agreements) & set(told["renewal"])), sorted(self.agreements))
		self.assertEqual(len(self.calls), 2, "the last part starts no other")
		self.assertEqual(self.unnotified(), [])
		# Eleven people, one digest each: the manager's lists all five agreements.
		people = [self.manager] + [u for rel in self.rels for u in (rel.coach.user, rel.coachee.user)]
		for user in people:
			self.assertEqual(len(self.digests(user)), 1, user)
		(managers,) = self.digests(self.manager)
		for name in self.agreements:
			self.assertIn(name, managers.body)

	def test_one_persons_failure_keeps_no_one_else_from_their_digest(self):
		failing_user = self.rels[0].coachee.user
		original = digest.send_one

		def send_one(profile, *args, **kwargs):
			if profile.name == failing_user:
				raise frappe.ValidationError("mail server down")
			return original(profile, *args, **kwargs)

		with patch.object(digest, "PEOPLE_PER_JOB", 100), patch.object(digest, "send_one", send_one):
			digest.send_daily_digest(self.day)
		self.assertEqual(self.digests(failing_user), [])
		self.assertEqual(len(self.digests(self.rels[1].coachee.user)), 1)
		self.assertTrue(
			frappe.db.exists("Error Log", {"method": f"Coaching daily digest failed for {failing_user}"})
		)
