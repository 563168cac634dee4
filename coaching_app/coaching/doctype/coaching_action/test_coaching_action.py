import frappe
from frappe.utils import getdate, today

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_action, make_relationship


class TestCoachingAction(CoachingTestCase):
	def test_action_without_measure_refused(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		for empty in (None, "<p></p>"):
			with self.subTest(measure=empty):
				self.assertRaisesRegex(
					frappe.ValidationError,
					"measured",
					make_action,
					rel.coachee.name,
					rel.agreement.name,
					measure=empty,
				)

	def test_done_sets_completed_on_and_reopening_clears_it(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		action = make_action(rel.coachee.name, rel.agreement.name)
		self.assertEqual(action.status, "Open")
		self.assertEqual(action.coach, rel.coach.name)
		action.status = "Done"
		action.save()
		self.assertEqual(getdate(action.completed_on), getdate(today()))
		action.status = "Open"
		action.save()
		self.assertIsNone(action.completed_on)

	def test_source_needs_both_parts(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"source",
			make_action,
			rel.coachee.name,
			rel.agreement.name,
			source_type="Coaching Session",
		)
