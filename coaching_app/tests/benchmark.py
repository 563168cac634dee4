"""Scale benchmark, a developer's tool: `bench --site SITE coaching-benchmark` (see `coaching_app.commands`).

Builds a synthetic program with bulk inserts (every row named BENCH-...), then times each daily job against
hand-written set-based SQL that makes the same changes, and the coach's and the manager's list views
against an unrestricted list. Every measured run happens inside a savepoint that is rolled back, so each
one starts from the same data. Prints a table; `cleanup()` removes the data again.

Use a site kept for the purpose: the dataset is large and the run commits it. Runs on MariaDB and on
PostgreSQL: the few statements that must differ are chosen in the section "where the databases differ".
"""

import re
import statistics
import time
import tracemalloc
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate, now_datetime

from coaching_app import coach_activity, renewals
from coaching_app.database import new_row_name_sql
from coaching_app.rules.lifecycle import ACTIVE, COMPLETED, RENEWAL_DUE, RUNNING_STATES

PREFIX = "BENCH-"
PROGRAM = "BENCH-Program"
BIG_TABLE_ROWS = 1000  # a plan that reads a larger table from end to end counts as a full scan
SHARED_EVERY = 50  # one session in fifty is shared with program staff by its coachee
LIST_REPETITIONS = 5  # timed runs of each list view; the median counts


# --- where the databases differ: each helper below is the one place that chooses by database -------------


def _postgres() -> bool:
	return frappe.db.db_type == "postgres"


def series(first: int, last: int) -> str:
	"""A FROM item giving the integers first..last (none if last < first) as `s.seq`: MariaDB's sequence
	engine, PostgreSQL's generate_series."""
	first, last = int(first), int(last)
	if _postgres():
		return f"generate_series({first}, {last}) as s(seq)"
	return f"(select seq from seq_{first}_to_99999999 where seq <= {last}) as s"


def days_before(date: str, days: str) -> str:
	"""SQL for the date `days` (a non-negative integer expression: MariaDB's sequence is unsigned) before
	the SQL date `date`."""
	if _postgres():
		return f"cast({date} as date) - cast({days} as integer)"
	return f"{date} - interval ({days}) day"


def days_after(date: str, days: str) -> str:
	"""SQL for the date `days` (a non-negative integer expression) after the SQL date `date`."""
	if _postgres():
		return f"cast({date} as date) + cast({days} as integer)"
	return f"{date} + interval ({days}) day"


def at_hour(date: str, days: str, hour: int) -> str:
	"""SQL for the datetime at `hour` o'clock on the day `days` (an integer expression) after the SQL date
	`date`."""
	if _postgres():
		return (
			f"cast({date} as timestamp) + cast({days} as integer) * interval '1 day'"
			f" + interval '{int(hour)} hours'"
		)
	return f"{date} + interval ({days}) day + interval {int(hour)} hour"


def coach_loads_update() -> str:
	"""The statement that recomputes every coach's load from two grouped counts, %(running)s agreements and
	accepted requests weighted by %(weight)s, zero where a coach has none: an UPDATE that joins the counts,
	which MariaDB writes UPDATE ... JOIN ... SET and PostgreSQL UPDATE ... SET ... FROM."""
	counts = """`tabCoach` c
		left join (select coach, count(*) n from `tabCoaching Agreement`
			where status in %(running)s group by coach) a on a.coach = c.name
		left join (select assigned_coach, count(*) n from `tabCoaching Request`
			where status = 'Accepted' group by assigned_coach) b on b.assigned_coach = c.name"""
	load = "round(coalesce(a.n, 0) + %(weight)s * coalesce(b.n, 0), 2)"
	if _postgres():
		return f"update `tabCoach` t set current_load = {load} from {counts} where c.name = t.name"
	return f"update {counts}\n\t\tset c.current_load = {load}"


def refresh_statistics(doctypes) -> None:
	"""After the bulk load, statistics as a site that has been running would have them: PostgreSQL plans
	from statistics that only a later autovacuum would gather; InnoDB recalculates its own as tables grow."""
	if _postgres():
		for doctype in doctypes:
			frappe.db.sql(f"analyze `tab{doctype}`")  # static-check: the benchmark's own doctypes


def full_scan(plan: list[dict]) -> bool:
	"""Whether an `explain` plan reads a table of more than BIG_TABLE_ROWS rows from end to end: on MariaDB
	an access of type ALL over that many rows, on PostgreSQL a Seq Scan on a table that large."""
	if _postgres():
		scanned = {
			table.strip('"')
			for row in plan
			for table in re.findall(r'Seq Scan on ("[^"]+"|\S+)', row["QUERY PLAN"])
		}
		return any(
			(frappe.db.sql("select reltuples from pg_class where relname = %s", table) or [[0]])[0][0]
			> BIG_TABLE_ROWS
			for table in scanned
		)
	return any(row.get("type") == "ALL" and int(row.get("rows") or 0) > BIG_TABLE_ROWS for row in plan)


# --- dataset ---------------------------------------------------------------------------------------------


def build(agreements: int, sessions: int, coaches: int) -> None:
	"""Coaches, coachees, agreements and completed sessions, in a handful of INSERT ... SELECT statements
	over a series of integers. Agreement n starts n mod 400 days ago, so some are past their end, some
	inside the renewal window and most running; one session in SHARED_EVERY is shared with program staff, so
	a manager's list of sessions has rows to show."""
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
	# Counts are written into the SQL as integer literals (PostgreSQL's driver would pass them as text).
	agreements, sessions, coaches = int(agreements), int(sessions), int(coaches)
	values = {
		"now": now,
		"today": today,
		"program": PROGRAM,
		"active": ACTIVE,
		"separator": "\x1f",  # between program and coachee in live_key, as `lifecycle.live_key` writes it
	}
	frappe.db.sql(  # static-check: integers and this module's SQL fragments, no input
		f"""insert into `tabCoach` (name, creation, modified, owner, modified_by, `user`, full_name, status,
			capacity, training_completed_on, last_session_date, current_load)
		select concat('BENCH-C-', s.seq), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('bench-coach-', s.seq, '@bench.invalid'), concat('Bench Coach ', s.seq), 'Active', 200,
			{days_before("%(today)s", "400")}, {days_before("%(today)s", "mod(s.seq, 120)")}, 0
		from {series(1, coaches)}""",
		values,
	)
	coach = f"1 + mod(s.seq, {coaches})"
	frappe.db.sql(  # static-check: integers and this module's SQL fragments, no input
		f"""insert into `tabCoachee` (name, creation, modified, owner, modified_by, `user`, full_name, program,
			status, current_coach, current_agreement)
		select concat('BENCH-E-', s.seq), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('bench-coachee-', s.seq, '@bench.invalid'), concat('Bench Coachee ', s.seq), %(program)s,
			'Active', concat('BENCH-C-', {coach}), concat('BENCH-A-', s.seq)
		from {series(1, agreements)}""",
		values,
	)
	start = days_before("%(today)s", "mod(s.seq, 400)")
	frappe.db.sql(  # static-check: integers and this module's SQL fragments, no input
		f"""insert into `tabCoaching Agreement` (name, creation, modified, owner, modified_by, title, program,
			coachee, coachee_name, coach, coach_name, coach_user, coachee_user, status, start_date, end_date,
			cadence, meeting_mode, live_key, coach_consented_on, coachee_consented_on)
		select concat('BENCH-A-', s.seq), %(now)s, %(now)s, 'Administrator', 'Administrator',
			concat('Bench ', s.seq), %(program)s, concat('BENCH-E-', s.seq), concat('Bench Coachee ', s.seq),
			concat('BENCH-C-', {coach}), concat('Bench Coach ', {coach}),
			concat('bench-coach-', {coach}, '@bench.invalid'),
			concat('bench-coachee-', s.seq, '@bench.invalid'), %(active)s,
			{start}, {days_after(start, "364")},
			'Every Other Week', 'Video Call', concat(%(program)s, %(separator)s, 'BENCH-E-', s.seq),
			%(now)s, %(now)s
		from {series(1, agreements)}""",
		values,
	)
	# Session k (from 0) belongs to agreement 1 + k mod agreements and falls in its fortnight k div agreements,
	# written as floor(k / agreements): PostgreSQL divides integers, MariaDB gives a decimal; floor agrees.
	fortnight = f"floor(s.seq / {agreements}) * 14"
	frappe.db.sql(  # static-check: integers and this module's SQL fragments, no input
		f"""insert into `tabCoaching Session` (name, creation, modified, owner, modified_by, agreement, coach,
			coach_name, coachee, coachee_name, coach_user, coachee_user, program, session_start,
			duration_minutes, session_end, status, first_session, checklist_complete, shared_with_staff)
		select concat('BENCH-S-', s.seq), %(now)s, %(now)s, 'Administrator', 'Administrator', a.name, a.coach,
			a.coach_name, a.coachee, a.coachee_name, a.coach_user, a.coachee_user, a.program,
			{at_hour("a.start_date", fortnight, 10)}, 60, {at_hour("a.start_date", fortnight, 11)},
			'Completed', 0, 0, case when mod(s.seq, {SHARED_EVERY}) = 0 then 1 else 0 end
		from {series(0, sessions - 1)}
		join `tabCoaching Agreement` a on a.name = concat('BENCH-A-', 1 + mod(s.seq, {agreements}))""",
		values,
	)
	frappe.db.commit()  # static-check: a one-off benchmark command run from the shell
	refresh_statistics(("Coach", "Coachee", "Coaching Agreement", "Coaching Session"))
	frappe.db.commit()  # static-check: a one-off benchmark command run from the shell


def add_people() -> None:
	"""A User for every synthetic coach and coachee, as a real site has: the digest writes to people who
	can sign in, and skips addresses that belong to no enabled user."""
	for table in ("Coach", "Coachee"):
		frappe.db.sql(  # static-check: this module's table names, no input
			f"""insert into `tabUser` (name, creation, modified, owner, modified_by, email, first_name,
				full_name, enabled, user_type)
			select p.`user`, p.creation, p.modified, 'Administrator', 'Administrator', p.`user`, p.full_name,
				p.full_name, 1, 'Website User'
			from `tab{table}` p where p.name like %(prefix)s""",
			{"prefix": f"{PREFIX}%"},
		)
	frappe.db.commit()  # static-check: a one-off benchmark command run from the shell


def cleanup() -> None:
	people = "bench-%%@bench.invalid"
	frappe.db.sql(
		f"""delete from `tabEmail Queue Recipient`
		where parent in (select name from `tabEmail Queue` where reference_name like 'BENCH-%%'
			or reference_name like '{people}')"""
	)
	for doctype, field, pattern in (
		("Email Queue", "reference_name", "bench-%@bench.invalid"),
		("Notification Log", "for_user", "bench-%@bench.invalid"),
		("User", "name", "bench-%@bench.invalid"),
	):
		frappe.db.delete(doctype, {field: ("like", pattern)})
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
		"""update `tabCoachee` set current_agreement = null, current_coach = null
		where current_agreement in (select name from `tabCoaching Agreement`
			where status in %(running)s and end_date < %(today)s)""",
		values,
	)
	frappe.db.sql(  # static-check: the row-name expression is the app's own SQL, no input
		f"""insert into `tabComment` (name, creation, modified, owner, modified_by, comment_type,
			reference_doctype, reference_name, comment_email, content, docstatus, idx)
		select {new_row_name_sql()}, %(now)s, %(now)s, 'Administrator', 'Administrator', 'Workflow',
			'Coaching Agreement', name, 'Administrator', %(completed)s, 0, 0
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
	frappe.db.sql(coach_loads_update(), {**values, "weight": 0.25})
	return completed


def baseline_flag(today):
	values = {
		"active": ACTIVE,
		"due": RENEWAL_DUE,
		"today": today,
		"until": add_days(today, 30),
		"now": now_datetime(),
	}
	frappe.db.sql(  # static-check: the row-name expression is the app's own SQL, no input
		f"""insert into `tabComment` (name, creation, modified, owner, modified_by, comment_type,
			reference_doctype, reference_name, comment_email, content, docstatus, idx)
		select {new_row_name_sql()}, %(now)s, %(now)s, 'Administrator', 'Administrator', 'Workflow',
			'Coaching Agreement', name, 'Administrator', %(due)s, 0, 0
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


def _median_run(fn, repetitions: int = LIST_REPETITIONS) -> tuple[float, int]:
	"""The median seconds of `repetitions` warm runs of `fn`, and the queries of one."""
	fn()  # warm caches, as a second page load would be
	times, queries = [], 0
	for _ in range(repetitions):
		with QueryCounter() as counter:
			started = time.perf_counter()
			fn()
			times.append(time.perf_counter() - started)
		queries = counter.count
	return statistics.median(times), queries


def _plan_scans(query: str) -> bool:
	return full_scan(frappe.db.sql("explain " + query, as_dict=True))


def list_cost(user: str, doctype: str) -> dict:
	"""Queries and time of a default list view for `user`, and whether its plan scans the whole table."""
	original = frappe.session.user
	frappe.set_user(user)
	try:
		seconds, queries = _median_run(
			lambda: frappe.get_list(doctype, fields=["name"], limit_page_length=20)
		)
		rows = len(frappe.get_list(doctype, fields=["name"], limit_page_length=20))
		# Frappe built this query, with the permission conditions in it
		query = frappe.get_list(doctype, fields=["name"], limit_page_length=20, run=0)
	finally:
		frappe.set_user(original)
	return {"queries": queries, "seconds": seconds, "rows": rows, "full_scan": _plan_scans(query)}


def count_cost(user: str, doctype: str) -> dict:
	"""Queries and time of the app's list count (`guard.get_count`, which the desk's list calls) for `user`,
	the count it answers, and whether the plan of its query scans the whole table."""
	from coaching_app.access import guard

	original = frappe.session.user
	frappe.set_user(user)
	try:
		seconds, queries = _median_run(lambda: guard.get_count(doctype))
		rows = guard.get_count(doctype)
		query = frappe.get_list(
			doctype,
			fields=[f"count(`tab{doctype}`.`name`) as total_count"],
			order_by=None,
			limit_page_length=0,
			run=0,
		)
	finally:
		frappe.set_user(original)
	return {"queries": queries, "seconds": seconds, "rows": rows, "full_scan": _plan_scans(query)}


STAFF_REPORTS = ("Cadence Health", "Coach Load", "Renewals Due")
FIGURE_REPETITIONS = 3  # timed runs of each report and workspace figure; the median counts


def staff_figures() -> list[tuple[str, object]]:
	"""The reports staff open most and every figure of the Coaching workspace, each as the desk asks for it."""
	from frappe.desk.doctype.number_card.number_card import get_result
	from frappe.desk.query_report import run as run_report

	figures = [
		(f"report {report}", lambda r=report: run_report(r, filters={}, ignore_prepared_report=True))
		for report in STAFF_REPORTS
	]
	cards = frappe.get_all(
		"Number Card",
		filters={"module": "Coaching"},
		fields=["name", "type", "method", "filters_json"],
		order_by="name",
	)
	for card in cards:
		if card.type == "Custom":
			figures.append((f"card {card.name}", lambda c=card: frappe.get_attr(c.method)(c.filters_json)))
		else:
			figures.append(
				(
					f"card {card.name}",
					lambda c=card: get_result(
						frappe.get_doc("Number Card", c.name).as_dict(), c.filters_json
					),
				)
			)
	return figures


def figure_costs(manager: str) -> list[tuple[str, tuple[float, int], tuple[float, int]]]:
	"""Each staff figure as Administrator (unrestricted) and as a program's manager: (seconds, queries)."""
	rows = []
	for label, fn in staff_figures():
		costs = []
		for user in ("Administrator", manager):
			frappe.set_user(user)
			try:
				costs.append(_median_run(fn, FIGURE_REPETITIONS))
			finally:
				frappe.set_user("Administrator")
		rows.append((label, *costs))
	return rows


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
	coachee = bench_user("bench-coachee-1@bench.invalid", "Coachee")
	manager = bench_user("bench-manager@bench.invalid", "Coaching Manager")
	frappe.db.commit()  # static-check: the benchmark users must exist for the list measurements
	views = []
	for doctype in ("Coaching Session", "Coaching Agreement"):
		unrestricted = list_cost("Administrator", doctype)
		views.append((f"{doctype}, unrestricted", unrestricted, unrestricted))
		for role, user in (("coach", coach), ("coachee", coachee), ("manager", manager)):
			views.append((f"{doctype}, as a {role}", list_cost(user, doctype), unrestricted))
	unrestricted = count_cost("Administrator", "Coaching Agreement")
	views.append(("Agreement count, unrestricted", unrestricted, unrestricted))
	views.append(("Agreement count, as a manager", count_cost(manager, "Coaching Agreement"), unrestricted))
	figures = figure_costs(manager)

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
	print(
		f"{'list view (median of ' + str(LIST_REPETITIONS) + ' warm runs)':<40} | {'rows':>7} | {'queries':>7} | "
		f"{'seconds':>8} | {'x unrestr.':>10} | full scan"
	)
	print("-" * 96)
	for label, cost, unrestricted in views:
		ratio = cost["seconds"] / unrestricted["seconds"] if unrestricted["seconds"] else float("nan")
		print(
			f"{label:<40} | {cost['rows']:>7} | {cost['queries']:>7} | {cost['seconds']:>8.4f} | "
			f"{ratio:>10.2f} | {'yes' if cost['full_scan'] else 'no'}"
		)
	print()
	print(
		f"{'staff figure (median of ' + str(FIGURE_REPETITIONS) + ' warm runs)':<48} | {'queries':>7} | "
		f"{'s unrestr.':>10} | {'s manager':>9} | {'x unrestr.':>10}"
	)
	print("-" * 96)
	for label, (free_s, _free_q), (manager_s, manager_q) in figures:
		ratio = manager_s / free_s if free_s else float("nan")
		print(f"{label:<48} | {manager_q:>7} | {free_s:>10.4f} | {manager_s:>9.4f} | {ratio:>10.2f}")
	if not int(keep):
		cleanup()


def run_notices(
	agreements: int = 100_000,
	sessions: int = 100_000,
	coaches: int = 2_000,
	keep: int = 0,
	max_parts: int = 0,
):
	"""Time the daily digest of a catch-up day, part by part, against the long queue's timeout.

	On the synthetic program the renewal window holds about 7,750 of 100,000 agreements on the first day,
	some 28 times the 275 a day that 100,000 one-year agreements bring, so this is the catch-up case; the
	relationships behind their cadence and the overdue action steps of the day come on top. Each part is one
	background job on a real day; here they run one after the other in this process, and the follow-up jobs
	they would enqueue are only counted. `max_parts` stops after that many parts (0: the whole day), for a
	quick figure per part on a day too heavy to send in full."""
	from coaching_app import digest
	from coaching_app.install import ensure_test_outbox

	frappe.only_for("System Manager")
	build(int(agreements), int(sessions), int(coaches))
	today = getdate()
	# An outbox that queues mail without a server behind it: creating it skips the SMTP check only in
	# test mode, which is switched off again before anything is measured.
	frappe.flags.in_test = True
	ensure_test_outbox()
	frappe.flags.in_test = False
	add_people()
	flagged = renewals.flag_renewals_due(today)
	frappe.db.commit()  # static-check: the digest job commits in chunks itself, as it does on a real day
	timeout = frappe.get_conf().get("long_queue_timeout") or 1500
	emails_before = frappe.db.count("Email Queue")
	follow_ups = []
	counting = patch.object(digest, "enqueue_notices", lambda method, part=0: follow_ups.append(part))
	with counting:
		part, slowest, started_day = 0, 0.0, time.perf_counter()
		while True:
			started = time.perf_counter()
			told = digest.send_daily_digest(today, part)
			seconds = time.perf_counter() - started
			frappe.db.commit()  # static-check: a job's end commits, as the background worker does
			slowest = max(slowest, seconds)
			print(f"part {part}: {seconds:.1f}s")
			if not follow_ups or follow_ups[-1] != part + 1:
				break
			if int(max_parts) and part + 1 >= int(max_parts):
				print(f"stopped after {part + 1} parts (--max-parts); the rest of the day is not sent")
				break
			part += 1
		day = time.perf_counter() - started_day
	emails = frappe.db.count("Email Queue") - emails_before
	records = {kind: len(names) for kind, names in told.items()} or "not marked: the day was not finished"
	print(
		f"flagged {flagged}; records told: {records}; {emails} emails (one per person) in {part + 1} parts of "
		f"at most {digest.PEOPLE_PER_JOB} people; the day took {day:.1f}s, slowest part {slowest:.1f}s, "
		f"against a long queue timeout of {timeout}s (a quarter: {timeout / 4:.0f}s)"
	)
	if not int(keep):
		cleanup()
