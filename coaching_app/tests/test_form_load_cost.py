"""Cost kept in CI: opening a Coaching Session as its coach costs at most 3 queries plus one per child
table."""

import frappe

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship, make_session


class TestFormLoadCost(CoachingTestCase):
	def test_session_form_load_as_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		child_tables = len(frappe.get_meta("Coaching Session").get_table_fields())
		with self.set_user(rel.coach.user):
			# Warm the metadata and role caches, as every load after a user's first finds them.
			frappe.get_doc("Coaching Session", session.name).check_permission("read")
			with self.assertQueryCount(3 + child_tables):
				doc = frappe.get_doc("Coaching Session", session.name)
				doc.check_permission("read")
