import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_program, make_user


class TestCoachingProgram(CoachingTestCase):
	def test_program_names_are_unique(self):
		program = make_program()
		self.assertRaises(frappe.DuplicateEntryError, make_program, program.program_name)

	def test_manager_listed_once(self):
		user = make_user()
		program = make_program()
		program.append("managers", {"user": user})
		program.append("managers", {"user": user})
		self.assertRaisesRegex(frappe.ValidationError, "already a manager", program.save)

	def test_negative_commitment_refused(self):
		self.assertRaisesRegex(frappe.ValidationError, "negative", make_program, commitment_months=-1)
