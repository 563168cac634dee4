# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

"""Who is in coach training and how far each person is, in the caller's programs: one row per training
started, and one per coach a program requires the training from who has not started it."""

import frappe
from frappe import _
from frappe.utils import getdate

from coaching_app.access.scope import NOTHING, programs_for_figures
from coaching_app.rules.training import is_overdue, progress
from coaching_app.training import coaches_due_in

NOT_STARTED = "Not Started"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	return columns(), rows, None, None, summary(rows)


def columns():
	return [
		{"fieldname": "full_name", "label": _("Person"), "fieldtype": "Data", "width": 180},
		{"fieldname": "coach", "label": _("Coach"), "fieldtype": "Link", "options": "Coach", "width": 120},
		{"fieldname": "coach_status", "label": _("Coach Status"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "program",
			"label": _("Program"),
			"fieldtype": "Link",
			"options": "Coaching Program",
			"width": 150,
		},
		{"fieldname": "status", "label": _("Training"), "fieldtype": "Data", "width": 110},
		{"fieldname": "modules_done", "label": _("Modules Done"), "fieldtype": "Int", "width": 110},
		{"fieldname": "modules_total", "label": _("Modules"), "fieldtype": "Int", "width": 90},
		{"fieldname": "percent_done", "label": _("Done"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "started_on", "label": _("Started"), "fieldtype": "Date", "width": 110},
		{"fieldname": "completed_on", "label": _("Completed"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "waiting_for_review",
			"label": _("Waiting for Review"),
			"fieldtype": "Check",
			"width": 130,
		},
		{"fieldname": "required_by", "label": _("Required By"), "fieldtype": "Date", "width": 110},
		{"fieldname": "overdue", "label": _("Past Due"), "fieldtype": "Check", "width": 90},
		{
			"fieldname": "progress",
			"label": _("Answers"),
			"fieldtype": "Link",
			"options": "Coach Training Progress",
			"width": 120,
		},
	]


def data(filters, today=None):
	today = getdate(today)
	programs = programs_for_figures(filters.program)
	program_filters = {"name": ("in", programs or NOTHING)} if programs is not None else {}
	program_rows = frappe.get_all(
		"Coaching Program", filters=program_filters, fields=["name", "coach_training_required_by"]
	)
	in_scope = [row.name for row in program_rows]
	required_by = {row.name: row.coach_training_required_by for row in program_rows}
	order: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Coach Training Module",
		filters={
			"parenttype": "Coaching Program",
			"parentfield": "coach_training_modules",
			"parent": ("in", in_scope or NOTHING),
		},
		fields=["parent", "name"],
		order_by="idx asc",
	):
		order.setdefault(row.parent, []).append(row.name)
	trainings = frappe.get_all(
		"Coach Training Progress",
		filters={"program": ("in", in_scope or NOTHING)},
		fields=["name", "full_name", "user", "coach", "program", "status", "started_on", "completed_on"],
		order_by="full_name asc",
	)
	passed: dict[str, set[str]] = {}
	for row in frappe.get_all(
		"Coach Training Answer",
		filters={
			"parenttype": "Coach Training Progress",
			"parent": ("in", [t.name for t in trainings] or NOTHING),
			"passed": 1,
		},
		fields=["parent", "module"],
	):
		passed.setdefault(row.parent, set()).add(row.module)
	started = {(t.coach, t.program) for t in trainings}
	missing = sorted(
		pair for pair in coaches_due_in([p for p in in_scope if required_by.get(p)]) if pair not in started
	)
	coach_names = sorted({t.coach for t in trainings if t.coach} | {coach for coach, _program in missing})
	coaches = {
		row.name: row
		for row in frappe.get_all(
			"Coach", filters={"name": ("in", coach_names or NOTHING)}, fields=["name", "full_name", "status"]
		)
	}
	rows = []
	for t in trainings:
		state = progress(order.get(t.program, []), passed.get(t.name, set()))
		coach = coaches.get(t.coach)
		completed = t.status == "Completed"
		rows.append(
			{
				"full_name": t.full_name,
				"coach": t.coach,
				"coach_status": _(coach.status) if coach else "",
				"program": t.program,
				"status": _(t.status),
				"raw_status": t.status,
				"modules_done": state.done,
				"modules_total": state.total,
				"percent_done": 100 if completed else state.percent,
				"started_on": t.started_on,
				"completed_on": t.completed_on,
				"waiting_for_review": int(completed and bool(coach) and coach.status == "In Training"),
				"required_by": required_by.get(t.program),
				"overdue": int(
					is_overdue(getdate(required_by[t.program]), None, today)
					if required_by.get(t.program) and not completed
					else 0
				),
				"progress": t.name,
			}
		)
	for coach_name, program in missing:
		coach = coaches.get(coach_name)
		if not coach:
			continue
		rows.append(
			{
				"full_name": coach.full_name,
				"coach": coach.name,
				"coach_status": _(coach.status),
				"program": program,
				"status": _(NOT_STARTED),
				"raw_status": NOT_STARTED,
				"modules_done": 0,
				"modules_total": len(order.get(program, [])),
				"percent_done": 0,
				"waiting_for_review": 0,
				"required_by": required_by[program],
				"overdue": int(is_overdue(getdate(required_by[program]), None, today)),
			}
		)
	if filters.status:
		rows = [row for row in rows if row["raw_status"] == filters.status]
	if filters.only_overdue:
		rows = [row for row in rows if row["overdue"]]
	rows.sort(key=lambda row: (row["program"], (row["full_name"] or "").casefold()))
	return rows


def summary(rows):
	in_training = sum(1 for row in rows if row["raw_status"] == "In Progress")
	waiting = sum(row["waiting_for_review"] for row in rows)
	overdue = sum(row["overdue"] for row in rows)
	return [
		{"value": in_training, "label": _("In Training"), "datatype": "Int", "indicator": "Blue"},
		{"value": waiting, "label": _("Waiting for Review"), "datatype": "Int", "indicator": "Orange"},
		{"value": overdue, "label": _("Past Due"), "datatype": "Int", "indicator": "Red"},
	]
