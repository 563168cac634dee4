"""A program moving from a spreadsheet: Frappe's Data Import loads coachees, keeps good rows and reports
the bad one. Data Import commits row by row, so this suite removes what it created."""

import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coachee, make_program, make_user, unique


class TestCoacheeImport(CoachingTestCase):
	def test_import_keeps_good_rows_and_reports_the_bad_one(self):
		program = make_program().name
		users = [make_user(roles=()) for _ in range(3)]
		already_enrolled = make_coachee(program, users[1]).name
		frappe.db.commit()  # static-check: the importer commits; its rows must see these
		csv = "\n".join(
			[
				"User,Full Name,Program,Status",
				f"{users[0]},Ada Import,{program},Active",
				f"{users[1]},Ben Import,{program},Active",  # already a coachee: refused
				f"{users[2]},Cleo Import,{program},Active",
			]
		)
		file = frappe.get_doc(
			{"doctype": "File", "file_name": f"{unique('coachees')}.csv", "content": csv, "is_private": 1}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"import_type": "Insert New Records",
				"reference_doctype": "Coachee",
				"import_file": file.file_url,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # static-check: as Frappe's own importer tests do, so a failed row cannot undo the import record
		try:
			data_import.start_import()
			data_import.reload()
			imported = frappe.get_all(
				"Coachee", filters={"user": ("in", users), "name": ("!=", already_enrolled)}, pluck="user"
			)
			self.assertEqual(sorted(imported), sorted([users[0], users[2]]))
			self.assertEqual(frappe.db.count("Coachee", {"user": users[1]}), 1)
			self.assertEqual(data_import.status, "Partial Success")
			failures = frappe.get_all(
				"Data Import Log",
				filters={"data_import": data_import.name, "success": 0},
				fields=["row_indexes"],
			)
			self.assertEqual(len(failures), 1)
			self.assertIn("3", failures[0].row_indexes)  # the header is row 1
		finally:
			frappe.db.delete("Coachee", {"user": ("in", users)})
			frappe.db.delete("Data Import Log", {"data_import": data_import.name})
			frappe.delete_doc("Data Import", data_import.name, force=True, ignore_permissions=True)
			frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
			frappe.delete_doc("Coaching Program", program, force=True, ignore_permissions=True)
			for user in users:
				frappe.delete_doc("User", user, force=True, ignore_permissions=True)
			frappe.db.commit()  # static-check: undo what the importer committed
