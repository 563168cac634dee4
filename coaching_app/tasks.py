"""Daily jobs. Each one selects due rows with one indexed query and changes them with one statement per kind
of change, so a run over any number of agreements costs the same handful of queries; each is idempotent
and catches up after missed days by acting on everything that is due, not only what became due today."""

import frappe
from frappe.query_builder.functions import Coalesce, Count, Max
from frappe.utils import add_days, getdate, now_datetime

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.database import new_row_name_sql
from coaching_app.rules import cadence as cadence_rules
from coaching_app.rules.capacity import coach_load
from coaching_app.rules.lifecycle import ACTIVE, COMPLETED, RENEWAL_DUE, RUNNING_STATES

CHUNK = 500
# One notice job sends at most this many notices and leaves the rest to a follow-up job: benchmarks.run_notices
# measured 3,000 renewal notices in 209 s, a seventh of the long queue's 1,500 s timeout, and a first day
# after an import of 100,000 agreements brings 7,750.
NOTICES_PER_JOB = 3000


def run_daily_agreement_jobs():
	complete_ended_agreements()
	flag_renewals_due()
	enqueue_notices("coaching_app.tasks.send_renewal_notices")
	enqueue_notices("coaching_app.tasks.check_cadence")


def run_daily_feedback_jobs():
	from coaching_app.feedback import run_daily

	run_daily()


def run_daily_coach_jobs():
	mark_inactive_coaches()
	enqueue_notices("coaching_app.tasks.send_inactive_coach_notices")


def enqueue_notices(method: str, part: int = 0) -> None:
	"""Per-record notices run as their own background job on the long queue, after the set-wise changes
	are committed: a heavy day of notices neither holds up the daily jobs nor runs twice at once when the
	scheduler fires again while it is still going (one job id, deduplicated). A follow-up part has its own
	id, since the part that enqueues it is still running under the previous one."""
	frappe.enqueue(
		method,
		queue="long",
		job_id=f"coaching::{method}" + (f"::part-{part}" if part else ""),
		deduplicate=True,
		enqueue_after_commit=True,
		**({"part": part} if part else {}),
	)


def complete_ended_agreements(today=None) -> int:
	"""Agreements past their end date that were not renewed or otherwise ended become Completed.

	A fixed handful of statements, whatever the number of agreements: clear the coachees' summaries,
	write one timeline entry per agreement, change the agreements, and recompute coach loads. Returns how
	many agreements were completed."""
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
	`send_renewal_notices` then tells each one's people once."""
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


# One workflow entry on the timeline of every agreement a job moves, written in the same statement for all
# of them, so the history shows the daily job's changes as it shows the workflow buttons'. Each statement
# selects exactly the agreements its job is about to move.
def timeline_entries(where: str) -> str:
	return f"""insert into `tabComment`
	(name, creation, modified, owner, modified_by, comment_type, reference_doctype, reference_name,
	comment_email, content, docstatus, idx)
select {new_row_name_sql()}, %(now)s, %(now)s, 'Administrator', 'Administrator', 'Workflow',
	'Coaching Agreement', name, 'Administrator', %(state)s, 0, 0
from `tabCoaching Agreement` where {where}"""


COMPLETION_WHERE = "status in %(running)s and end_date < %(today)s"
RENEWAL_WHERE = "status = %(active)s and end_date between %(today)s and %(until)s"


def refresh_all_coach_loads() -> None:
	"""Every coach's stored load in one statement: running agreements plus weighted accepted bookings."""
	frappe.db.sql(
		"""update `tabCoach` set current_load = cast(
			coalesce((select count(*) from `tabCoaching Agreement`
				where `tabCoaching Agreement`.coach = `tabCoach`.name and `tabCoaching Agreement`.status in %(running)s), 0)
			+ %(weight)s * coalesce((select count(*) from `tabCoaching Request`
				where `tabCoaching Request`.assigned_coach = `tabCoach`.name
				and `tabCoaching Request`.status = 'Accepted'), 0)
			as decimal(10, 2))""",
		{"running": tuple(RUNNING_STATES), "weight": get_settings().pool_booking_weight},
	)


def send_renewal_notices(part: int = 0) -> list[str]:
	"""Tell coach, coachee and staff once that an agreement is due for renewal (the Notification
	"Coaching Agreement Renewal Due" holds the wording)."""
	agreement = frappe.qb.DocType("Coaching Agreement")
	due = (
		frappe.qb.from_(agreement)
		.select(agreement.name)
		.where((agreement.status == RENEWAL_DUE) & agreement.renewal_notified_on.isnull())
		.orderby(agreement.name)
	).run(pluck=True)
	return _notify_each(
		"Coaching Agreement",
		due,
		"on_renewal_due",
		"renewal_notified_on",
		follow_up=("coaching_app.tasks.send_renewal_notices", part),
	)


def send_inactive_coach_notices(part: int = 0) -> list[str]:
	"""Tell staff once which coachees a newly inactive coach leaves without active coaching."""
	# Date columns are tested with IS NULL: Frappe 15 compares "not set" dates with '', which PostgreSQL
	# refuses for a date.
	coach = frappe.qb.DocType("Coach")
	coaches = (
		frappe.qb.from_(coach)
		.select(coach.name)
		.where((coach.status == "Inactive") & coach.inactive_notified_on.isnull())
		.orderby(coach.name)
	).run(pluck=True)
	return _notify_each(
		"Coach",
		coaches,
		"on_marked_inactive",
		"inactive_notified_on",
		follow_up=("coaching_app.tasks.send_inactive_coach_notices", part),
	)


def _notify_each(
	doctype: str,
	names: list[str],
	event: str,
	marker: str,
	today=None,
	*,
	follow_up: tuple[str, int],
) -> list[str]:
	"""Run a notification event per record, marking each as notified; a failure is logged and the record
	is tried again on the next run, without holding back the others.

	At most NOTICES_PER_JOB are sent; the rest go to the next part of the job (`follow_up` names its method
	and this part's number), which selects what is still unmarked. A part that sent nothing starts no
	other, so records that keep failing wait for the next day instead of chaining jobs."""
	more = len(names) > NOTICES_PER_JOB
	names = names[:NOTICES_PER_JOB]
	sent = []
	for index, name in enumerate(names, start=1):
		savepoint = f"coaching_notice_{index}"
		frappe.db.savepoint(savepoint)
		try:
			frappe.get_doc(doctype, name).run_method(event)
			frappe.db.set_value(doctype, name, marker, getdate(today), update_modified=False)
			sent.append(name)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			frappe.log_error(title=f"Coaching notice {event} failed for {doctype} {name}")
		if index % CHUNK == 0:
			frappe.db.commit()  # static-check: background job committing in chunks
	if more and sent:
		method, part = follow_up
		enqueue_notices(method, part + 1)
	return sent


def running_relationships(today, program: str | None = None) -> list[frappe._dict]:
	"""Running agreements that have started, each with the start of its last completed session, in one
	query; the cadence check and the Cadence Health report both read this."""
	agreement = frappe.qb.DocType("Coaching Agreement")
	session = frappe.qb.DocType("Coaching Session")
	last_completed = (
		frappe.qb.from_(session)
		.select(session.agreement, Max(session.session_start).as_("last_session"))
		.where(session.status == "Completed")
		.groupby(session.agreement)
	).as_("completed")
	query = (
		frappe.qb.from_(agreement)
		.left_join(last_completed)
		.on(last_completed.agreement == agreement.name)
		.select(
			agreement.name,
			agreement.coachee_name,
			agreement.coach_name,
			agreement.cadence,
			agreement.start_date,
			agreement.cadence_notified_on,
			last_completed.last_session,
		)
		.where(agreement.status.isin(list(RUNNING_STATES)) & (agreement.start_date <= today))
		.orderby(agreement.coachee_name)
	)
	if program:
		query = query.where(agreement.program == program)
	return query.run(as_dict=True)


def check_cadence(today=None, part: int = 0) -> list[str]:
	"""Notify coach and coachee of running agreements that have fallen behind their agreed cadence, once per
	lapse: a relationship noticed as behind is not noticed again until a session has been completed."""
	today = getdate(today)
	grace = get_settings().cadence_grace_days
	rows = running_relationships(today)
	lapsed = []
	for row in rows:
		last = getdate(row.last_session) if row.last_session else None
		if not cadence_rules.is_behind(row.cadence or "Monthly", getdate(row.start_date), last, today, grace):
			continue
		already_told = row.cadence_notified_on and (last is None or getdate(row.cadence_notified_on) >= last)
		if not already_told:
			lapsed.append(row.name)
	return _notify_each(
		"Coaching Agreement",
		lapsed,
		"on_cadence_lapse",
		"cadence_notified_on",
		today,
		follow_up=("coaching_app.tasks.check_cadence", part),
	)


def delete_expired_private_notes(today=None) -> int:
	"""Private notes are deleted the settings' retention days after their agreement ended (0 keeps them).
	A run that missed days removes everything overdue; a second run finds nothing."""
	days = get_settings().private_note_retention_days
	if not days:
		return 0
	cutoff = add_days(getdate(today), -days)
	note = frappe.qb.DocType("Coaching Note")
	agreement = frappe.qb.DocType("Coaching Agreement")
	expired = (
		frappe.qb.from_(note)
		.join(agreement)
		.on(agreement.name == note.agreement)
		.select(note.name)
		.where(agreement.ended_on.isnotnull() & (agreement.ended_on < cutoff))
	).run(pluck=True)
	for chunk in _chunks(expired):
		remove_files_of("Coaching Note", chunk)
		frappe.qb.from_(note).delete().where(note.name.isin(chunk)).run()
	return len(expired)


def remove_files_of(doctype: str, names: list[str]) -> None:
	"""Attachments of records about to be deleted in bulk: their File rows, and the stored files once no
	other row points at them. Only records that have files cost a document delete each."""
	files = frappe.get_all(
		"File", filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names)}, pluck="name"
	)
	for file in files:
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)


def mark_inactive_coaches(today=None) -> int:
	"""Active coaches with no completed session for the settings' inactivity days become Inactive, in one
	statement; `send_inactive_coach_notices` then tells staff about each of them once."""
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


def load_counts(coaches: list[str] | None = None) -> tuple[dict[str, int], dict[str, int]]:
	"""Running agreements and accepted pool bookings per coach (all coaches, or the ones given), in two
	grouped queries; the stored loads and the Coach Load report both read this."""
	agreement = frappe.qb.DocType("Coaching Agreement")
	request = frappe.qb.DocType("Coaching Request")
	running_query = (
		frappe.qb.from_(agreement)
		.select(agreement.coach, Count(agreement.name))
		.where(agreement.status.isin(list(RUNNING_STATES)))
		.groupby(agreement.coach)
	)
	bookings_query = (
		frappe.qb.from_(request)
		.select(request.assigned_coach, Count(request.name))
		.where(request.status == "Accepted")
		.groupby(request.assigned_coach)
	)
	if coaches is not None:
		running_query = running_query.where(agreement.coach.isin(coaches or [""]))
		bookings_query = bookings_query.where(request.assigned_coach.isin(coaches or [""]))
	return dict(running_query.run()), dict(bookings_query.run())


def refresh_coach_loads(coaches: set[str]) -> None:
	"""Recompute the stored load of the given coaches."""
	if not coaches:
		return
	weight = get_settings().pool_booking_weight
	running, bookings = load_counts(list(coaches))
	for name in coaches:
		frappe.db.set_value(
			"Coach",
			name,
			"current_load",
			coach_load(running.get(name, 0), bookings.get(name, 0), weight),
			update_modified=False,
		)


def _chunks(names: list[str]):
	for start in range(0, len(names), CHUNK):
		yield names[start : start + CHUNK]
