"""The one place where a statement differs between MariaDB and PostgreSQL.

Everything else the app runs is written once, in `frappe.qb` or in SQL both databases accept."""

import frappe


def new_row_name_sql() -> str:
	"""An SQL expression giving a fresh random name per row, for set-wise inserts of timeline rows."""
	if frappe.db.db_type == "postgres":
		return "cast(gen_random_uuid() as varchar)"
	return "uuid()"
