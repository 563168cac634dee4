import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import unique


class TestCoachingSkill(CoachingTestCase):
	def test_named_by_skill_and_unique(self):
		name = unique("Delegation")
		skill = frappe.get_doc({"doctype": "Coaching Skill", "skill_name": name}).insert()
		self.assertEqual(skill.name, name)
		self.assertRaises(
			frappe.DuplicateEntryError,
			frappe.get_doc({"doctype": "Coaching Skill", "skill_name": name}).insert,
		)
