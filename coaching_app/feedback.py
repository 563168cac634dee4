"""Yearly feedback rounds: opened on each agreement's anniversary or on a date staff choose, closed on their
end date, and a reminder once per unanswered request. What staff see of the answers is computed in
`coaching_app/access/feedback.py`, the one place that reads them for staff."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.notices import enqueue_notices, notify_each
from coaching_app.rules.dates import latest_anniversary
from coaching_app.rules.lifecycle import ENDED_STATES, RENEWED, RUNNING_STATES

REMINDER_AFTER_DAYS = 7


def open_anniversary_rounds(today=None) -> list[str]:
	"""One round per agreement per anniversary of its start, whether the agreement still runs or ended on
	the eve of that anniversary (a one-year agreement is completed or renewed the day before its first
	anniversary; its renewal is asked on its own anniversary a year later). A relationship that ended before
	a year has no anniversary. A missed day is caught up while the round's window is still open, and re-runs
	find the round already there."""
	today = getdate(today)
	window = get_settings().feedback_window_days
	fields = ["name", "status", "program", "start_date", "end_date", "ended_on", "coachee_name", "coach_name"]
	year_ago = add_days(today, -365)
	agreements = frappe.get_all(
		"Coaching Agreement",
		filters={"status": ("in", list(RUNNING_STATES)), "start_date": ("<=", year_ago)},
		fields=fields,
	) + frappe.get_all(
		"Coaching Agreement",
		filters={
			"status": ("in", list(ENDED_STATES)),
			"start_date": ("<=", year_ago),
			"end_date": (">=", add_days(today, -window - 1)),
		},
		fields=fields,
	)
	due = []
	for row in agreements:
		anniversary = latest_anniversary(getdate(row.start_date), today)
		if not anniversary or (today - anniversary).days >= window:
			continue
		# A renewed agreement is marked Renewed when staff press Renew, weeks before its term ends; the
		# relationship goes on, so its term's end counts.
		last_day = row.end_date if row.status == RENEWED else row.ended_on
		if last_day and getdate(last_day) < add_days(anniversary, -1):
			continue  # ended before reaching this anniversary
		due.append((row, anniversary))
	if not due:
		return []
	existing = {
		(r.agreement, str(r.opens_on))
		for r in frappe.get_all(
			"Coaching Feedback Round",
			filters={"round_type": "Agreement Anniversary", "agreement": ("in", [r.name for r, _ in due])},
			fields=["agreement", "opens_on"],
		)
	}
	created = []
	for row, anniversary in due:
		if (row.name, str(anniversary)) in existing:
			continue
		round_ = frappe.get_doc(
			{
				"doctype": "Coaching Feedback Round",
				"title": _("{0} and {1}: year {2}").format(
					row.coachee_name, row.coach_name, anniversary.year - getdate(row.start_date).year
				),
				"round_type": "Agreement Anniversary",
				"program": row.program,
				"agreement": row.name,
				"opens_on": anniversary,
				"closes_on": add_days(anniversary, window),
				"status": "Open",
			}
		).insert(ignore_permissions=True)
		request_feedback(round_.name, [row.name])
		created.append(round_.name)
	return created


def open_program_rounds(today=None) -> list[str]:
	"""Planned program-wide rounds whose opening day has come open for every running agreement."""
	today = getdate(today)
	rounds = frappe.get_all(
		"Coaching Feedback Round",
		filters={"round_type": "Program", "status": "Planned", "opens_on": ("<=", today)},
		fields=["name", "program"],
	)
	for round_ in rounds:
		agreements = frappe.get_all(
			"Coaching Agreement",
			filters={"program": round_.program, "status": ("in", list(RUNNING_STATES))},
			pluck="name",
		)
		request_feedback(round_.name, agreements)
		frappe.db.set_value("Coaching Feedback Round", round_.name, "status", "Open")
	return [r.name for r in rounds]


def request_feedback(round_name: str, agreements: list[str]) -> None:
	"""One request to the coach and one to the coachee of each agreement, skipping any that exist."""
	if not agreements:
		return
	parties = frappe.get_all(
		"Coaching Agreement",
		filters={"name": ("in", agreements)},
		fields=["name", "coach_user", "coachee_user"],
	)
	existing = {
		(r.agreement, r.respondent_role)
		for r in frappe.get_all(
			"Coaching Feedback", filters={"round": round_name}, fields=["agreement", "respondent_role"]
		)
	}
	for row in parties:
		for role, user in (("Coach", row.coach_user), ("Coachee", row.coachee_user)):
			if (row.name, role) in existing or not user:
				continue
			frappe.get_doc(
				{
					"doctype": "Coaching Feedback",
					"round": round_name,
					"agreement": row.name,
					"respondent_role": role,
					"respondent": user,
				}
			).insert(ignore_permissions=True)


def close_rounds(today=None) -> list[str]:
	today = getdate(today)
	names = frappe.get_all(
		"Coaching Feedback Round", filters={"status": "Open", "closes_on": ("<", today)}, pluck="name"
	)
	if names:
		round_ = frappe.qb.DocType("Coaching Feedback Round")
		frappe.qb.update(round_).set(round_.status, "Closed").where(round_.name.isin(names)).run()
	return names


def remind_unanswered(today=None, part: int = 0) -> list[str]:
	"""Requests still unanswered a week into an open round get one reminder each."""
	today = getdate(today)
	feedback = frappe.qb.DocType("Coaching Feedback")
	round_ = frappe.qb.DocType("Coaching Feedback Round")
	names = (
		frappe.qb.from_(feedback)
		.join(round_)
		.on(round_.name == feedback.round)
		.select(feedback.name)
		.where(
			(feedback.status == "Requested")
			& feedback.reminder_sent_on.isnull()
			& (round_.status == "Open")
			& (round_.opens_on <= add_days(today, -REMINDER_AFTER_DAYS))
		)
	).run(pluck=True)
	return notify_each(
		"Coaching Feedback",
		names,
		"on_feedback_reminder",
		"reminder_sent_on",
		today,
		follow_up=("coaching_app.feedback.remind_unanswered", part),
	)


def run_daily(today=None):
	close_rounds(today)
	open_anniversary_rounds(today)
	open_program_rounds(today)
	enqueue_notices("coaching_app.feedback.remind_unanswered")


# --- Answers in aggregate, for staff -------------------------------------------------------------------------
# Staff read named answers one by one; anonymous answers reach them only here, as averages, and only when
#  - the group holds answers of one round, one side (coach or coachee) and one kind (named or anonymous): a
#    group mixing named answers, or a total over several rounds set against one over fewer, would give one
#    anonymous answer away by subtraction;
#  - at least the anonymity threshold of different people answered (never fewer than the floor): three
#    answers by one coach are one person's answers;
#  - the round is closed, and only answers given by its closing day count. While a round is open staff can
#    see whose requests are still outstanding; an average that moved as one request was answered would be
#    that person's answer. Released once, the figure never changes again.


def refuse_answers_to_closed_rounds(doc) -> None:
	"""Coaching Feedback validate step: a closed round's figures are final, so it takes no more answers."""
	if doc.round and frappe.session.user == doc.respondent and _round_status(doc.round) == "Closed":
		frappe.throw(
			_("Feedback round {0} is closed: it no longer takes answers.").format(
				frappe.bold(doc.round_title)
			),
			title=_("Round Closed"),
		)


def keep_closed_rounds_closed(doc) -> None:
	"""Coaching Feedback Round validate step: a closed round is not opened again, nor its dates moved, which
	would let a released average move with one more answer."""
	if doc.is_new() or _round_status(doc.name) != "Closed":
		return
	stored = frappe.db.get_value("Coaching Feedback Round", doc.name, ["opens_on", "closes_on"], as_dict=True)
	if (
		doc.status != "Closed"
		or getdate(doc.opens_on) != getdate(stored.opens_on)
		or getdate(doc.closes_on) != getdate(stored.closes_on)
	):
		frappe.throw(
			_("A closed feedback round stays closed: its figures have been shown. Open a new round instead."),
			title=_("Round Closed"),
		)


def _round_status(round_name: str) -> str | None:
	return frappe.db.get_value("Coaching Feedback Round", round_name, "status")
