"""Coaches who stop coaching: an Active coach with no completed session for the settings' inactivity days
becomes Inactive, so staff can reassign the coachees left without active coaching."""

import frappe
from frappe.query_builder.functions import Coalesce
from frappe.utils import add_days, getdate, now_datetime

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.lifecycle import ACTIVE


def mark_inactive_coaches(today=None) -> int:
	"""One statement; `notices.send_inactive_coach_notices` then tells staff about each coach once."""
	days = get_settings().coach_inactivity_days
	if not days:
		return 0
	coach = frappe.qb.DocType("Coach")
	cutoff = add_days(getdate(today), -days)
	(
		frappe.qb.update(coach)
		.set(coach.status, "Inactive")
		.set(coach.inactive_notified_on, None)
		.set(coach.modified, now_datetime())
		.where(
			(coach.status == ACTIVE)
			& (Coalesce(coach.last_session_date, coach.training_completed_on) < cutoff)
		)
	).run()
	return frappe.db._cursor.rowcount
