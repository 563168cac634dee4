import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_framework


class TestGrowthFramework(CoachingTestCase):
	def test_characteristics_are_ordered_and_unique(self):
		framework = make_framework(characteristics=("Courage", "Wisdom"))
		self.assertEqual([r.sort_order for r in framework.characteristics], [1, 2])
		self.assertEqual(framework.ordered_characteristics(), ["Courage", "Wisdom"])
		self.assertRaisesRegex(
			frappe.ValidationError, "listed twice", make_framework, None, ("Courage", "courage ")
		)

	def test_framework_needs_characteristics(self):
		self.assertRaises(frappe.MandatoryError, make_framework, None, ())
