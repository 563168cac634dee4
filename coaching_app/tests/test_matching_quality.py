"""Suggest Coaches weighs a coach's track record: coachees' ratings (never below the anonymity threshold of
different people), sessions on the agreed cadence, and relationships completed or renewed against ended
early."""

from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime, today

from coaching_app.access.feedback import coach_rating
from coaching_app.feedback import close_rounds
from coaching_app.matching import suggest_coaches
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	answer_feedback,
	make_agreement,
	make_coach,
	make_coachee,
	make_feedback_round,
	make_program,
	make_session,
	make_user,
)

A_YEAR_AND_MORE_AGO = -400  # a start whose term is over: the agreement may be completed
RECENTLY = -5  # a start whose first session is not due yet: cadence says nothing about it


class TestMatchingQuality(CoachingTestCase):
	def setUp(self):
		self.program = make_program().name
		self.manager = make_user(roles=("Coaching Manager",))
		program = frappe.get_doc("Coaching Program", self.program)
		program.append("managers", {"user": self.manager})
		program.save(ignore_permissions=True)
		self.coachee = make_coachee(self.program)

	# --- helpers -------------------------------------------------------------------------------------------

	def coach(self, **values):
		return make_coach(programs=[{"program": self.program}], **values)

	def relationship(self, coach, coachee=None, start_offset=RECENTLY, status=lifecycle.ACTIVE, **values):
		coachee = coachee or make_coachee(self.program).name
		start = add_days(today(), start_offset)
		return make_agreement(
			coach.name, coachee, self.program, status=status, start_date=start, **values
		).name

	def closed_round(self, answers):
		"""A program round answered by (agreement, rating, anonymous) and then closed by the daily job."""
		round_ = make_feedback_round(self.program, closes_on=today(), status="Open")
		for agreement, rating, anonymous in answers:
			answer_feedback(round_.name, agreement, rating, anonymous=anonymous)
		close_rounds(add_days(today(), 1))
		return round_.name

	def end(self, agreement, action):
		"""Staff end an agreement through its workflow, with a reason where one is asked."""
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", agreement)
			if action != "Complete":
				doc.end_reason = "Moved to another site"
				doc.save()
			apply_workflow(doc, action)

	def suggested(self, user=None, coachee=None):
		with self.set_user(user or self.manager):
			rows = suggest_coaches((coachee or self.coachee).name, limit=100)
		return {row["coach"]: row for row in rows}

	def rating_reasons(self, coach):
		return [r for r in self.suggested()[coach.name]["reasons"] if "rate" in r or "of 5" in r]

	# --- ratings and anonymity -----------------------------------------------------------------------------

	def test_three_people_in_a_closed_round_give_a_rating_reason(self):
		coach = self.coach(capacity=10)
		round_ = make_feedback_round(self.program, closes_on=today(), status="Open")
		for rating in (5, 4, 5):
			answer_feedback(round_.name, self.relationship(coach), rating)
		self.assertEqual(self.rating_reasons(coach), [], "nothing is shown while the round is open")
		close_rounds(add_days(today(), 1))
		self.assertEqual(coach_rating([coach.name]), {coach.name: (4.67, 3, 1)})
		self.assertEqual(self.rating_reasons(coach), ["coachees rate them 4.7 of 5 over 1 round"])

	def test_two_people_give_no_rating(self):
		coach = self.coach(capacity=10)
		self.closed_round([(self.relationship(coach), 1, 1), (self.relationship(coach), 5, 1)])
		self.assertEqual(coach_rating([coach.name]), {})
		self.assertEqual(self.rating_reasons(coach), [])
		self.assertIn("no track record yet", self.suggested()[coach.name]["reasons"])

	def test_one_persons_three_answers_give_no_rating(self):
		coach = self.coach(capacity=10)
		person = make_coachee(self.program).name
		# The same coachee's three relationships with the coach, answered in one round...
		agreements = [
			self.relationship(coach, person, start_offset=-1200, status=lifecycle.COMPLETED),
			self.relationship(coach, person, start_offset=-800, status=lifecycle.COMPLETED),
			self.relationship(coach, person),
		]
		self.closed_round([(agreement, 1, 1) for agreement in agreements])
		# ...and in three more rounds: many answers, still one person.
		for _ in range(3):
			self.closed_round([(agreements[-1], 5, 1)])
		self.assertEqual(coach_rating([coach.name]), {})
		self.assertEqual(self.rating_reasons(coach), [])

	def test_named_and_anonymous_answers_are_counted_apart(self):
		"""Four people, two named and two anonymous: staff read the named answers one by one, so a figure
		over all four would give the two anonymous ones away. Neither group reaches the threshold."""
		coach = self.coach(capacity=10)
		self.closed_round(
			[
				(self.relationship(coach), 5, 0),
				(self.relationship(coach), 5, 0),
				(self.relationship(coach), 1, 1),
				(self.relationship(coach), 2, 1),
			]
		)
		self.assertEqual(coach_rating([coach.name]), {})
		self.assertEqual(self.rating_reasons(coach), [])
		# A later round of three anonymous people counts on its own; the earlier groups still do not.
		self.closed_round([(self.relationship(coach), rating, 1) for rating in (4, 4, 5)])
		self.assertEqual(coach_rating([coach.name]), {coach.name: (4.33, 3, 1)})
		self.assertEqual(self.rating_reasons(coach), ["coachees rate them 4.3 of 5 over 1 round"])

	def test_a_rating_stays_within_the_readers_programs(self):
		coach = make_coach(capacity=10)  # lists no program: coaches in any
		self.closed_round([(self.relationship(coach), rating, 1) for rating in (5, 5, 4)])
		self.assertTrue(self.rating_reasons(coach))
		other = make_program().name
		other_manager = make_user(roles=("Coaching Manager",))
		doc = frappe.get_doc("Coaching Program", other)
		doc.append("managers", {"user": other_manager})
		doc.save(ignore_permissions=True)
		reasons = self.suggested(other_manager, make_coachee(other))[coach.name]["reasons"]
		self.assertFalse(
			[r for r in reasons if "of 5" in r], "program A's feedback is not B's staff's to read"
		)

	# --- cadence and outcomes ------------------------------------------------------------------------------

	def test_sessions_on_cadence_and_ended_relationships_read_as_reasons(self):
		coach = self.coach(capacity=10)
		running = self.relationship(coach, start_offset=-60, cadence="Every Other Week")
		session = make_session(running, start=add_to_date(now_datetime(), days=-3))
		with self.set_user(coach.user):
			doc = frappe.get_doc("Coaching Session", session.name)
			doc.status = "Completed"
			doc.save()
		for _ in range(2):
			self.end(self.relationship(coach, start_offset=A_YEAR_AND_MORE_AGO), "Complete")
		reasons = self.suggested()[coach.name]["reasons"]
		self.assertIn("meets on cadence", reasons)
		self.assertIn("2 relationships completed or renewed", reasons)
		self.assertNotIn("no track record yet", reasons)

		behind = self.coach(capacity=10)
		self.relationship(behind, start_offset=-60, cadence="Weekly")
		self.end(self.relationship(behind, start_offset=-30), "Terminate")
		self.end(self.relationship(behind, start_offset=-30), "Terminate")
		reasons = self.suggested()[behind.name]["reasons"]
		self.assertIn("behind cadence in 1 of 1 relationships", reasons)
		self.assertIn("2 relationships ended early", reasons)
		suggested = self.suggested()
		self.assertGreater(suggested[coach.name]["score"], suggested[behind.name]["score"])

	# --- ranking -------------------------------------------------------------------------------------------

	def test_a_strong_record_with_one_place_ranks_above_five_free_places(self):
		strong = self.coach(capacity=1, full_name="Zoe Strong")
		roomy = self.coach(capacity=5, full_name="Amy Roomy")
		agreements = [self.relationship(strong, start_offset=A_YEAR_AND_MORE_AGO) for _ in range(3)]
		self.closed_round(
			[(agreement, rating, 1) for agreement, rating in zip(agreements, (5, 4, 5), strict=True)]
		)
		for agreement in agreements:
			self.end(agreement, "Complete")
		suggested = self.suggested()
		order = [name for name in suggested if name in (strong.name, roomy.name)]
		self.assertEqual(order, [strong.name, roomy.name])
		self.assertEqual(
			suggested[strong.name]["reasons"][1:4],
			[
				"coachees rate them 4.7 of 5 over 1 round",
				"3 relationships completed or renewed",
				"room for 1 more",
			],
		)
		self.assertIn("room for 5 more", suggested[roomy.name]["reasons"])
		self.assertIn("no track record yet", suggested[roomy.name]["reasons"])

	def test_reasons_are_translated(self):
		coach = self.coach(capacity=10)
		self.closed_round([(self.relationship(coach), rating, 1) for rating in (5, 5, 5)])
		translations = {"coachees rate them {0} of 5 over 1 round": "coachées : {0} sur 5 en 1 campagne"}
		with self.set_user(self.manager):
			with patch("frappe.translate.get_all_translations", return_value=translations):
				frappe.local.lang = "fr"
				try:
					reasons = suggest_coaches(self.coachee.name, limit=100)
				finally:
					frappe.local.lang = "en"
		(row,) = [r for r in reasons if r["coach"] == coach.name]
		self.assertIn("coachées : 5.0 sur 5 en 1 campagne", row["reasons"])
