import frappe
from frappe import _
from frappe.utils import date_diff, getdate

from coaching_app.access.scope import filters_in_programs, programs_for_figures
from coaching_app.cadence import running_relationships
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules import cadence
from coaching_app.rules.lifecycle import RUNNING_STATES


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	return columns(), rows, None, chart(rows)


def chart(rows):
	"""How many running relationships meet as agreed and how many are behind."""
	if not rows:
		return None
	behind = sum(row["behind"] for row in rows)
	return {
		"type": "donut",
		"data": {
			"labels": [_("On Cadence"), _("Behind")],
			"datasets": [{"values": [len(rows) - behind, behind]}],
		},
		"colors": ["#3b9c6e", "#e2504c"],
	}


def columns():
	return [
		{
			"fieldname": "agreement",
			"label": _("Agreement"),
			"fieldtype": "Link",
			"options": "Coaching Agreement",
			"width": 150,
		},
		{"fieldname": "coachee_name", "label": _("Coachee"), "fieldtype": "Data", "width": 160},
		{"fieldname": "coach_name", "label": _("Coach"), "fieldtype": "Data", "width": 160},
		{"fieldname": "cadence", "label": _("Cadence"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "last_session",
			"label": _("Last Completed Session"),
			"fieldtype": "Date",
			"width": 160,
		},
		{"fieldname": "next_due", "label": _("Next Session Due"), "fieldtype": "Date", "width": 140},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "behind", "label": _("Behind"), "fieldtype": "Check", "width": 80},
	]


def data(filters):
	today = getdate(filters.as_of) if filters.as_of else getdate()
	grace = get_settings().cadence_grace_days
	# The caller's programs (None: every program) go into the query itself.
	relationships = running_relationships(today, filters.program, programs_for_figures(filters.program))
	rows = []
	for row in relationships:
		last_day = getdate(row.last_session) if row.last_session else None
		kind = row.cadence or "Monthly"
		due = cadence.next_session_due(kind, getdate(row.start_date), last_day)
		behind = cadence.is_behind(kind, getdate(row.start_date), last_day, today, grace)
		if filters.only_behind and not behind:
			continue
		rows.append(
			{
				"agreement": row.name,
				"coachee_name": row.coachee_name,
				"coach_name": row.coach_name,
				"cadence": _(kind),
				"last_session": last_day,
				"next_due": due,
				"days_overdue": max(date_diff(today, due), 0),
				"behind": int(behind),
			}
		)
	return rows
