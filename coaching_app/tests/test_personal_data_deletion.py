"""Frappe's Personal Data Deletion Request, end to end: no personal value of the person is left in any
coaching table, column by column, while the records and counts reports need are still there.

Frappe's deletion commits as it goes, so this suite removes what it created afterwards."""

import frappe

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
