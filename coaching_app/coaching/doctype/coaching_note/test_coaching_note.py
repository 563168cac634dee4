import frappe

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship, make_session, make_user


class TestCoachingNote(CoachingTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_only_the_sessions_coach_writes_and_reads_it(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		frappe.set_user(rel.coach.user)
		note = frappe.get_doc(
			{"doctype": "Coaching Note", "session": session.name, "content": "Seemed tired"}
		).insert()
		self.assertEqual(note.author, rel.coach.user)
		self.assertEqual(note.agreement, rel.agreement.name)
		self.assertEqual(frappe.get_list("Coaching Note", pluck="name"), [note.name])

		manager = make_user(roles=("Coaching Manager", "System Manager"))
		frappe.set_user(manager)
		self.assertFalse(frappe.has_permission("Coaching Note", "read", note.name))
		self.assertRaises(frappe.PermissionError, frappe.get_list, "Coaching Note")
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc("Coaching Note", note.name).check_permission, "read"
		)

		frappe.set_user(rel.coachee.user)
		self.assertFalse(frappe.has_permission("Coaching Note", "read", note.name))

	def test_other_coach_cannot_note_a_session(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		other = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		frappe.set_user(other.coach.user)
		self.assertRaises(
			frappe.PermissionError,
			frappe.get_doc({"doctype": "Coaching Note", "session": session.name, "content": "x"}).insert,
		)

	def test_no_version_history(self):
		self.assertFalse(frappe.get_meta("Coaching Note").track_changes)
