"""Yearly feedback rounds: anniversaries, staff-dated program rounds, closing and reminders."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app.feedback import (
	close_rounds,
	open_anniversary_rounds,
	open_program_rounds,
	remind_unanswered,
)
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship

START = getdate("2025-03-10")
ANNIVERSARY = getdate("2026-03-10")


def rounds_of(agreement):
	return frappe.get_all(
		"Coaching Feedback Round",
		filters={"agreement": agreement},
		fields=["name", "opens_on", "closes_on", "status"],
	)


class TestFeedbackRounds(CoachingTestCase):
	def setUp(self):
		# A renewed-looking relationship: a 24-month program keeps the first agreement running past a year.
		self.rel = make_relationship(status=lifecycle.ACTIVE, start_date=START, end_date=add_days(START, 700))

	def test_anniversary_round_opens_once_with_two_requests(self):
		open_anniversary_rounds(add_days(ANNIVERSARY, -1))
		self.assertEqual(rounds_of(self.rel.agreement.name), [])
		created = open_anniversary_rounds(ANNIVERSARY)
		self.assertEqual(len(rounds_of(self.rel.agreement.name)), 1)
		(round_,) = rounds_of(self.rel.agreement.name)
		self.assertIn(round_.name, created)
		self.assertEqual(
			(getdate(round_.opens_on), getdate(round_.closes_on)), (ANNIVERSARY, add_days(ANNIVERSARY, 30))
		)
		requests = frappe.get_all(
			"Coaching Feedback", filters={"round": round_.name}, fields=["respondent_role", "respondent"]
		)
		self.assertEqual(
			sorted((r.respondent_role, r.respondent) for r in requests),
			[("Coach", self.rel.coach.user), ("Coachee", self.rel.coachee.user)],
		)
		# Re-runs the same day and the next days change nothing.
		open_anniversary_rounds(ANNIVERSARY)
		open_anniversary_rounds(add_days(ANNIVERSARY, 5))
		self.assertEqual(len(rounds_of(self.rel.agreement.name)), 1)
		self.assertEqual(frappe.db.count("Coaching Feedback", {"round": round_.name}), 2)

	def test_missed_anniversary_is_caught_up_within_the_window(self):
		open_anniversary_rounds(add_days(ANNIVERSARY, 3))
		(round_,) = rounds_of(self.rel.agreement.name)
		self.assertEqual(getdate(round_.opens_on), ANNIVERSARY)

	def test_rounds_close_after_their_end_and_remind_once(self):
		open_anniversary_rounds(ANNIVERSARY)
		(round_,) = rounds_of(self.rel.agreement.name)
		requests = set(frappe.get_all("Coaching Feedback", filters={"round": round_.name}, pluck="name"))
		self.assertFalse(requests & set(remind_unanswered(add_days(ANNIVERSARY, 6))))
		self.assertEqual(requests & set(remind_unanswered(add_days(ANNIVERSARY, 7))), requests)
		self.assertFalse(requests & set(remind_unanswered(add_days(ANNIVERSARY, 8))))
		self.assertNotIn(round_.name, close_rounds(add_days(ANNIVERSARY, 30)))
		self.assertIn(round_.name, close_rounds(add_days(ANNIVERSARY, 31)))
		self.assertEqual(frappe.db.get_value("Coaching Feedback Round", round_.name, "status"), "Closed")
		self.assertNotIn(round_.name, close_rounds(add_days(ANNIVERSARY, 32)))

	def test_program_round_opens_on_its_date_for_running_agreements(self):
		draft = make_relationship(status=lifecycle.DRAFT, program=self.rel.program)
		round_ = frappe.get_doc(
			{
				"doctype": "Coaching Feedback Round",
				"title": "Spring feedback",
				"program": self.rel.program,
				"opens_on": "2026-04-01",
				"closes_on": "2026-04-30",
			}
		).insert(ignore_permissions=True)
		self.assertNotIn(round_.name, open_program_rounds("2026-03-31"))
		self.assertIn(round_.name, open_program_rounds("2026-04-01"))
		self.assertNotIn(round_.name, open_program_rounds("2026-04-02"))
		agreements = set(
			frappe.get_all("Coaching Feedback", filters={"round": round_.name}, pluck="agreement")
		)
		self.assertEqual(agreements, {self.rel.agreement.name})
		self.assertNotIn(draft.agreement.name, agreements)
		self.assertEqual(frappe.db.count("Coaching Feedback", {"round": round_.name}), 2)


class TestStandardOneYearRelationships(CoachingTestCase):
	"""With the defaults an agreement runs one year and ends (completed or renewed) the day before its
	anniversary: the relationship is still asked, once, and its renewal a year later."""

	def one_year(self, status, ended_on=None):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=START)
		self.assertEqual(getdate(rel.agreement.end_date), add_days(ANNIVERSARY, -1))
		frappe.db.set_value(
			"Coaching Agreement",
			rel.agreement.name,
			{"status": status, "ended_on": ended_on or rel.agreement.end_date, "live_key": None},
		)
		return rel

	def test_a_completed_year_is_asked_once(self):
		rel = self.one_year(lifecycle.COMPLETED)
		open_anniversary_rounds(ANNIVERSARY)
		open_anniversary_rounds(add_days(ANNIVERSARY, 2))
		(round_,) = rounds_of(rel.agreement.name)
		self.assertEqual(frappe.db.count("Coaching Feedback", {"round": round_.name}), 2)

	def test_a_renewed_year_is_asked_and_its_renewal_a_year_later(self):
		# Staff pressed Renew three weeks before the end; the successor starts on the anniversary.
		rel = self.one_year(lifecycle.RENEWED, ended_on=add_days(ANNIVERSARY, -21))
		successor = make_relationship(status=lifecycle.ACTIVE, start_date=ANNIVERSARY).agreement
		open_anniversary_rounds(ANNIVERSARY)
		self.assertEqual(len(rounds_of(rel.agreement.name)), 1)
		self.assertEqual(rounds_of(successor.name), [])
		open_anniversary_rounds(add_days(ANNIVERSARY, 365))
		self.assertEqual(len(rounds_of(successor.name)), 1)
		self.assertEqual(len(rounds_of(rel.agreement.name)), 1)

	def test_a_relationship_that_ended_before_a_year_is_not_asked(self):
		rel = self.one_year(lifecycle.REASSIGNED, ended_on=add_days(START, 170))
		open_anniversary_rounds(ANNIVERSARY)
		self.assertEqual(rounds_of(rel.agreement.name), [])
