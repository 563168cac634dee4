"""Both databases index what the app's DocTypes ask to be indexed, whatever other tables are called."""

import re

import frappe

from coaching_app.database import ensure_postgres_indexes, index_name
from coaching_app.tests import CoachingTestCase


def indexed_columns(doctype: str) -> set[str]:
	table = f"tab{doctype}"
	if frappe.db.db_type == "postgres":
		definitions = frappe.db.sql("select indexdef from pg_indexes where tablename = %s", table)
		return {match for (definition,) in definitions for match in re.findall(r'\("?(\w+)"?\)', definition)}
	return {row[4] for row in frappe.db.sql(f"show index from `{table}`")}  # static-check: app table names


class TestIndexes(CoachingTestCase):
	def test_every_search_index_of_the_app_exists_on_its_own_table(self):
		doctypes = frappe.get_all(
			"DocType", filters={"module": "Coaching", "issingle": 0, "is_virtual": 0}, pluck="name"
		)
		self.assertIn("Coaching Session", doctypes)
		missing = [
			(doctype, df.fieldname)
			for doctype in doctypes
			for df in frappe.get_meta(doctype).fields
			if df.search_index and df.fieldname not in indexed_columns(doctype)
		]
		self.assertEqual(missing, [])
		for doctype in ("Coaching Agreement", "Coaching Session"):
			for fieldname in ("coach", "status"):
				self.assertIn(fieldname, indexed_columns(doctype), doctype)
			if frappe.db.db_type == "postgres":
				# Lists sort by the DocType's sort field; on PostgreSQL the app indexes it itself.
				self.assertIn(frappe.get_meta(doctype).sort_field, indexed_columns(doctype), doctype)
		for child in ("Coach Skill", "Growth Plan Rating", "Coaching Session Step"):
			self.assertIn("parent", indexed_columns(child), child)

	def test_index_names_are_the_apps_own_and_creating_them_again_is_harmless(self):
		self.assertEqual(index_name("Coaching Session", "coach"), "coaching_session_coach_idx")
		long = index_name("Coaching Session Prompt Answer With A Much Longer Name", "characteristic")
		self.assertLessEqual(len(long), 63)
		self.assertEqual(
			long, index_name("Coaching Session Prompt Answer With A Much Longer Name", "characteristic")
		)
		ensure_postgres_indexes()
		ensure_postgres_indexes()

	def test_a_coachs_page_of_coachees_reads_a_page_through_its_own_index(self):
		from coaching_app.database import COMPOSITE_INDEXES, composite_index_name

		for doctype, index_fields in COMPOSITE_INDEXES.items():
			for fields in index_fields:
				with self.subTest(doctype=doctype, fields=fields):
					self.assertTrue(
						frappe.db.has_index(f"tab{doctype}", composite_index_name(doctype, fields)),
						"created on install and on every migrate",
					)
		if frappe.db.db_type == "mariadb":
			plan = frappe.db.sql(
				"""explain select name from `tabCoaching Agreement` where coach = 'X'
				and status in ('Active', 'Renewal Due') order by coachee_name, name limit 26""",
				as_dict=True,
			)
			self.assertNotIn("filesort", str(plan[0].get("Extra")), plan)
