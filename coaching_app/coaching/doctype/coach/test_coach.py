import frappe
from frappe.utils import add_days, today

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coach, make_skill, make_user


class TestCoach(CoachingTestCase):
	def test_new_coach_gets_role_and_default_capacity(self):
		user = make_user()
		coach = frappe.get_doc({"doctype": "Coach", "user": user, "full_name": "Robin Hale"}).insert()
		self.assertEqual(coach.status, "In Training")
		self.assertEqual(coach.capacity, 5)
		self.assertIn("Coach", frappe.get_roles(user))

	def test_one_coach_record_per_user(self):
		coach = make_coach()
		self.assertRaises(frappe.DuplicateEntryError, make_coach, coach.user)

	def test_active_needs_completed_training(self):
		coach = make_coach(status="In Training")
		coach.status = "Active"
		self.assertRaisesRegex(frappe.ValidationError, "training was completed", coach.save)
		coach.reload()
		coach.status = "Active"
		coach.training_completed_on = add_days(today(), 1)
		self.assertRaisesRegex(frappe.ValidationError, "future", coach.save)
		coach.reload()
		coach.status = "Active"
		coach.training_completed_on = today()
		coach.save()
		self.assertEqual(frappe.db.get_value("Coach", coach.name, "status"), "Active")

	def test_unavailability_dates_must_be_ordered(self):
		coach = make_coach()
		coach.unavailable_from = add_days(today(), 10)
		coach.unavailable_until = add_days(today(), 5)
		self.assertRaisesRegex(frappe.ValidationError, "cannot be after", coach.save)

	def test_skill_listed_once(self):
		skill = make_skill()
		coach = make_coach()
		coach.append("skills", {"skill": skill})
		coach.append("skills", {"skill": skill, "level": "Expert"})
		self.assertRaisesRegex(frappe.ValidationError, "listed twice", coach.save)
