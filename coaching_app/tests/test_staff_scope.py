"""Coaching kept apart from evaluation: staff see relationships in the programs they run, not what coach and
coachee told each other, unless the coachee shares one record; a staff member who also coaches reads the
content of their own relationships only."""

import frappe
import frappe.client

from coaching_app.access import guard
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_action,
	make_coach,
	make_managed_relationship,
	make_relationship,
	make_session,
	make_user,
)

AGENDA = "Talk about the conflict with my line manager"


class TestStaffScope(CoachingTestCase):
	def setUp(self):
		self.manager_a = make_user(roles=("Coaching Manager",))
		self.manager_b = make_user(roles=("Coaching Manager",))
		self.site_admin = make_user(roles=("System Manager",))
		self.a = make_managed_relationship(self.manager_a)
		self.b = make_managed_relationship(self.manager_b)
		self.session_a = make_session(self.a.agreement.name, agenda=AGENDA)
		self.session_b = make_session(self.b.agreement.name, agenda=AGENDA)
		self.unmanaged = make_relationship(status=lifecycle.ACTIVE)

	def readable(self, user, doctype, name):
		with self.set_user(user):
			listed = name in frappe.get_list(doctype, pluck="name", limit_page_length=0)
			opened = frappe.has_permission(doctype, "read", doc=name)
			self.assertEqual(listed, opened, (user, doctype, name))
			return opened

	def test_a_program_manager_sees_her_programs_relationships_and_no_others(self):
		self.assertTrue(self.readable(self.manager_a, "Coaching Agreement", self.a.agreement.name))
		self.assertTrue(self.readable(self.manager_a, "Coachee", self.a.coachee.name))
		self.assertFalse(self.readable(self.manager_a, "Coaching Agreement", self.b.agreement.name))
		self.assertFalse(self.readable(self.manager_a, "Coachee", self.b.coachee.name))
		# A program that names no managers is run by every Coaching Manager; System Managers see every program.
		self.assertTrue(self.readable(self.manager_a, "Coaching Agreement", self.unmanaged.agreement.name))
		self.assertTrue(self.readable(self.manager_b, "Coaching Agreement", self.unmanaged.agreement.name))
		for rel in (self.a, self.b, self.unmanaged):
			self.assertTrue(self.readable(self.site_admin, "Coaching Agreement", rel.agreement.name))
		with self.set_user(self.manager_a):
			count = guard.get_count("Coaching Agreement", filters={"name": self.b.agreement.name})
		self.assertEqual(count, 0)

	def test_staff_read_the_relationship_but_not_its_content(self):
		action = make_action(self.a.coachee.name, self.a.agreement.name)
		# A history row holding the agenda, as an edit of the session leaves one.
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Coaching Session",
				"docname": self.session_a.name,
				"data": frappe.as_json({"changed": [["agenda", "", AGENDA]]}),
			}
		).insert(ignore_permissions=True)
		for user in (self.manager_a, self.site_admin):
			self.assertTrue(self.readable(user, "Coaching Agreement", self.a.agreement.name))
			self.assertFalse(self.readable(user, "Coaching Session", self.session_a.name), user)
			self.assertFalse(self.readable(user, "Coaching Action", action.name), user)
			with self.set_user(user):
				try:
					found = frappe.client.get_value(
						"Coaching Session", "agenda", {"name": self.session_a.name}
					)
				except frappe.PermissionError:
					found = None
				self.assertFalse(found)
				self.assertRaises(
					frappe.PermissionError, frappe.client.get, "Coaching Session", self.session_a.name
				)
				try:  # Coaching Managers have no role access to Version at all; System Managers do
					versions = frappe.get_list(
						"Version",
						filters={"docname": self.session_a.name},
						fields=["data"],
						limit_page_length=0,
					)
				except frappe.PermissionError:
					versions = []
				self.assertFalse([v for v in versions if AGENDA in (v.data or "")])
		# The parties read it as before.
		self.assertTrue(self.readable(self.a.coach.user, "Coaching Session", self.session_a.name))
		self.assertTrue(self.readable(self.a.coachee.user, "Coaching Session", self.session_a.name))

	def test_the_coachee_shares_one_session_with_staff_and_takes_it_back(self):
		other_session = make_session(
			self.a.agreement.name, start=frappe.utils.add_to_date(frappe.utils.now_datetime(), hours=2)
		)
		with self.set_user(self.a.coachee.user):
			frappe.get_doc("Coaching Session", self.session_a.name).share_with_staff(1)
		self.assertTrue(self.readable(self.manager_a, "Coaching Session", self.session_a.name))
		self.assertFalse(self.readable(self.manager_a, "Coaching Session", other_session.name))
		self.assertFalse(
			self.readable(self.manager_b, "Coaching Session", self.session_a.name), "only the program's staff"
		)
		# Shared to read, not to change.
		with self.set_user(self.manager_a):
			self.assertFalse(frappe.has_permission("Coaching Session", "write", doc=self.session_a.name))
		with self.set_user(self.a.coachee.user):
			frappe.get_doc("Coaching Session", self.session_a.name).share_with_staff(0)
		self.assertFalse(self.readable(self.manager_a, "Coaching Session", self.session_a.name))

	def test_only_the_coachee_decides_what_is_shared(self):
		with self.set_user(self.a.coach.user):
			doc = frappe.get_doc("Coaching Session", self.session_a.name)
			self.assertRaises(frappe.PermissionError, doc.share_with_staff, 1)
			# Nor can the coach tick the box by saving the session.
			doc.reload()
			doc.shared_with_staff = 1
			doc.save()
		self.assertEqual(frappe.db.get_value("Coaching Session", self.session_a.name, "shared_with_staff"), 0)
		# Staff cannot even open it to try.
		self.assertFalse(self.readable(self.manager_a, "Coaching Session", self.session_a.name))

	def test_a_staff_member_who_coaches_reads_only_her_own_relationships_content(self):
		coaching_manager = make_user(roles=("Coaching Manager", "Coach"))
		coach = make_coach(user=coaching_manager, capacity=5)
		own = make_relationship(status=lifecycle.ACTIVE)
		frappe.db.set_value(
			"Coaching Agreement",
			own.agreement.name,
			{"coach": coach.name, "coach_user": coaching_manager},
		)
		own_session = make_session(own.agreement.name)
		self.assertTrue(self.readable(coaching_manager, "Coaching Session", own_session.name))
		self.assertFalse(self.readable(coaching_manager, "Coaching Session", self.session_a.name))
		with self.set_user(coaching_manager):
			self.assertTrue(frappe.has_permission("Coaching Session", "write", doc=own_session.name))
