"""Integration helpers shared by every suite: the base test class and record factories."""

from contextlib import contextmanager

import frappe

try:  # Frappe v16 and late v15
	from frappe.tests import IntegrationTestCase as _FrappeBase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as _FrappeBase


class CoachingTestCase(_FrappeBase):
	"""The one base class for this app's integration tests. Both Frappe versions give it `set_user` and
	`freeze_time`; v16 also `change_settings`, which v15 keeps as a function; `assertQueryCount` is Frappe's
	own, made safe on PostgreSQL."""

	if not hasattr(_FrappeBase, "change_settings"):  # Frappe v15 keeps it as a function
		from frappe.tests.utils import change_settings as _change_settings

		change_settings = staticmethod(_change_settings)
		del _change_settings

	@contextmanager
	def assertQueryCount(self, count: int):
		"""Frappe's assertQueryCount, counting the same way, but with the queries turned into text before
		they are joined into the failure message: on PostgreSQL Frappe (v15 and develop) records them as
		lazily decoded bytes and its own helper then fails with a TypeError whatever the count."""
		queries = []
		database = frappe.db.__class__
		original = database.sql

		def counted(db, *args, **kwargs):
			result = original(db, *args, **kwargs)
			queries.append(str(db.last_query))
			return result

		database.sql = counted
		try:
			yield
		finally:
			database.sql = original
		self.assertLessEqual(len(queries), count, msg="Queries executed:\n" + "\n\n".join(queries))

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Relationship tests create many users; Frappe's sign-up throttle is not what they test.
		frappe.local.conf.throttle_user_limit = 100_000
