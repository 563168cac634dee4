"""Active coachees with no live agreement, or whose coach is no longer active, with replacement ideas."""

import frappe
from frappe import _
from frappe.utils import getdate

from coaching_app.access.scope import NOTHING, filters_in_programs, programs_for_figures
from coaching_app.matching import candidates, wanted_skills
from coaching_app.rules.lifecycle import LIVE_STATES
from coaching_app.rules.matching import rank


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns():
	return [
		{
			"fieldname": "coachee",
			"label": _("Coachee"),
			"fieldtype": "Link",
			"options": "Coachee",
			"width": 160,
		},
		{"fieldname": "coachee_name", "label": _("Name"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "program",
			"label": _("Program"),
			"fieldtype": "Link",
			"options": "Coaching Program",
			"width": 150,
		},
		{
			"fieldname": "agreement",
			"label": _("Agreement"),
			"fieldtype": "Link",
			"options": "Coaching Agreement",
			"width": 140,
		},
		{"fieldname": "reason", "label": _("Why"), "fieldtype": "Data", "width": 200},
		{"fieldname": "suggestions", "label": _("Suggested Coaches"), "fieldtype": "Data", "width": 320},
	]


def data(filters):
	programs = programs_for_figures(filters.program)
	coachees = frappe.get_all(
		"Coachee",
		filters=filters_in_programs({"status": "Active"}, programs),
		fields=["name", "full_name", "program"],
		order_by="full_name asc",
	)
	live = {
		row.coachee: row
		for row in frappe.get_all(
			"Coaching Agreement",
			filters={
				"status": ("in", list(LIVE_STATES)),
				"coachee": ("in", [c.name for c in coachees] or NOTHING),
			},
			fields=["name", "coachee", "coach", "coach_name"],
		)
	}
	coach_status = dict(
		frappe.get_all(
			"Coach",
			filters={"name": ("in", list({row.coach for row in live.values()}) or NOTHING)},
			fields=["name", "status"],
			as_list=True,
		)
	)
	pools: dict[str, list] = {}
	today = getdate()
	rows = []
	for coachee in coachees:
		agreement = live.get(coachee.name)
		if agreement and coach_status.get(agreement.coach) == "Active":
			continue
		status = coach_status.get(agreement.coach) if agreement else None
		if not agreement:
			reason = _("No live agreement")
		elif status:
			reason = _("Coach {0} is {1}").format(agreement.coach_name, _(status))
		else:
			reason = _("Coach {0} has no coach record").format(agreement.coach_name)
		if coachee.program not in pools:
			pools[coachee.program] = candidates(coachee.program)
		exclude = agreement.coach if agreement else None
		ranked = rank(
			[c for c in pools[coachee.program] if c.name != exclude], wanted_skills(coachee.name), today, 3
		)
		rows.append(
			{
				"coachee": coachee.name,
				"coachee_name": coachee.full_name,
				"program": coachee.program,
				"agreement": agreement.name if agreement else None,
				"reason": reason,
				"suggestions": ", ".join(f"{s.full_name} ({s.score})" for s in ranked)
				or _("No coach has room"),
			}
		)
	return rows
