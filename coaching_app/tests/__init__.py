"""Integration helpers shared by every suite: the base test class and record factories."""

import frappe

try:  # Frappe v16 and late v15
	from frappe.tests import IntegrationTestCase as _FrappeBase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as _FrappeBase


class CoachingTestCase(_FrappeBase):
	"""The one base class for this app's integration tests."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Relationship tests create many users; Frappe's sign-up throttle is not what they test.
		frappe.local.conf.throttle_user_limit = 100_000
