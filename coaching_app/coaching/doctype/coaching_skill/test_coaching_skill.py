import frappe

from coaching_app.tests import CoachingTestCase


class TestCoachingSkill(CoachingTestCase):
	def test_named_by_skill_and_unique(self):
		skill = frappe.get_doc({"doctype": "Coaching Skill", "skill_name": "Delegation"}).insert()
		self.assertEqual(skill.name, "Delegation")
		self.assertRaises(
			frappe.DuplicateEntryError,
			frappe.get_doc({"doctype": "Coaching Skill", "skill_name": "Delegation"}).insert,
		)
