"""The one place where a statement differs between MariaDB and PostgreSQL.

Everything else the app runs is written once, in `frappe.qb` or in SQL both databases accept."""

import hashlib
import re

import frappe


def new_row_name_sql() -> str:
	"""An SQL expression giving a fresh random name per row, for set-wise inserts of timeline rows."""
	if frappe.db.db_type == "postgres":
		return "cast(gen_random_uuid() as varchar)"
	return "uuid()"


def index_name(doctype: str, fieldname: str) -> str:
	"""A name of the app's own for a one-column index: PostgreSQL index names are shared by every table of a
	schema, and Frappe names an index after its column, so only the first table with a `status` or `coach`
	column gets one. At most 63 characters, PostgreSQL's limit."""
	name = f"{frappe.scrub(doctype)}_{fieldname}_idx"
	if len(name) > 63:
		name = f"{name[:50]}_{hashlib.sha1(name.encode()).hexdigest()[:8]}_idx"
	return name


def ensure_postgres_indexes() -> list[str]:
	"""On PostgreSQL, the indexes the app's DocTypes ask for (search index; the sort field for list order;
	a child table's `parent`) under names no other table takes. MariaDB names indexes per table and needs nothing here."""
	if frappe.db.db_type != "postgres":
		return []
	created = []
	for doctype in frappe.get_all(
		"DocType", filters={"module": "Coaching", "issingle": 0, "is_virtual": 0}, pluck="name"
	):
		meta = frappe.get_meta(doctype)
		fields = ["parent"] if meta.istable else [meta.sort_field or "modified"]
		fields += [df.fieldname for df in meta.fields if df.search_index]
		indexed = postgres_indexed_columns(doctype)
		for fieldname in fields:
			if fieldname in indexed:
				continue
			name = index_name(doctype, fieldname)
			frappe.db.add_index(doctype, [fieldname], index_name=name)
			created.append(name)
	return created


# Indexes of several columns, for the pages that filter by one column and sort or count by another: a coach's
# page of coachees on My Coaching (by coachee name), her counts by status, and her overdue steps by due date.
# With them a coach of 5,000 coachees reads a page of 25 rows, not 5,000 rows sorted.
COMPOSITE_INDEXES = {
	"Coaching Agreement": (("coach", "coachee_name"), ("coach", "status")),
	"Coaching Action": (("coach", "status", "due_date"),),
	# Each relationship's last completed session (Cadence Health, the cadence check).
	"Coaching Session": (("agreement", "status", "session_start"),),
}


def composite_index_name(doctype: str, fields: tuple[str, ...]) -> str:
	return index_name(doctype, "_".join(fields))


def ensure_composite_indexes() -> list[str]:
	"""Creates the COMPOSITE_INDEXES a site lacks (on install and on every migrate); returns their names."""
	created = []
	for doctype, index_fields in COMPOSITE_INDEXES.items():
		for fields in index_fields:
			name = composite_index_name(doctype, fields)
			if not frappe.db.has_index(f"tab{doctype}", name):
				frappe.db.add_index(doctype, list(fields), index_name=name)
				created.append(name)
	return created


def postgres_indexed_columns(doctype: str) -> set[str]:
	"""Columns of the DocType's table that lead an index already."""
	definitions = frappe.db.sql("select indexdef from pg_indexes where tablename = %s", f"tab{doctype}")
	return {m.group(1) for (d,) in definitions if (m := re.search(r'\("?(\w+)"?[,)]', d))}


def add_unique_constraint(doctype: str, columns: tuple[str, ...], name: str) -> None:
	"""A unique constraint over `columns`, once. Frappe 15's `add_unique` leaves column names unquoted on
	PostgreSQL, where `user` is a reserved word; the columns are quoted here, and Frappe turns the backticks
	into PostgreSQL's quotes."""
	exists = frappe.db.sql(
		"""select constraint_name from information_schema.table_constraints
		where table_name = %s and constraint_type = 'UNIQUE' and lower(constraint_name) = %s""",
		(f"tab{doctype}", name.lower()),
	)
	if exists:
		return
	quoted = ", ".join(f"`{column}`" for column in columns)
	frappe.db.sql(  # static-check: a DocType name and column names of the app's own, no input
		f"alter table `tab{doctype}` add constraint {name} unique ({quoted})"
	)
