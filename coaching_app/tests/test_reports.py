"""Report figures checked against the records they summarize."""

import frappe
from frappe.utils import add_days, getdate, today

from coaching_app.coaching.report.cadence_health.cadence_health import execute as cadence_health
from coaching_app.coaching.report.coach_load.coach_load import execute as coach_load
from coaching_app.coaching.report.coachees_needing_a_coach.coachees_needing_a_coach import execute as needing
from coaching_app.coaching.report.feedback_summary.feedback_summary import execute as feedback_summary
from coaching_app.coaching.report.renewals_due.renewals_due import execute as renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_agreement,
	make_coach,
	make_coachee,
	make_feedback_round,
	make_program,
	make_user,
)


class TestReports(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.program = make_program().name
		cls.coach = make_coach(capacity=2, programs=[{"program": cls.program}])
		cls.agreements = [
			make_agreement(
				cls.coach.name, make_coachee(cls.program).name, cls.program, status=status, start_date=start
			)
			for status, start in (
				(lifecycle.ACTIVE, add_days(today(), -350)),
				(lifecycle.RENEWAL_DUE, add_days(today(), -340)),
				(lifecycle.ACTIVE, add_days(today(), -10)),
				(lifecycle.COMPLETED, add_days(today(), -400)),
			)
		]

	def test_coach_load_counts_running_agreements(self):
		_, rows, _, chart = coach_load({"program": self.program, "status": "Active"})
		(row,) = [r for r in rows if r["coach"] == self.coach.name]
		self.assertEqual(row["coach_name"], self.coach.full_name)
		self.assertEqual(row["agreements"], 3)
		self.assertEqual(row["load"], 3)
		self.assertEqual(row["free"], 0)
		self.assertEqual(row["over_capacity"], 1)
		at = chart["data"]["labels"].index(self.coach.full_name)
		load, capacity = chart["data"]["datasets"]
		self.assertEqual((load["values"][at], capacity["values"][at]), (3, row["capacity"]))
		_, over, _, _ = coach_load({"program": self.program, "only_over_capacity": 1})
		self.assertEqual([r["coach"] for r in over], [self.coach.name])

	def test_renewals_due_lists_running_agreements_ending_in_window(self):
		_, rows = renewals_due({"program": self.program})
		self.assertEqual(sorted(r.agreement for r in rows), sorted(a.name for a in self.agreements[:2]))
		for row in rows:
			self.assertEqual(row.days_left, (getdate(row.end_date) - getdate()).days)

	def test_cadence_health_flags_relationships_without_sessions(self):
		_, rows, _, chart = cadence_health({"program": self.program, "only_behind": 1})
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0, len(rows)])
		behind = {r["agreement"] for r in rows}
		self.assertIn(self.agreements[0].name, behind)
		self.assertNotIn(
			self.agreements[2].name, behind, "10 days in, every other week plus grace is not late"
		)
		self.assertNotIn(self.agreements[3].name, behind)

	def test_coachees_needing_a_coach(self):
		lonely = make_coachee(self.program)
		frappe.db.set_value("Coach", self.coach.name, "status", "Inactive")
		try:
			_, rows = needing({"program": self.program})
		finally:
			frappe.db.set_value("Coach", self.coach.name, "status", "Active")
		by_coachee = {r["coachee"]: r for r in rows}
		self.assertEqual(by_coachee[lonely.name]["reason"], "No live agreement")
		for agreement in self.agreements[:3]:
			self.assertIn("Inactive", by_coachee[agreement.coachee]["reason"])
		self.assertNotIn(self.agreements[3].coachee, {a.coachee for a in self.agreements[:3]})


class TestFeedbackSummary(CoachingTestCase):
	def test_anonymous_answers_only_in_aggregate_above_threshold(self):
		program = make_program().name
		coach = make_coach(capacity=10)
		round_ = make_feedback_round(program)

		def answer(rating, anonymous=1):
			coachee = make_coachee(program)
			agreement = make_agreement(coach.name, coachee.name, program, status=lifecycle.ACTIVE)
			frappe.get_doc(
				{
					"doctype": "Coaching Feedback",
					"round": round_.name,
					"agreement": agreement.name,
					"respondent_role": "Coachee",
					"respondent": coachee.user,
					"is_anonymous": anonymous,
					"overall_rating": rating,
					"status": "Submitted",
				}
			).insert(ignore_permissions=True)

		answer(5)
		answer(3)
		_, rows = feedback_summary({"program": program})
		(row,) = rows
		self.assertEqual(row["responses"], 2)
		self.assertIsNone(row["overall"])
		self.assertEqual(row["note"], "Not enough responses")
		answer(4)
		_, rows = feedback_summary({"program": program})
		(row,) = rows
		self.assertEqual((row["responses"], row["overall"], row["note"]), (3, 4.0, ""))
		self.assertEqual(
			(row["coach_name"], row["round_title"]),
			(coach.full_name, round_.title or round_.name),
		)

	def test_an_anonymous_answer_cannot_be_worked_out_from_named_ones_or_other_rounds(self):
		program = make_program().name
		coach = make_coach(capacity=10)
		first, second = make_feedback_round(program), make_feedback_round(program)

		def answer(round_, rating, anonymous):
			coachee = make_coachee(program)
			agreement = make_agreement(coach.name, coachee.name, program, status=lifecycle.ACTIVE)
			return frappe.get_doc(
				{
					"doctype": "Coaching Feedback",
					"round": round_.name,
					"agreement": agreement.name,
					"respondent_role": "Coachee",
					"respondent": coachee.user,
					"is_anonymous": anonymous,
					"overall_rating": rating,
					"status": "Submitted",
				}
			).insert(ignore_permissions=True)

		# Two named answers, which staff read one by one, and one anonymous answer in the first round;
		# three anonymous answers in the second.
		answer(first, 5, 0)
		answer(first, 4, 0)
		lone = answer(first, 1, 1)
		for rating in (3, 4, 5):
			answer(second, rating, 1)
		_, rows = feedback_summary({"program": program})
		by_group = {(row["round"], row["answers"]): row for row in rows}
		self.assertEqual(by_group[(first.name, "Named")]["overall"], 4.5)
		self.assertEqual(by_group[(first.name, "Named")]["responses"], 2)
		self.assertIsNone(
			by_group[(first.name, "Anonymous")]["overall"], "a lone anonymous answer stays hidden"
		)
		self.assertEqual(by_group[(second.name, "Anonymous")]["overall"], 4.0)
		# No figure mixes the lone answer with anything: each row holds one round and one kind of answer.
		self.assertEqual(len(rows), 3)
		for filters in (
			{"program": program},
			{"round": first.name},
			{"program": program, "round": second.name},
		):
			for row in feedback_summary(filters)[1]:
				if row["overall"] is not None:
					self.assertNotEqual((row["round"], row["answers"]), (first.name, "Anonymous"))

		# The answer keeps no history that would tie it to its author.
		with self.set_user(lone.respondent):
			doc = frappe.get_doc("Coaching Feedback", lone.name)
			doc.comments = "Changed my mind"
			doc.save()
		self.assertFalse(
			frappe.db.exists("Version", {"ref_doctype": "Coaching Feedback", "docname": lone.name})
		)
