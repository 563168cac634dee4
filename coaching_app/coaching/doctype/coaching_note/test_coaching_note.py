import frappe

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_note, make_relationship, make_session, make_user


class TestCoachingNote(CoachingTestCase):
	def test_only_the_sessions_coach_writes_and_reads_it(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		note = make_note(session.name, rel.coach.user, "Seemed tired")
		with self.set_user(rel.coach.user):
			self.assertEqual(note.author, rel.coach.user)
			self.assertEqual(note.agreement, rel.agreement.name)
			self.assertEqual(frappe.get_list("Coaching Note", pluck="name"), [note.name])

			manager = make_user(roles=("Coaching Manager", "System Manager"))
		with self.set_user(manager):
			self.assertFalse(frappe.has_permission("Coaching Note", "read", note.name))
			self.assertRaises(frappe.PermissionError, frappe.get_list, "Coaching Note")
			self.assertRaises(
				frappe.PermissionError, frappe.get_doc("Coaching Note", note.name).check_permission, "read"
			)

		with self.set_user(rel.coachee.user):
			self.assertFalse(frappe.has_permission("Coaching Note", "read", note.name))

	def test_other_coach_cannot_note_a_session(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		other = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		with self.set_user(other.coach.user):
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_doc({"doctype": "Coaching Note", "session": session.name, "content": "x"}).insert,
			)

	def test_no_version_history(self):
		self.assertFalse(frappe.get_meta("Coaching Note").track_changes)

	def test_files_on_a_note_are_private_and_follow_the_note(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		note = make_note(session.name, rel.coach.user, "See file")
		with self.set_user(rel.coach.user):

			def attach(is_private):
				return frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"{frappe.generate_hash(length=8)}.txt",
						"content": "worries about the team",
						"attached_to_doctype": "Coaching Note",
						"attached_to_name": note.name,
						"is_private": is_private,
					}
				).insert()

			self.assertRaises(frappe.ValidationError, attach, 0)
			kept = attach(1)
			self.assertTrue(kept.file_url.startswith("/private/files/"))
			self.assertTrue(frappe.has_permission("File", "read", kept.name))

		outsiders = (
			make_user(roles=("Coaching Manager", "System Manager")),
			rel.coachee.user,
			make_relationship(status=lifecycle.ACTIVE).coach.user,
		)
		for outsider in outsiders:
			with self.set_user(outsider):
				self.assertFalse(frappe.has_permission("File", "read", kept.name), outsider)

	def test_a_role_permission_granted_later_does_not_open_notes(self):
		"""A System Manager can give any role rights in the Role Permissions Manager; the note stays its
		author's, because the permission hooks decide after the role rules."""
		from frappe.desk.reportview import execute
		from frappe.permissions import add_permission, update_permission_property

		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		note = make_note(session.name, rel.coach.user, "Private")
		add_permission("Coaching Note", "System Manager", 0)
		for ptype in ("read", "write", "report", "export", "print", "delete"):
			update_permission_property("Coaching Note", "System Manager", 0, ptype, 1)
		self.addCleanup(frappe.clear_cache, doctype="Coaching Note")
		self.addCleanup(frappe.db.delete, "Custom DocPerm", {"parent": "Coaching Note"})

		with self.set_user(make_user(roles=("System Manager",))):
			self.assertTrue(
				frappe.permissions.get_role_permissions(frappe.get_meta("Coaching Note")).get("read")
			)
			for ptype in ("read", "write", "print", "delete"):
				self.assertFalse(frappe.has_permission("Coaching Note", ptype, note.name), ptype)
			self.assertEqual(frappe.get_list("Coaching Note", pluck="name"), [])
			self.assertEqual(execute("Coaching Note", fields=["name", "content"]), [])
