"""Figures for the Coaching workspace's number cards that a plain count with static filters cannot give.

They count records across the whole site, so only staff may ask for them.
"""

import frappe
from frappe import _
from frappe.utils import add_days, get_first_day, get_last_day, getdate

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.permissions import is_staff
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
	require_staff()
	today = getdate()
	return len(
		frappe.get_list(
			"Coaching Session",
			filters={
				"status": ("!=", "Cancelled"),
				"session_start": ("between", (get_first_day(today), f"{get_last_day(today)} 23:59:59")),
			},
			pluck="name",
			limit_page_length=0,
		)
	)
