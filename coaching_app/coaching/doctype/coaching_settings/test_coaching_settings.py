import frappe

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import DEFAULTS, get_settings
from coaching_app.tests import CoachingTestCase


class TestCoachingSettings(CoachingTestCase):
	def test_installed_defaults(self):
		settings = get_settings()
		self.assertEqual(settings.default_commitment_months, 12)
		self.assertEqual(settings.renewal_notice_days, 30)
		self.assertEqual(settings.first_session_minutes, 120)
		self.assertEqual(settings.max_actions_per_session, 2)
		self.assertEqual(frappe.db.get_single_value("Coaching Settings", "default_commitment_months"), 12)
		self.assertEqual(set(settings), set(DEFAULTS))

	def test_invalid_values_refused(self):
		settings = frappe.get_single("Coaching Settings")
		settings.default_commitment_months = 0
		self.assertRaisesRegex(frappe.ValidationError, "at least one month", settings.save)
		settings.reload()
		settings.max_actions_per_session = 0
		self.assertRaisesRegex(frappe.ValidationError, "at least one", settings.save)
