"""Scale benchmark, a developer's tool: `bench --site SITE coaching-benchmark` (see `coaching_app.commands`).

Builds a synthetic program with bulk inserts (every row named BENCH-...), then times each daily job against
hand-written set-based SQL that makes the same changes, and the coach's and the manager's list views
against an unrestricted list. Every measured run happens inside a savepoint that is rolled back, so each
one starts from the same data. Prints a table; `cleanup()` removes the data again.

Use a site kept for the purpose: the dataset is large and the run commits it.
"""

import time
import tracemalloc
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate, now_datetime

from coaching_app import coach_activity, notices, renewals
from coaching_app.rules.lifecycle import ACTIVE, COMPLETED, RENEWAL_DUE, RUNNING_STATES

PREFIX = "BENCH-"
PROGRAM = "BENCH-Program"


# --- dataset ---------------------------------------------------------------------------------------------


def build(agreements: int, sessions: int, coaches: int) -> None:
	"""Coaches, coachees, agreements and completed sessions, in a handful of INSERT ... SELECT statements
	over MariaDB's sequence engine. Agreement n starts n mod 400 days ago, so some are past their end, some
	inside the renewal window and most running."""
	cleanup()
	today = getdate()
	now = now_datetime()
	if not frappe.db.exists("Coaching Program", PROGRAM):
		frappe.get_doc(
			{
				"doctype": "Growth Framework",
				"framework_name": PROGRAM,
				"characteristics": [{"characteristic": "Courage"}],
			}
		).insert(ignore_permissions=True, ignore_if_duplicate=True)
		frappe.get_doc(
			{"doctype": "Coaching Program", "program_name": PROGRAM, "growth_framework": PROGRAM}
		).insert(ignore_permissions=True)
	values = {
		"now": now,
		"today": today,
		"program": PROGRAM,
		"coaches": int(coaches),
		"agreements": int(agreements),
		"active": ACTIVE,
	}
	frappe.db.sql(
		"""insert into `tabCoach` (name, creation, modified, owner, modified_by, user, full_name, status,
			capacity, training_completed_on, last_session_date, current_load)
		select concat('BENCH-C-', seq), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('bench-coach-', seq, '@bench.invalid'), concat('Bench Coach ', seq), 'Active', 200,
			%(today)s - interval 400 day, %(today)s - interval (seq mod 120) day, 0
		from seq_1_to_10000000 where seq <= %(coaches)s""",
		values,
	)
	frappe.db.sql(
		"""insert into `tabCoachee` (name, creation, modified, owner, modified_by, user, full_name, program,
			status, current_coach, current_agreement)
		select concat('BENCH-E-', seq), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('bench-coachee-', seq, '@bench.invalid'), concat('Bench Coachee ', seq), %(program)s,
			'Active', concat('BENCH-C-', 1 + seq mod %(coaches)s), concat('BENCH-A-', seq)
		from seq_1_to_10000000 where seq <= %(agreements)s""",
		values,
	)
	frappe.db.sql(
		"""insert into `tabCoaching Agreement` (name, creation, modified, owner, modified_by, title, program,
			coachee, coachee_name, coach, coach_name, coach_user, coachee_user, status, start_date, end_date,
			cadence, meeting_mode, live_key, coach_consented_on, coachee_consented_on)
		select concat('BENCH-A-', seq), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('Bench ', seq), %(program)s, concat('BENCH-E-', seq), concat('Bench Coachee ', seq),
			concat('BENCH-C-', 1 + seq mod %(coaches)s), concat('Bench Coach ', 1 + seq mod %(coaches)s),
			concat('bench-coach-', 1 + seq mod %(coaches)s, '@bench.invalid'),
			concat('bench-coachee-', seq, '@bench.invalid'), %(active)s,
			%(today)s - interval (seq mod 400) day, %(today)s - interval (seq mod 400) day + interval 364 day,
			'Every Other Week', 'Video Call', concat(%(program)s, char(31), 'BENCH-E-', seq), %(now)s, %(now)s
		from seq_1_to_10000000 where seq <= %(agreements)s""",
		values,
	)
	frappe.db.sql(
		"""insert into `tabCoaching Session` (name, creation, modified, owner, modified_by, agreement, coach,
			coach_name, coachee, coachee_name, coach_user, coachee_user, program, session_start,
			duration_minutes, session_end, status, first_session, checklist_complete)
		select concat('BENCH-S-', s.seq), %(now)s, %(now)s, 'Administrator', 'Administrator', a.name, a.coach,
			a.coach_name, a.coachee, a.coachee_name, a.coach_user, a.coachee_user, a.program,
			a.start_date + interval (s.seq div %(agreements)s) * 14 day + interval 10 hour, 60,
			a.start_date + interval (s.seq div %(agreements)s) * 14 day + interval 11 hour, 'Completed', 0, 0
		from seq_0_to_99999999 s
		join `tabCoaching Agreement` a on a.name = concat('BENCH-A-', 1 + s.seq mod %(agreements)s)
		where s.seq < %(sessions)s""",
		{**values, "agreements": int(agreements), "sessions": int(sessions)},
	)
	frappe.db.commit()  # static-check: a one-off benchmark command run from the shell


def cleanup() -> None:
	frappe.db.sql(
		"""delete recipient from `tabEmail Queue Recipient` recipient
		join `tabEmail Queue` queue on queue.name = recipient.parent
		where queue.reference_name like 'BENCH-%%'"""
	)
	for doctype, field in (
		("Email Queue", "reference_name"),
		("Comment", "reference_name"),
		("Coaching Session", "name"),
		("Coaching Agreement", "name"),
		("Coachee", "name"),
		("Coach", "name"),
	):
		frappe.db.delete(doctype, {field: ("like", f"{PREFIX}%")})
	frappe.db.commit()  # static-check: a one-off benchmark command run from the shell


# --- measuring -------------------------------------------------------------------------------------------


class QueryCounter:
	def __init__(self):
		self.count = 0
		self._sql = None

	def __enter__(self):
		self._sql = frappe.db.sql

		def counted(*args, **kwargs):
			self.count += 1
			return self._sql(*args, **kwargs)

		frappe.db.sql = counted
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self._sql


@contextmanager
def rolled_back():
	frappe.db.savepoint("coaching_bench")
	try:
		yield
	finally:
		frappe.db.rollback(save_point="coaching_bench")


def measure(fn) -> dict:
	with rolled_back():  # warm-up: settings, metadata and the buffer pool, as on any day after the first
		fn()
	with rolled_back():
		tracemalloc.start()
		with QueryCounter() as counter:
			started = time.perf_counter()
			result = fn()
			seconds = time.perf_counter() - started
		_, peak = tracemalloc.get_traced_memory()
		tracemalloc.stop()
	rows = len(result) if isinstance(result, list | tuple) else (result or 0)
	return {"queries": counter.count, "seconds": seconds, "peak_mib": peak / 2**20, "rows": rows}


# --- hand-written baselines: the same changes, in plain SQL ---------------------------------------------


def baseline_complete(today):
	values = {"running": tuple(RUNNING_STATES), "today": today, "completed": COMPLETED, "now": now_datetime()}
	frappe.db.sql(
		"""update `tabCoachee` c join `tabCoaching Agreement` a on a.name = c.current_agreement
		set c.current_agreement = null, c.current_coach = null
		where a.status in %(running)s and a.end_date < %(today)s""",
		values,
	)
	frappe.db.sql(
		"""insert into `tabComment` (name, creation, modified, owner, modified_by, comment_type,
			reference_doctype, reference_name, comment_email, content, docstatus, idx)
		select uuid(), %(now)s, %(now)s, 'Administrator', 'Administrator', 'Workflow', 'Coaching Agreement',
			name, 'Administrator', %(completed)s, 0, 0
		from `tabCoaching Agreement` where status in %(running)s and end_date < %(today)s""",
		values,
	)
	frappe.db.sql(
		"""update `tabCoaching Agreement` set status = %(completed)s, live_key = null, ended_on = end_date,
			modified = %(now)s
		where status in %(running)s and end_date < %(today)s""",
		values,
	)
	completed = frappe.db._cursor.rowcount
	frappe.db.sql(
		"""update `tabCoach` c
		left join (select coach, count(*) n from `tabCoaching Agreement`
			where status in %(running)s group by coach) a on a.coach = c.name
		left join (select assigned_coach, count(*) n from `tabCoaching Request`
			where status = 'Accepted' group by assigned_coach) b on b.assigned_coach = c.name
		set c.current_load = round(coalesce(a.n, 0) + %(weight)s * coalesce(b.n, 0), 2)""",
		{**values, "weight": 0.25},
	)
	return completed


def baseline_flag(today):
	values = {
		"active": ACTIVE,
		"due": RENEWAL_DUE,
		"today": today,
		"until": add_days(today, 30),
		"now": now_datetime(),
	}
	frappe.db.sql(
		"""insert into `tabComment` (name, creation, modified, owner, modified_by, comment_type,
			reference_doctype, reference_name, comment_email, content, docstatus, idx)
		select uuid(), %(now)s, %(now)s, 'Administrator', 'Administrator', 'Workflow', 'Coaching Agreement',
			name, 'Administrator', %(due)s, 0, 0
		from `tabCoaching Agreement` where status = %(active)s and end_date between %(today)s and %(until)s""",
		values,
	)
	frappe.db.sql(
		"""update `tabCoaching Agreement` set status = %(due)s, modified = %(now)s
		where status = %(active)s and end_date between %(today)s and %(until)s""",
		values,
	)
	return frappe.db._cursor.rowcount


def baseline_inactive(today):
	frappe.db.sql(
		"""update `tabCoach` set status = 'Inactive', modified = %(now)s
		where status = 'Active' and coalesce(last_session_date, training_completed_on) < %(cutoff)s""",
		{"now": now_datetime(), "cutoff": add_days(today, -90)},
	)
	return frappe.db._cursor.rowcount


def list_cost(user: str, doctype: str) -> dict:
	"""Queries and time of a default list view for `user`, and whether its plan scans the whole table."""
	original = frappe.session.user
	frappe.set_user(user)
	try:
		frappe.get_list(doctype, limit_page_length=1)  # warm caches, as a second page load would be
		with QueryCounter() as counter:
			started = time.perf_counter()
			frappe.get_list(doctype, fields=["name"], limit_page_length=20)
			seconds = time.perf_counter() - started
		query = frappe.get_list(doctype, fields=["name"], limit_page_length=20, run=0)
		explain = "explain " + query  # Frappe built this query, with the permission conditions in it
		plan = frappe.db.sql(explain, as_dict=True)
	finally:
		frappe.set_user(original)
	full_scan = any(row.get("type") == "ALL" and int(row.get("rows") or 0) > 1000 for row in plan)
	return {"queries": counter.count, "seconds": seconds, "full_scan": full_scan}


def bench_user(email: str, role: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Bench",
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	return email


# --- entry point -----------------------------------------------------------------------------------------


def run(agreements: int = 100_000, sessions: int = 1_000_000, coaches: int = 2_000, keep: int = 0):
	frappe.only_for("System Manager")
	agreements, sessions, coaches = int(agreements), int(sessions), int(coaches)
	today = getdate()
	rows = []
	for size in (agreements // 10, agreements):
		started = time.perf_counter()
		build(size, sessions * size // agreements, coaches)
		print(
			f"built {size} agreements, {sessions * size // agreements} sessions in {time.perf_counter() - started:.1f}s"
		)
		for label, job, baseline in (
			(
				"complete ended agreements",
				lambda: renewals.complete_ended_agreements(today),
				lambda: baseline_complete(today),
			),
			("flag renewals due", lambda: renewals.flag_renewals_due(today), lambda: baseline_flag(today)),
			(
				"mark inactive coaches",
				lambda: coach_activity.mark_inactive_coaches(today),
				lambda: baseline_inactive(today),
			),
		):
			ours, sql = measure(job), measure(baseline)
			rows.append((size, label, ours, sql))
	coach = bench_user("bench-coach-1@bench.invalid", "Coach")
	manager = bench_user("bench-manager@bench.invalid", "Coaching Manager")
	frappe.db.commit()  # static-check: the benchmark users must exist for the list measurements
	admin_sessions = list_cost("Administrator", "Coaching Session")
	coach_sessions = list_cost(coach, "Coaching Session")
	admin_agreements = list_cost("Administrator", "Coaching Agreement")
	manager_agreements = list_cost(manager, "Coaching Agreement")

	print()
	print(
		f"{'agreements':>10} | {'job':<26} | {'rows':>7} | {'queries':>7} | {'sql q':>5} | {'seconds':>8} | {'sql s':>7} | {'ratio':>5} | {'peak MiB':>8}"
	)
	print("-" * 110)
	for size, label, ours, sql in rows:
		ratio = ours["seconds"] / sql["seconds"] if sql["seconds"] else float("nan")
		print(
			f"{size:>10} | {label:<26} | {ours['rows']:>7} | {ours['queries']:>7} | {sql['queries']:>5} | "
			f"{ours['seconds']:>8.3f} | {sql['seconds']:>7.3f} | {ratio:>5.2f} | {ours['peak_mib']:>8.2f}"
		)
	print()
	print(f"{'list view':<40} | {'queries':>7} | {'seconds':>8} | full scan")
	for label, cost in (
		("Coaching Session, unrestricted", admin_sessions),
		("Coaching Session, as a coach", coach_sessions),
		("Coaching Agreement, unrestricted", admin_agreements),
		("Coaching Agreement, as a manager", manager_agreements),
	):
		print(
			f"{label:<40} | {cost['queries']:>7} | {cost['seconds']:>8.4f} | {'yes' if cost['full_scan'] else 'no'}"
		)
	if not int(keep):
		cleanup()


def run_notices(agreements: int = 100_000, sessions: int = 100_000, coaches: int = 2_000, keep: int = 0):
	"""Time the per-record renewal notices, part by part, against the long queue's timeout.

	On the synthetic program the renewal window holds about 7,750 of 100,000 agreements on the first day,
	some 28 times the 275 a day that 100,000 one-year agreements bring, so this is the catch-up case. Each
	part is one background job on a real day; here they run one after the other in this process, and the
	follow-up jobs they would enqueue are only counted."""
	from coaching_app.install import ensure_test_outbox

	frappe.only_for("System Manager")
	build(int(agreements), int(sessions), int(coaches))
	today = getdate()
	# An outbox that queues mail without a server behind it: creating it skips the SMTP check only in
	# test mode, which is switched off again before anything is measured.
	frappe.flags.in_test = True
	ensure_test_outbox()
	frappe.flags.in_test = False
	flagged = renewals.flag_renewals_due(today)
	frappe.db.commit()  # static-check: the notice job commits in chunks itself, as it does on a real day
	timeout = frappe.get_conf().get("long_queue_timeout") or 1500
	follow_ups = []
	counting = patch.object(notices, "enqueue_notices", lambda method, part=0: follow_ups.append(part))
	with counting:
		part, total, slowest = 0, 0, 0.0
		while True:
			started = time.perf_counter()
			sent = notices.send_renewal_notices(part)
			seconds = time.perf_counter() - started
			frappe.db.commit()  # static-check: a job's end commits, as the background worker does
			total, slowest = total + len(sent), max(slowest, seconds)
			print(
				f"part {part}: {len(sent)} notices in {seconds:.1f}s "
				f"({seconds / max(len(sent), 1) * 1000:.1f} ms each)"
			)
			if not follow_ups or follow_ups[-1] != part + 1:
				break
			part += 1
	print(
		f"flagged {flagged}, notices sent {total} in {part + 1} parts of at most {notices.NOTICES_PER_JOB}; "
		f"slowest part {slowest:.1f}s against a long queue timeout of {timeout}s"
	)
	if not int(keep):
		cleanup()
