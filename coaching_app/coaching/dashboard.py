"""Figures for the Coaching workspace's number cards that a plain count with static filters cannot give.

They count records across the whole site, so only staff may ask for them.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_days, get_first_day, get_last_day, getdate

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.permissions import is_staff, managed_programs
from coaching_app.rules.capacity import coach_load, is_over_capacity
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
		{"status": ("in", list(RUNNING_STATES)), "end_date": ("between", (today, add_days(today, 30)))},
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
	programs = managed_programs(frappe.session.user)
	if programs is not None:
		query = query.where(session.program.isin(programs or [""]))
	return query.run()[0][0]
