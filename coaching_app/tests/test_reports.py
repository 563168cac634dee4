"""Report figures checked against the records they summarize."""

import frappe
from frappe.utils import add_days, getdate, today

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.coaching.report.cadence_health.cadence_health import execute as cadence_health
from coaching_app.coaching.report.coach_load.coach_load import execute as coach_load
from coaching_app.coaching.report.coachees_needing_a_coach.coachees_needing_a_coach import execute as needing
from coaching_app.coaching.report.feedback_summary.feedback_summary import execute as feedback_summary
from coaching_app.coaching.report.renewals_due.renewals_due import execute as renewals_due
from coaching_app.feedback import close_rounds
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	answer_feedback,
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
	"""Anonymous answers reach staff only as an average of one round, one side and one kind of answer, of at
	least three different people, released once when the round closes."""

	def setUp(self):
		self.program = make_program().name
		self.manager = make_user(roles=("Coaching Manager",))
		program = frappe.get_doc("Coaching Program", self.program)
		program.append("managers", {"user": self.manager})
		program.save(ignore_permissions=True)
		self.coach = make_coach(capacity=20)

	def relationship(self):
		coachee = make_coachee(self.program)
		return make_agreement(self.coach.name, coachee.name, self.program, status=lifecycle.ACTIVE).name

	def summary(self, **filters):
		with self.set_user(self.manager):
			return feedback_summary({"program": self.program, **filters})[1]

	def close(self, round_):
		close_rounds(add_days(round_.closes_on, 1))

	def test_anonymous_answers_only_in_aggregate_above_threshold(self):
		small, large = (make_feedback_round(self.program, closes_on=today(), status="Open") for _ in range(2))
		for rating in (5, 3):
			answer_feedback(small.name, self.relationship(), rating)
		for rating in (5, 3, 4):
			answer_feedback(large.name, self.relationship(), rating)
		self.close(small)
		by_round = {row["round"]: row for row in self.summary()}
		self.assertEqual(by_round[small.name]["responses"], 2)
		self.assertIsNone(by_round[small.name]["overall"])
		self.assertEqual(by_round[small.name]["note"], "Not enough responses")
		row = by_round[large.name]
		self.assertEqual((row["responses"], row["people"], row["overall"], row["note"]), (3, 3, 4.0, ""))
		self.assertEqual((row["coach_name"], row["round_title"]), (self.coach.full_name, large.title))

	def test_the_threshold_counts_people_not_answers(self):
		"""A coach answering anonymously about three coachees is one person: her average is never shown."""
		round_ = make_feedback_round(self.program, closes_on=today(), status="Open")
		for rating in (2, 3, 4):
			answer_feedback(round_.name, self.relationship(), rating, respondent_role="Coach")
		self.close(round_)
		(row,) = self.summary(round=round_.name)
		self.assertEqual((row["responses"], row["people"]), (3, 1))
		self.assertIsNone(row["overall"])
		self.assertIsNone(row["progress"])

	def test_the_average_does_not_move_while_staff_can_see_who_has_answered(self):
		round_ = make_feedback_round(self.program, closes_on=today(), status="Open")
		for rating in (5, 5, 5):
			answer_feedback(round_.name, self.relationship(), rating)
		# Staff may follow, by name, whose requests are still outstanding.
		late = self.relationship()
		before = self.summary()
		answer_feedback(round_.name, late, 1)
		after = self.summary()
		# While the round is open no anonymous figure is shown, so none changes when one person answers.
		for rows in (before, after):
			self.assertEqual([row["overall"] for row in rows], [None])
			self.assertEqual(rows[0]["note"], "Shown when the round closes")
		self.close(round_)
		(released,) = self.summary()
		self.assertEqual((released["people"], released["overall"]), (4, 4.0))
		# Released once: a closed round takes no more answers, is not opened again, nor its dates moved.
		self.assertRaises(frappe.ValidationError, answer_feedback, round_.name, self.relationship(), 1)
		with self.set_user(self.manager):
			for change in ({"status": "Open"}, {"closes_on": add_days(today(), 7)}):
				doc = frappe.get_doc("Coaching Feedback Round", round_.name)
				doc.update(change)
				self.assertRaises(frappe.ValidationError, doc.save)
		self.assertEqual(self.summary(), [released])

	def test_an_anonymous_answer_cannot_be_worked_out_from_named_ones_or_other_rounds(self):
		first, second = (
			make_feedback_round(self.program, closes_on=today(), status="Open") for _ in range(2)
		)
		# Two named answers, which staff read one by one, and one anonymous answer in the first round;
		# three anonymous answers in the second.
		answer_feedback(first.name, self.relationship(), 5, anonymous=0)
		answer_feedback(first.name, self.relationship(), 4, anonymous=0)
		lone = answer_feedback(first.name, self.relationship(), 1)
		for rating in (3, 4, 5):
			answer_feedback(second.name, self.relationship(), rating)
		# The answer keeps no history that would tie it to its author.
		with self.set_user(lone.respondent):
			doc = frappe.get_doc("Coaching Feedback", lone.name)
			doc.comments = "Changed my mind"
			doc.save()
		self.assertFalse(
			frappe.db.exists("Version", {"ref_doctype": "Coaching Feedback", "docname": lone.name})
		)
		self.close(first)
		rows = self.summary()
		by_group = {(row["round"], row["answers"]): row for row in rows}
		self.assertEqual(by_group[(first.name, "Named")]["overall"], 4.5)
		self.assertEqual(by_group[(first.name, "Named")]["responses"], 2)
		self.assertIsNone(
			by_group[(first.name, "Anonymous")]["overall"], "a lone anonymous answer stays hidden"
		)
		self.assertEqual(by_group[(second.name, "Anonymous")]["overall"], 4.0)
		# No figure mixes the lone answer with anything: each row holds one round and one kind of answer.
		self.assertEqual(len(rows), 3)
		for filters in ({}, {"round": first.name}, {"round": second.name}):
			for row in self.summary(**filters):
				if row["overall"] is not None:
					self.assertNotEqual((row["round"], row["answers"]), (first.name, "Anonymous"))


class TestAnonymityFloor(CoachingTestCase):
	def test_no_role_sets_the_threshold_below_three(self):
		for user in ("Administrator", make_user(roles=("System Manager",))):
			with self.set_user(user):
				settings = frappe.get_doc("Coaching Settings")
				settings.feedback_anonymity_threshold = 1
				self.assertRaises(frappe.ValidationError, settings.save)
				settings.reload()
				settings.feedback_anonymity_threshold = 4
				settings.save()
		self.assertEqual(get_settings().feedback_anonymity_threshold, 4)

	def test_a_lower_value_stored_before_the_floor_is_read_as_three(self):
		# Written straight to the table, as a site upgraded from before the floor holds it.
		frappe.db.set_single_value("Coaching Settings", "feedback_anonymity_threshold", 1)
		frappe.clear_document_cache("Coaching Settings", "Coaching Settings")
		self.assertEqual(get_settings().feedback_anonymity_threshold, 3)
		program = make_program().name
		coach = make_coach(capacity=10)
		round_ = make_feedback_round(program, closes_on=today(), status="Open")
		for rating in (1, 5):
			coachee = make_coachee(program)
			agreement = make_agreement(coach.name, coachee.name, program, status=lifecycle.ACTIVE)
			answer_feedback(round_.name, agreement.name, rating)
		close_rounds(add_days(today(), 1))
		(row,) = feedback_summary({"round": round_.name})[1]
		self.assertIsNone(row["overall"], "two people's answers stay hidden whatever was stored")
