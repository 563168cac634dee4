"""Integration helpers shared by every suite: the base test class and record factories."""

import frappe

try:  # Frappe v16 and late v15
	from frappe.tests import IntegrationTestCase as _FrappeBase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as _FrappeBase


class CoachingTestCase(_FrappeBase):
	"""The one base class for this app's integration tests. Both Frappe versions give it `set_user`,
	`freeze_time` and `assertQueryCount`; v16 also `change_settings`, which v15 keeps as a function."""

	if not hasattr(_FrappeBase, "change_settings"):  # Frappe v15 keeps it as a function
		from frappe.tests.utils import change_settings as _change_settings

		change_settings = staticmethod(_change_settings)
		del _change_settings

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Relationship tests create many users; Frappe's sign-up throttle is not what they test.
		frappe.local.conf.throttle_user_limit = 100_000
