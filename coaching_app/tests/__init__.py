"""Integration helpers shared by every suite: the base test class and record factories."""

from contextlib import contextmanager

import frappe

try:  # Frappe v16 and late v15
	from frappe.tests import IntegrationTestCase as _FrappeBase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as _FrappeBase


class CoachingTestCase(_FrappeBase):
	"""The one base class for this app's integration tests. Both Frappe versions give it `freeze_time`; v16
	also `change_settings`, which v15 keeps as a function. `set_user` and `assertQueryCount` are Frappe's
	own, made to restore the user on failure and safe on PostgreSQL."""

	if not hasattr(_FrappeBase, "change_settings"):  # Frappe v15 keeps it as a function
		from frappe.tests.utils import change_settings as _change_settings

		change_settings = staticmethod(_change_settings)
		del _change_settings

	@contextmanager
	def set_user(self, user: str):
		"""Frappe's `set_user` context: run the block as `user`, then restore whoever was signed in, also when
		an assertion inside fails (Frappe's develop version restores only on a normal exit)."""
		previous = frappe.session.user
		frappe.set_user(user)
		try:
			yield
		finally:
			frappe.set_user(previous)

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
