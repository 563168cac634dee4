"""Cadence: whether each running relationship meets as often as its agreement says. The check and the
Cadence Health report read the same query; `rules.cadence` decides what counts as behind."""

import frappe
from frappe.query_builder.functions import Max
from frappe.utils import getdate

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules import cadence as cadence_rules
from coaching_app.rules.lifecycle import RUNNING_STATES


def running_relationships(today, program: str | None = None, programs: list[str] | None = None) -> list:
	"""Running agreements that have started (of `program`, or of `programs` when given), each with the start
	of its last completed session, in one query. The last session is looked up per agreement through the
	session index on (agreement, status, session_start), so the query reads one index entry per agreement
	instead of grouping every completed session of the site."""
	agreement = frappe.qb.DocType("Coaching Agreement")
	session = frappe.qb.DocType("Coaching Session")
	last_completed = (
		frappe.qb.from_(session)
		.select(Max(session.session_start))
		.where((session.agreement == agreement.name) & (session.status == "Completed"))
	)
	query = (
		frappe.qb.from_(agreement)
		.select(
			agreement.name,
			agreement.coachee_name,
			agreement.coach_name,
			agreement.cadence,
			agreement.start_date,
			agreement.cadence_notified_on,
			last_completed.as_("last_session"),
		)
		.where(agreement.status.isin(list(RUNNING_STATES)) & (agreement.start_date <= today))
		.orderby(agreement.coachee_name)
	)
	if program:
		query = query.where(agreement.program == program)
	if programs is not None:
		query = query.where(agreement.program.isin(programs or [""]))
	return query.run(as_dict=True)


def lapsed_relationships(today=None) -> list[str]:
	"""Running agreements that have fallen behind their agreed cadence and whose people have not been told of
	this lapse: a relationship told it is behind is not told again until a session has been completed. The
	daily digest (coaching_app/digest.py) tells them."""
	today = getdate(today)
	grace = get_settings().cadence_grace_days
	lapsed = []
	for row in running_relationships(today):
		last = getdate(row.last_session) if row.last_session else None
		if not cadence_rules.is_behind(row.cadence or "Monthly", getdate(row.start_date), last, today, grace):
			continue
		already_told = row.cadence_notified_on and (last is None or getdate(row.cadence_notified_on) >= last)
		if not already_told:
			lapsed.append(row.name)
	return lapsed
