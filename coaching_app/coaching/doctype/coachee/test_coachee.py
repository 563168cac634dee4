import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coachee, make_program, make_user


class TestCoachee(CoachingTestCase):
	def test_new_coachee_gets_role_and_no_coach_yet(self):
		program = make_program().name
		coachee = make_coachee(program)
		self.assertIn("Coachee", frappe.get_roles(coachee.user))
		self.assertFalse(coachee.current_coach)
		self.assertFalse(coachee.current_agreement)

	def test_one_coachee_record_per_user(self):
		program = make_program().name
		coachee = make_coachee(program)
		self.assertRaises(frappe.DuplicateEntryError, make_coachee, program, coachee.user)

	def test_inactive_program_is_refused(self):
		program = make_program(is_active=0).name
		self.assertRaisesRegex(frappe.ValidationError, "not active", make_coachee, program, make_user())

	def test_full_name_is_fetched_from_user(self):
		user = make_user(first_name="Ama")
		coachee = frappe.get_doc({"doctype": "Coachee", "user": user, "program": make_program().name}).insert(
			ignore_permissions=True
		)
		self.assertEqual(coachee.full_name, "Ama")
