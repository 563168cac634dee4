"""Per-record notices sent by background jobs: each record is told once, marked as told, and a heavy day is
split into parts that run as jobs of their own. The Notifications hold the wording; this module decides
who is due and sends."""

import frappe
from frappe.utils import getdate

# A long-queue job commits after this many notices, so a failure late in a run keeps what went out.
CHUNK = 500
# One job sends at most this many notices and hands the rest to a follow-up part, which keeps every part
# well inside the long queue's timeout; the benchmark's notices run shows the time a part takes.
NOTICES_PER_JOB = 3000


def enqueue_notices(method: str, part: int = 0) -> None:
	"""Notices run as their own job on the long queue, after the day's set-wise changes are committed: a
	heavy day neither holds up the daily jobs nor runs twice at once when the scheduler fires again while it
	is still going (one job id, deduplicated). A follow-up part has its own id, since the part that enqueues
	it is still running under the previous one."""
	frappe.enqueue(
		method,
		queue="long",
		job_id=f"coaching::{method}" + (f"::part-{part}" if part else ""),
		deduplicate=True,
		enqueue_after_commit=True,
		**({"part": part} if part else {}),
	)


def notify_each(
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


def send_inactive_coach_notices(part: int = 0) -> list[str]:
	"""Tell staff once which coachees a newly inactive coach leaves without active coaching."""
	return notify_each(
		"Coach",
		unnotified("Coach", "Inactive", "inactive_notified_on"),
		"on_marked_inactive",
		"inactive_notified_on",
		follow_up=("coaching_app.notices.send_inactive_coach_notices", part),
	)


def unnotified(doctype: str, status: str, notified_field: str) -> list[str]:
	"""Records in `status` whose notice has not gone out yet, in name order. The date column is tested with
	IS NULL: Frappe 15 compares "not set" dates with '', which PostgreSQL refuses for a date."""
	table = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(table)
		.select(table.name)
		.where((table.status == status) & table[notified_field].isnull())
		.orderby(table.name)
	).run(pluck=True)
