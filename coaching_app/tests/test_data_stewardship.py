"""Personal data download and deletion, private-note retention, and the audit trail."""

import os

import frappe
from frappe.utils import add_days, getdate
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import get_user_data

from coaching_app.renewals import complete_ended_agreements
from coaching_app.retention import delete_expired_private_notes
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_action, make_note, make_relationship, make_session


class TestPersonalData(CoachingTestCase):
	def test_download_holds_own_records_only(self):
		mine = make_relationship(status=lifecycle.ACTIVE)
		theirs = make_relationship(status=lifecycle.ACTIVE, program=mine.program)
		session = make_session(mine.agreement.name, agenda="My private agenda")
		make_session(theirs.agreement.name, agenda="Someone else's agenda")
		action = make_action(mine.coachee.name, mine.agreement.name)
		data = frappe.parse_json(get_user_data(mine.coachee.user))
		names = {doctype: {row["name"] for row in rows} for doctype, rows in data.items()}
		self.assertEqual(names["Coachee"], {mine.coachee.name})
		self.assertEqual(names["Coaching Agreement"], {mine.agreement.name})
		self.assertEqual(names["Coaching Session"], {session.name})
		self.assertEqual(names["Coaching Action"], {action.name})
		self.assertNotIn("Someone else's agenda", frappe.as_json(data))
		self.assertNotIn("Coaching Note", {k for k, v in data.items() if v})

	def test_private_note_only_in_its_authors_download(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		note = make_note(session.name, rel.coach.user, "Private thought")
		self.assertIn(
			note.name, {r["name"] for r in frappe.parse_json(get_user_data(rel.coach.user))["Coaching Note"]}
		)
		self.assertNotIn("Private thought", frappe.as_json(get_user_data(rel.coachee.user)))

	def test_hooks_name_real_fields(self):
		for entry in frappe.get_hooks("user_data_fields", app_name="coaching_app"):
			meta = frappe.get_meta(entry["doctype"])
			self.assertTrue(entry["filter_by"] == "owner" or meta.has_field(entry["filter_by"]), entry)
			for field in entry.get("redact_fields", []):
				self.assertTrue(meta.has_field(field), (entry["doctype"], field))


class TestNoteRetention(CoachingTestCase):
	def test_notes_removed_after_retention_days_once(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date="2026-01-01")
		session = make_session(rel.agreement.name, start="2026-02-01 10:00:00")
		note = make_note(session.name, rel.coach.user, "x")
		with self.set_user(rel.coach.user):
			attachment = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"retention-{note.name}.txt",
					"attached_to_doctype": "Coaching Note",
					"attached_to_name": note.name,
					"is_private": 1,
					"content": f"kept until retention ends {note.name}".encode(),
				}
			).insert()
		stored = attachment.get_full_path()
		end = getdate(rel.agreement.end_date)
		complete_ended_agreements(add_days(end, 1))
		with self.change_settings("Coaching Settings", private_note_retention_days=30):
			self.assertEqual(delete_expired_private_notes(add_days(end, 30)), 0)
			self.assertTrue(frappe.db.exists("Coaching Note", note.name))
			self.assertEqual(delete_expired_private_notes(add_days(end, 31)), 1)
			self.assertFalse(frappe.db.exists("Coaching Note", note.name))
			# Its attachment goes with it: the File row and the stored file.
			self.assertFalse(frappe.db.exists("File", attachment.name))
			self.assertFalse(os.path.exists(stored))
			self.assertEqual(delete_expired_private_notes(add_days(end, 31)), 0)

	def test_zero_keeps_notes(self):
		self.assertEqual(delete_expired_private_notes("2099-01-01"), 0)


class TestAuditTrail(CoachingTestCase):
	def test_changes_tracked_except_private_notes(self):
		for doctype in ("Coaching Agreement", "Coaching Session", "Growth Plan", "Coaching Action"):
			self.assertTrue(frappe.get_meta(doctype).track_changes, doctype)
		self.assertFalse(frappe.get_meta("Coaching Note").track_changes)
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		note = make_note(session.name, rel.coach.user, "first")
		with self.set_user(rel.coach.user):
			note.content = "second"
			note.save(ignore_version=False)  # tests skip versions unless asked; ask, to prove none is written
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Coaching Note", "docname": note.name}))
		session.agenda = "Changed agenda"
		session.save(ignore_version=False)
		self.assertTrue(
			frappe.db.exists("Version", {"ref_doctype": "Coaching Session", "docname": session.name})
		)
