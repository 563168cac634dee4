import frappe
from frappe import _
from frappe.query_builder.functions import Count

from coaching_app.access.scope import NOTHING, coaches_in_programs, programs_for_figures, where_in_programs
from coaching_app.capacity import load_counts
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.capacity import coach_load, free_capacity, is_over_capacity
from coaching_app.rules.lifecycle import RUNNING_STATES


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	return columns(), rows, None, chart(rows)


def columns():
	return [
		{"fieldname": "coach_name", "label": _("Coach"), "fieldtype": "Data", "width": 180},
		{"fieldname": "coach", "label": _("Record"), "fieldtype": "Link", "options": "Coach", "width": 120},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "capacity", "label": _("Capacity"), "fieldtype": "Int", "width": 90},
		{"fieldname": "agreements", "label": _("Running Agreements"), "fieldtype": "Int", "width": 140},
		{"fieldname": "pool_bookings", "label": _("Pool Bookings"), "fieldtype": "Int", "width": 120},
		{"fieldname": "load", "label": _("Load"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "free", "label": _("Free"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "over_capacity", "label": _("Over Capacity"), "fieldtype": "Check", "width": 110},
		{"fieldname": "last_session_date", "label": _("Last Session"), "fieldtype": "Date", "width": 120},
	]


def data(filters):
	"""One row per coach of the caller's programs. Coaches are shared between programs: the running
	agreements, and the load and free room reckoned from them, count only the caller's programs (all of them
	for System Managers); accepted coach-pool bookings belong to no program and always count."""
	programs = programs_for_figures(filters.program)
	coach_filters = {}
	if filters.status:
		coach_filters["status"] = filters.status
	if filters.program:
		# The coaches a program lists, and those holding an agreement in it.
		coach_filters["name"] = ("in", coaches_in_programs([filters.program]) or NOTHING)
	elif programs is not None:
		coach_filters["name"] = ("in", coaches_in_programs(programs) or NOTHING)
	coaches = frappe.get_all(
		"Coach",
		filters=coach_filters,
		fields=["name", "full_name", "status", "capacity", "last_session_date"],
		order_by="full_name asc",
	)
	names = [coach.name for coach in coaches]
	running = running_in_programs(names, programs)
	_all_programs, bookings = load_counts(names)
	weight = get_settings().pool_booking_weight
	rows = []
	for coach in coaches:
		load = coach_load(running.get(coach.name, 0), bookings.get(coach.name, 0), weight)
		rows.append(
			{
				"coach": coach.name,
				"coach_name": coach.full_name,
				"status": _(coach.status),
				"capacity": coach.capacity or 0,
				"agreements": running.get(coach.name, 0),
				"pool_bookings": bookings.get(coach.name, 0),
				"load": load,
				"free": free_capacity(coach.capacity or 0, load),
				"over_capacity": int(is_over_capacity(coach.capacity or 0, load)),
				"last_session_date": coach.last_session_date,
			}
		)
	if filters.only_over_capacity:
		rows = [r for r in rows if r["over_capacity"]]
	return rows


def running_in_programs(coaches: list[str], programs: list[str] | None) -> dict[str, int]:
	"""Running agreements per coach, in `programs` only (None: every program)."""
	if not coaches:
		return {}
	agreement = frappe.qb.DocType("Coaching Agreement")
	query = (
		frappe.qb.from_(agreement)
		.select(agreement.coach, Count(agreement.name))
		.where(agreement.status.isin(list(RUNNING_STATES)) & agreement.coach.isin(coaches))
		.groupby(agreement.coach)
	)
	return dict(where_in_programs(query, agreement.program, programs).run())


def chart(rows):
	"""Load against capacity per coach, fullest first, so who can take a coachee reads at a glance."""
	if not rows:
		return None
	shown = sorted(rows, key=lambda r: r["load"] - r["capacity"], reverse=True)[:30]
	return {
		"type": "bar",
		"data": {
			"labels": [r["coach_name"] for r in shown],
			"datasets": [
				{"name": _("Load"), "values": [r["load"] for r in shown]},
				{"name": _("Capacity"), "values": [r["capacity"] for r in shown]},
			],
		},
		"barOptions": {"spaceRatio": 0.4},
	}
