"""Frappe's Personal Data Deletion Request, end to end: no personal value of the person is left in any
coaching table, column by column, while the records and counts reports need are still there.

Frappe's deletion commits as it goes, so this suite removes what it created afterwards."""

import json
from unittest import mock

import frappe
from frappe.utils import add_days, now_datetime, today
from frappe.website.doctype.web_form.web_form import accept

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_action, make_note, make_relationship, make_session, unique

TEXT_TYPES = {
	"Data",
	"Small Text",
	"Text",
	"Text Editor",
	"Long Text",
	"Link",
	"Dynamic Link",
	"Select",
	"Read Only",
}


def coaching_tables():
	return frappe.get_all("DocType", filters={"module": "Coaching", "issingle": 0}, pluck="name")


def leftovers(values: list[str]) -> list[str]:
	"""Every (table.column) in the Coaching module holding any of `values`."""
	found = []
	for doctype in coaching_tables():
		meta = frappe.get_meta(doctype)
		columns = [f.fieldname for f in meta.fields if f.fieldtype in TEXT_TYPES] + [
			"name",
			"owner",
			"modified_by",
		]
		for column in columns:
			if not frappe.db.has_column(doctype, column):
				continue
			for value in values:
				if frappe.db.count(doctype, {column: ("like", f"%{value}%")}):
					found.append(f"{doctype}.{column}")
	return found


def post(web_form: str, **data):
	"""A web form post, as the browser sends it (the endpoint's rate limit is for real traffic)."""
	try:
		return getattr(accept, "__wrapped__", accept)(web_form, json.dumps(data, default=str))
	finally:
		frappe.flags.in_web_form = False


def history_holding(value: str) -> list[str]:
	return frappe.get_all("Version", filters={"data": ("like", f"%{value}%")}, pluck="ref_doctype")


class TestPersonalDataDeletion(CoachingTestCase):
	def delete_personal_data(self, email: str) -> None:
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": email})
		request.save(ignore_permissions=True)
		request.status = "Pending Approval"
		request.save(ignore_permissions=True)
		request.trigger_data_deletion()

	def remove(self, created: dict, email: str) -> None:
		frappe.db.rollback()
		for doctype, names in created.items():
			for table in frappe.get_meta(doctype).get_table_fields():
				frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", names)})
			frappe.db.delete(doctype, {"name": ("in", names)})
		frappe.db.delete(
			"Comment", {"reference_name": ("in", [n for names in created.values() for n in names])}
		)
		frappe.db.delete("Personal Data Deletion Request", {"email": email})
		frappe.db.commit()  # static-check: remove what the deletion request committed

	def remove_renamed(self, created: dict, email: str) -> None:
		self.remove(created, email)
		for doctype, column in (("Has Role", "parent"), ("User", "name")):
			frappe.db.delete(doctype, {column: email})
		frappe.db.commit()  # static-check: remove what a renaming Frappe committed

	def test_deleted_coachee_leaves_no_personal_value(self):
		marker = unique("Quixotic")  # a word only this person's records contain
		rel = make_relationship(status=lifecycle.ACTIVE)
		email = rel.coachee.user
		frappe.db.set_value(
			"Coachee", rel.coachee.name, {"story": f"{marker} story", "full_name": f"{marker} Name"}
		)
		frappe.db.set_value("Coaching Agreement", rel.agreement.name, "coachee_name", f"{marker} Name")
		session = make_session(rel.agreement.name, agenda=f"{marker} agenda", wins=f"{marker} wins")
		action = make_action(
			rel.coachee.name, rel.agreement.name, description=f"{marker} step", measure=f"{marker} measure"
		)
		plan = frappe.get_doc(
			{
				"doctype": "Growth Plan",
				"coachee": rel.coachee.name,
				"agreement": rel.agreement.name,
				"strengths": f"{marker} strengths",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # static-check: the deletion request commits; it must see these
		created = {
			"Coaching Session": [session.name],
			"Coaching Action": [action.name],
			"Growth Plan": [plan.name],
			"Coaching Agreement": [rel.agreement.name],
			"Coachee": [rel.coachee.name],
			"Coach": [rel.coach.name],
		}
		try:
			self.assertTrue(leftovers([marker, email]))  # the scan finds what is there
			self.delete_personal_data(email)
			self.assertEqual(leftovers([marker, email]), [])
			# The records stay, so counts and reports still add up.
			for doctype, names in created.items():
				self.assertEqual(frappe.db.count(doctype, {"name": ("in", names)}), len(names), doctype)
			self.assertEqual(frappe.db.get_value("Coaching Session", session.name, "status"), "Scheduled")
			self.assertEqual(
				frappe.db.get_value("Coaching Agreement", rel.agreement.name, "status"), lifecycle.ACTIVE
			)
		finally:
			self.remove(created, email)

	def test_deleted_coach_leaves_no_personal_value_not_even_in_private_notes(self):
		marker = unique("Zephyrine")
		rel = make_relationship(status=lifecycle.ACTIVE)
		email = rel.coach.user
		frappe.db.set_value("Coach", rel.coach.name, {"bio": f"{marker} bio", "full_name": f"{marker} Coach"})
		frappe.db.set_value("Coaching Agreement", rel.agreement.name, "coach_name", f"{marker} Coach")
		session = make_session(rel.agreement.name, agenda="Budget talk")
		frappe.db.set_value("Coaching Session", session.name, "coach_name", f"{marker} Coach")
		note = make_note(session.name, email, f"{marker} private thought")
		frappe.db.commit()  # static-check: the deletion request commits; it must see these
		created = {
			"Coaching Note": [note.name],
			"Coaching Session": [session.name],
			"Coaching Agreement": [rel.agreement.name],
			"Coachee": [rel.coachee.name],
			"Coach": [rel.coach.name],
		}
		try:
			self.assertTrue(leftovers([marker, email]))
			self.delete_personal_data(email)
			self.assertEqual(leftovers([marker, email]), [])
			for doctype, names in created.items():
				self.assertEqual(frappe.db.count(doctype, {"name": ("in", names)}), len(names), doctype)
			# The coachee's side of the shared records is untouched.
			self.assertEqual(frappe.db.get_value("Coaching Session", session.name, "agenda"), "Budget talk")
			self.assertEqual(
				frappe.db.get_value("Coaching Agreement", rel.agreement.name, "coachee_user"),
				rel.coachee.user,
			)
		finally:
			self.remove(created, email)

	def test_words_written_through_the_forms_leave_no_copy_in_rows_or_history(self):
		marker = unique("Halcyon")
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		email = rel.coachee.user
		# Frappe keeps no history while it runs tests; a real site does, so these saves keep it too.
		with self.set_user(email), mock.patch.dict(frappe.flags, {"in_test": False}):
			post(
				"coaching-intake",
				name=rel.coachee.name,
				story=f"{marker} by the sea",
				dreams=f"{marker} dream",
			)
			post(
				"coaching-intake",
				name=rel.coachee.name,
				story=f"{marker} by the lake",
				dreams=f"{marker} dream",
			)
		with self.set_user(rel.coach.user):
			session = post(
				"log-a-session",
				agreement=rel.agreement.name,
				session_start=now_datetime(),
				status="Completed",
				agenda=f"{marker} agenda",
				new_action_steps=[{"description": f"{marker} step", "measure": f"{marker} measure"}],
			)
		frappe.db.commit()  # static-check: the deletion request commits; it must see these
		created = {
			"Coaching Session": [session.name],
			"Coaching Action": frappe.get_all("Coaching Action", {"source_name": session.name}, pluck="name"),
			"Coaching Agreement": [rel.agreement.name],
			"Coachee": [rel.coachee.name],
			"Coach": [rel.coach.name],
		}
		try:
			self.assertIn("Coaching Session Step", {found.split(".")[0] for found in leftovers([marker])})
			self.assertIn("Coachee", history_holding(marker))
			self.delete_personal_data(email)
			self.assertEqual(leftovers([marker, email]), [])
			self.assertEqual(history_holding(marker), [])
			self.assertEqual(frappe.db.count("Coaching Session", {"name": session.name}), 1)
		finally:
			frappe.db.delete("Version", {"docname": ("in", [n for names in created.values() for n in names])})
			self.remove(created, email)

	def test_a_user_renamed_for_another_reason_keeps_her_coaching_words(self):
		marker = unique("Saffron")
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		with self.set_user(rel.coach.user):
			session = post(
				"log-a-session",
				agreement=rel.agreement.name,
				session_start=now_datetime(),
				status="Completed",
				new_action_steps=[{"description": f"{marker} step", "measure": "by Friday"}],
			)
		new_email = f"renamed-{rel.coachee.user}"
		# Other tests of this class commit, and some Frappe versions commit while renaming: nothing of this
		# test may stay behind.
		created = {
			"Coaching Session": [session.name],
			"Coaching Action": frappe.get_all("Coaching Action", {"source_name": session.name}, pluck="name"),
			"Coaching Agreement": [rel.agreement.name],
			"Coachee": [rel.coachee.name],
			"Coach": [rel.coach.name],
		}
		self.addCleanup(self.remove_renamed, created, new_email)
		frappe.rename_doc("User", rel.coachee.user, new_email, force=True, show_alert=False)
		steps = frappe.get_all("Coaching Session Step", {"parent": session.name}, pluck="description")
		self.assertEqual(steps, [f"{marker} step"])
