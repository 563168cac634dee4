"""Integration helpers shared by every suite: the base test class and record factories."""

try:  # Frappe v16 and late v15
	from frappe.tests import IntegrationTestCase as _FrappeBase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as _FrappeBase


class CoachingTestCase(_FrappeBase):
	"""The one base class for this app's integration tests."""
