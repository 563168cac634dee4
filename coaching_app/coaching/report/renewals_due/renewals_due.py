import frappe
from frappe import _
from frappe.utils import add_days, date_diff, getdate

from coaching_app.access.scope import filters_in_programs, programs_for_figures
from coaching_app.rules.lifecycle import RUNNING_STATES


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns():
	return [
		{
			"fieldname": "agreement",
			"label": _("Agreement"),
			"fieldtype": "Link",
			"options": "Coaching Agreement",
			"width": 150,
		},
		{"fieldname": "coachee_name", "label": _("Coachee"), "fieldtype": "Data", "width": 170},
		{"fieldname": "coach_name", "label": _("Coach"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "program",
			"label": _("Program"),
			"fieldtype": "Link",
			"options": "Coaching Program",
			"width": 150,
		},
		{"fieldname": "end_date", "label": _("Ends On"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_left", "label": _("Days Left"), "fieldtype": "Int", "width": 90},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
	]


def data(filters):
	start = getdate(filters.from_date) if filters.from_date else getdate()
	end = getdate(filters.to_date) if filters.to_date else add_days(start, 30)
	conditions = {"status": ("in", list(RUNNING_STATES)), "end_date": ("between", (start, end))}
	filters_in_programs(conditions, programs_for_figures(filters.program))
	rows = frappe.get_all(
		"Coaching Agreement",
		filters=conditions,
		fields=["name as agreement", "coachee_name", "coach_name", "program", "end_date", "status"],
		order_by="end_date asc",
	)
	today = getdate()
	for row in rows:
		row.days_left = date_diff(row.end_date, today)
		row.status = _(row.status)
	return rows
