"""Figures for the Coaching workspace's number cards that a plain count with static filters cannot give.

They count with `frappe.qb` past the record-level hooks, so only staff may ask for them, and each counts the
programs the caller runs only (`coaching_app.access.scope`). The cards that are plain counts of a DocType are
counted by Frappe with `frappe.get_list`, which applies the same program scope through the permission hooks.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_days, get_first_day, get_last_day, getdate

from coaching_app.access.permissions import is_staff
from coaching_app.access.scope import (
	coach_in_programs,
	filters_in_programs,
	programs_of_staff,
	where_in_programs,
)
from coaching_app.rules.lifecycle import RUNNING_STATES


def require_staff() -> None:
	if not is_staff():
		frappe.throw(_("Only coaching staff can see these figures."), frappe.PermissionError)


@frappe.whitelist(methods=["GET", "POST"])
def renewals_due_in_30_days(filters: str | dict | None = None) -> int:
	require_staff()
	today = getdate()
	return frappe.db.count(
		"Coaching Agreement",
		filters_in_programs(
			{"status": ("in", list(RUNNING_STATES)), "end_date": ("between", (today, add_days(today, 30)))},
			programs_of_staff(),
		),
	)


@frappe.whitelist(methods=["GET", "POST"])
def coaches_over_capacity(filters: str | dict | None = None) -> int:
	require_staff()
	from coaching_app.coaching.report.coach_load.coach_load import data

	return sum(1 for row in data(frappe._dict(status="Active")) if row["over_capacity"])


@frappe.whitelist(methods=["GET", "POST"])
def sessions_this_month(filters: str | dict | None = None) -> int:
	"""How many sessions are held this month in the programs the caller runs: a count, never their content,
	so it is taken past the content rule that keeps staff out of the sessions themselves."""
	require_staff()
	today = getdate()
	session = frappe.qb.DocType("Coaching Session")
	query = (
		frappe.qb.from_(session)
		.select(Count(session.name))
		.where(
			(session.status != "Cancelled")
			& (session.session_start >= get_first_day(today))
			& (session.session_start <= f"{get_last_day(today)} 23:59:59")
		)
	)
	return where_in_programs(query, session.program, programs_of_staff()).run()[0][0]


@frappe.whitelist(methods=["GET", "POST"])
def coaches_who_were_coachees(filters: str | dict | None = None) -> int:
	"""Coaches of the caller's programs who were coached here first. Coach records are readable to all staff,
	so a plain count would count every program's coaches."""
	require_staff()
	programs = programs_of_staff()
	coach = frappe.qb.DocType("Coach")
	query = (
		frappe.qb.from_(coach)
		.select(Count(coach.name))
		.where(coach.grew_from_coachee.isnotnull() & (coach.grew_from_coachee != ""))
	)
	if programs is not None:
		if not programs:
			return 0
		query = query.where(coach_in_programs(coach, programs))
	return query.run()[0][0]


@frappe.whitelist(methods=["GET", "POST"])
def in_coach_training(filters: str | dict | None = None) -> int:
	"""People working through the coach training of the caller's programs (the Coach Training report lists
	them with how far each is)."""
	require_staff()
	return frappe.db.count(
		"Coach Training Progress", filters_in_programs({"status": "In Progress"}, programs_of_staff())
	)
