"""The end of an agreement's term, set-wise for every agreement at once: agreements past their end date
complete, and agreements inside the renewal notice window are flagged for renewal. Each change costs a
fixed handful of statements whatever the number of agreements, is idempotent, and catches up after missed
days by acting on everything that is due, not only what became due today."""

import frappe
from frappe.utils import add_days, getdate, now_datetime

from coaching_app.capacity import refresh_all_coach_loads
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.database import new_row_name_sql
from coaching_app.rules.lifecycle import ACTIVE, COMPLETED, RENEWAL_DUE, RUNNING_STATES

# Each timeline statement selects exactly the agreements its job's update then moves.
COMPLETION_WHERE = "status in %(running)s and end_date < %(today)s"
RENEWAL_WHERE = "status = %(active)s and end_date between %(today)s and %(until)s"


def complete_ended_agreements(today=None) -> int:
	"""Agreements past their end date that were not renewed or otherwise ended become Completed.

	Clears the coachees' summaries, writes one timeline entry per agreement, changes the agreements, and
	recomputes coach loads. Returns how many agreements were completed."""
	values = {
		"running": tuple(RUNNING_STATES),
		"today": getdate(today),
		"completed": COMPLETED,
		"now": now_datetime(),
		"state": COMPLETED,
	}
	coachee = frappe.qb.DocType("Coachee")
	agreement = frappe.qb.DocType("Coaching Agreement")
	ending = (
		frappe.qb.from_(agreement)
		.select(agreement.name)
		.where(agreement.status.isin(list(RUNNING_STATES)) & (agreement.end_date < values["today"]))
	)
	(
		frappe.qb.update(coachee)
		.set(coachee.current_agreement, None)
		.set(coachee.current_coach, None)
		.where(coachee.current_agreement.isin(ending))
	).run()
	frappe.db.sql(timeline_entries(COMPLETION_WHERE), values)
	frappe.db.sql(
		"""update `tabCoaching Agreement`
		set status = %(completed)s, live_key = null, ended_on = end_date, modified = %(now)s
		where status in %(running)s and end_date < %(today)s""",
		values,
	)
	completed = frappe.db._cursor.rowcount
	if completed:
		refresh_all_coach_loads()
	return completed


def flag_renewals_due(today=None) -> int:
	"""Active agreements within the renewal notice window move to Renewal Due; returns how many.
	the daily digest (`digest.send_daily_digest`) then tells each one's people once."""
	today = getdate(today)
	window = {
		"active": ACTIVE,
		"today": today,
		"until": add_days(today, get_settings().renewal_notice_days),
		"renewal_due": RENEWAL_DUE,
		"now": now_datetime(),
		"state": RENEWAL_DUE,
	}
	frappe.db.sql(timeline_entries(RENEWAL_WHERE), window)
	frappe.db.sql(
		"""update `tabCoaching Agreement` set status = %(renewal_due)s, modified = %(now)s
		where status = %(active)s and end_date between %(today)s and %(until)s""",
		window,
	)
	return frappe.db._cursor.rowcount


def timeline_entries(where: str) -> str:
	"""One workflow entry on the timeline of every agreement a job moves, written in one statement for all
	of them, so the history shows the daily job's changes as it shows the workflow buttons'. `where` selects
	exactly the agreements the job is about to move."""
	return f"""insert into `tabComment`
	(name, creation, modified, owner, modified_by, comment_type, reference_doctype, reference_name,
	comment_email, content, docstatus, idx)
select {new_row_name_sql()}, %(now)s, %(now)s, 'Administrator', 'Administrator', 'Workflow',
	'Coaching Agreement', name, 'Administrator', %(state)s, 0, 0
from `tabCoaching Agreement` where {where}"""
