"""Per program: how many coaches there are, and how many of them were coached here first."""

import frappe
from frappe import _

from coaching_app.access.scope import filters_in_programs, programs_for_figures


def execute(filters=None):
	filters = frappe._dict(filters or {})
	columns = [
		{
			"fieldname": "program",
			"label": _("Program"),
			"fieldtype": "Link",
			"options": "Coaching Program",
			"width": 200,
		},
		{"fieldname": "coaches", "label": _("Coaches"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "grew_from_coachees",
			"label": _("Coaches Who Were Coachees"),
			"fieldtype": "Int",
			"width": 200,
		},
		{"fieldname": "share", "label": _("Share"), "fieldtype": "Percent", "width": 100},
	]
	return columns, data(filters)


def data(filters):
	# A coach counts in each program they list; only the caller's programs are counted.
	memberships = frappe.get_all(
		"Coach Program",
		filters=filters_in_programs({"parenttype": "Coach"}, programs_for_figures(filters.program)),
		fields=["parent", "program"],
	)
	grown = set(frappe.get_all("Coach", filters={"grew_from_coachee": ("is", "set")}, pluck="name"))
	by_program: dict[str, set[str]] = {}
	for row in memberships:
		by_program.setdefault(row.program, set()).add(row.parent)
	rows = []
	for program in sorted(by_program):
		coaches = by_program[program]
		count = len(coaches & grown)
		rows.append(
			{
				"program": program,
				"coaches": len(coaches),
				"grew_from_coachees": count,
				"share": round(100.0 * count / len(coaches), 1) if coaches else 0,
			}
		)
	return rows
