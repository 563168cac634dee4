"""Program prompts and checklists on sessions, and coachees who become coaches."""

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, getdate

from coaching_app.coaching.doctype.coach.coach import get_lineage
from coaching_app.coaching.report.coaching_culture.coaching_culture import execute as culture
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_agreement,
	make_coach,
	make_coachee,
	make_program,
	make_relationship,
	make_session,
	make_user,
)


class TestProgramPractice(CoachingTestCase):
	def test_new_program_gets_defaults_and_sessions_copy_prompts(self):
		program = make_program()
		self.assertEqual(len(program.session_prompts), 4)
		self.assertEqual(len(program.first_meeting_checklist), 3)
		program.session_prompts = []
		program.append(
			"session_prompts", {"prompt": "What would you like to take away?", "applies_to": "Every Session"}
		)
		program.append(
			"session_prompts", {"prompt": "How shall we build trust?", "applies_to": "First Session"}
		)
		program.append(
			"session_prompts", {"prompt": "What are you celebrating?", "applies_to": "Later Sessions"}
		)
		program.save()
		rel = make_relationship(
			status=lifecycle.ACTIVE, program=program.name, start_date=add_days(getdate(), -20)
		)
		first = make_session(rel.agreement.name, start=add_to_date(get_datetime(), days=-10))
		later = make_session(rel.agreement.name)
		self.assertEqual(
			[r.prompt for r in first.prompt_answers],
			["What would you like to take away?", "How shall we build trust?"],
		)
		self.assertEqual(
			[r.prompt for r in later.prompt_answers],
			["What would you like to take away?", "What are you celebrating?"],
		)
		self.assertEqual(len(first.first_meeting_checklist), 3)
		self.assertFalse(later.first_meeting_checklist)

		first.prompt_answers[0].answer = "Clarity on my next role"
		first.save()
		program.reload()
		program.session_prompts[0].prompt = "Reworded prompt"
		program.save()
		first.reload()
		self.assertEqual(first.prompt_answers[0].prompt, "What would you like to take away?")
		self.assertEqual(first.prompt_answers[0].answer, "Clarity on my next role")

	def test_checklist_state(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		first = make_session(rel.agreement.name)
		self.assertFalse(first.checklist_complete)
		for row in first.first_meeting_checklist[:-1]:
			row.done = 1
		first.save()
		self.assertFalse(first.checklist_complete)
		first.first_meeting_checklist[-1].done = 1
		first.save()
		self.assertTrue(first.checklist_complete)
		incomplete = frappe.get_all(
			"Coaching Session",
			filters={"first_session": 1, "checklist_complete": 0, "agreement": rel.agreement.name},
		)
		self.assertEqual(incomplete, [])


class TestCoachingCulture(CoachingTestCase):
	def test_promotion_creates_one_coach_linked_both_ways(self):
		program = make_program().name
		mentor = make_coach(programs=[{"program": program}])
		coachee = make_coachee(program)
		make_agreement(mentor.name, coachee.name, program, status=lifecycle.COMPLETED)
		with self.set_user(make_user(roles=("Coaching Manager",))):
			coach_name = frappe.get_doc("Coachee", coachee.name).promote_to_coach()
			coach = frappe.get_doc("Coach", coach_name)
			self.assertEqual(
				(coach.user, coach.status, coach.grew_from_coachee),
				(coachee.user, "In Training", coachee.name),
			)
			self.assertEqual(frappe.db.get_value("Coachee", coachee.name, "became_coach"), coach_name)
			self.assertIn("Coach", frappe.get_roles(coachee.user))
			self.assertRaises(
				frappe.DuplicateEntryError, frappe.get_doc("Coachee", coachee.name).promote_to_coach
			)
			self.assertEqual(frappe.db.count("Coach", {"user": coachee.user}), 1)

			lineage = get_lineage(coach_name)
			self.assertEqual([r.coach for r in lineage["coached_by"]], [mentor.name])
			mentor_lineage = get_lineage(mentor.name)
			self.assertEqual([r.coachee for r in mentor_lineage["coachees"]], [coachee.name])
			self.assertEqual([r.coach for r in mentor_lineage["coachees_who_coach"]], [coach_name])

			_, rows = culture({"program": program})
			self.assertEqual(
				rows, [{"program": program, "coaches": 2, "grew_from_coachees": 1, "share": 50.0}]
			)

	def test_coach_cannot_promote(self):
		program = make_program().name
		coachee = make_coachee(program)
		with self.set_user(make_coach().user):
			self.assertRaises(
				frappe.PermissionError, frappe.get_doc("Coachee", coachee.name).promote_to_coach
			)
