"""Host lists benchmark, a developer's tool: `bench --site SITE coaching-benchmark-host-lists` (see
`coaching_app.commands`).

The app adds a list condition to five of Frappe's own tables (ToDo, File, Comment, Version, Communication),
which on a long-lived site hold millions of rows that have nothing to do with coaching. This fills each of
them with synthetic rows (every one named BENCH-H-...; one in a hundred refers to a session of a synthetic
coaching program, one in ten is the measuring desk user's), then times the default list (20 names) as a desk
user who reads no coaching record and as a System Manager, who does, each with the app's condition and
without it. Without it is what the same list costs on a site without the app: the app's list hook for these
tables is `reference_query`, and the same call is timed with that hook answering "" (no condition).

Prints a table; removes every row it made unless asked to keep them. Use a site kept for the purpose.
"""

import statistics
import time
from unittest.mock import patch

import frappe
from frappe.utils import now_datetime

from coaching_app.tests.benchmark import (
	QueryCounter,
	_postgres,
	bench_user,
	build,
	full_scan,
	refresh_statistics,
	series,
)
from coaching_app.tests.benchmark import cleanup as cleanup_program

PREFIX = "BENCH-H-"
DESK_USER = "bench-host-desk@bench.invalid"
SYSTEM_MANAGER = "bench-host-system-manager@bench.invalid"
COACHING_EVERY = 100  # one row in a hundred refers to a coaching session
COACHING_OFFSET = 7  # ...starting with the 7th newest, so the first page of every list holds one
OWN_EVERY = 10  # one row in ten is allocated to, or owned by, the desk user
TABLES = ("ToDo", "File", "Comment", "Version", "Communication")

# Who measures which table: the desk user reads ToDo, File and Communication through the role All and
# Comment through Website Manager; only System Managers read Version.
MEASURED = (
	("ToDo", DESK_USER),
	("File", DESK_USER),
	("Comment", DESK_USER),
	("Communication", DESK_USER),
	("ToDo", SYSTEM_MANAGER),
	("File", SYSTEM_MANAGER),
	("Comment", SYSTEM_MANAGER),
	("Version", SYSTEM_MANAGER),
	("Communication", SYSTEM_MANAGER),
)


# --- dataset ---------------------------------------------------------------------------------------------


def _case(condition: str, then: str, otherwise: str) -> str:
	return f"case when {condition} then {then} else {otherwise} end"


def _every(every: int, offset: int = 0) -> str:
	return f"mod(s.seq, {int(every)}) = {int(offset) % int(every)}"


def build_host_rows(rows: int, sessions: int) -> None:
	"""`rows` rows in each host table, in one INSERT ... SELECT per table over a series of integers. Row k is
	k seconds older than the newest, so the lists' sort by `modified` has a fixed order."""
	rows, sessions = int(rows), max(int(sessions), 1)
	values = {"now": now_datetime(), "desk_user": DESK_USER, "session": "Coaching Session"}
	modified = "%(now)s - interval '1 second' * s.seq" if _postgres() else "%(now)s - interval s.seq second"
	coaching = _every(COACHING_EVERY, COACHING_OFFSET)
	own = _every(OWN_EVERY, 1)
	session_name = f"concat('BENCH-S-', mod(s.seq, {sessions}))"
	# A row not about coaching refers to an ordinary record of the host site, or to nothing.
	reference_type = _case(coaching, "%(session)s", _case(_every(2), "'Note'", "null"))
	reference_name = _case(coaching, session_name, _case(_every(2), "concat('BENCH-H-N-', s.seq)", "null"))
	owner = _case(own, "%(desk_user)s", "'Administrator'")
	common = f"concat('{PREFIX}', s.seq), {modified}, {modified}, {owner}, 'Administrator', 0, 0"
	head = "name, creation, modified, owner, modified_by, docstatus, idx"
	statements = {
		"ToDo": f"""insert into `tabToDo` ({head}, status, priority, date, allocated_to, assigned_by,
				description, reference_type, reference_name)
			select {common}, 'Open', 'Medium', %(now)s, {owner}, 'Administrator',
				concat('Bench to-do ', s.seq), {reference_type}, {reference_name}
			from {series(1, rows)}""",
		"File": f"""insert into `tabFile` ({head}, file_name, file_url, is_private, folder, file_size,
				attached_to_doctype, attached_to_name)
			select {common}, concat('bench-', s.seq, '.txt'),
				{_case(_every(2), "concat('/private/files/bench-', s.seq, '.txt')", "concat('/files/bench-', s.seq, '.txt')")},
				{_case(_every(2), "1", "0")}, 'Home/Attachments', 100, {reference_type}, {reference_name}
			from {series(1, rows)}""",
		"Comment": f"""insert into `tabComment` ({head}, comment_type, comment_email, content,
				reference_doctype, reference_name, published, seen)
			select {common}, 'Comment', {owner}, concat('Bench comment ', s.seq), {reference_type},
				{reference_name}, 0, 0
			from {series(1, rows)}""",
		"Version": f"""insert into `tabVersion` ({head}, ref_doctype, docname, data)
			select {common}, coalesce({reference_type}, 'Note'),
				coalesce({reference_name}, concat('BENCH-H-N-', s.seq)), '{{}}'
			from {series(1, rows)}""",
		"Communication": f"""insert into `tabCommunication` ({head}, subject, content, communication_type,
				communication_medium, sent_or_received, status, sender, reference_doctype, reference_name)
			select {common}, concat('Bench message ', s.seq), 'Bench', 'Communication',
				{_case(_every(3), "'Email'", "'Phone'")}, 'Sent', 'Linked', 'bench@bench.invalid',
				{reference_type}, {reference_name}
			from {series(1, rows)}""",
	}
	for doctype in TABLES:
		started = time.perf_counter()
		frappe.db.sql(statements[doctype], values)  # static-check: integers and this module's SQL, no input
		frappe.db.commit()  # static-check: a one-off benchmark command run from the shell
		print(f"inserted {rows} rows into {doctype} in {time.perf_counter() - started:.1f}s", flush=True)
	refresh_statistics(TABLES)
	frappe.db.commit()  # static-check: a one-off benchmark command run from the shell


def cleanup() -> None:
	for doctype in TABLES:
		frappe.db.delete(doctype, {"name": ("like", f"{PREFIX}%")})
		frappe.db.commit()  # static-check: a one-off benchmark command run from the shell


# --- measuring -------------------------------------------------------------------------------------------


def _default_list(doctype: str, run: int = 1):
	return frappe.get_list(doctype, fields=["name"], limit_page_length=20, run=run)


def _without_app():
	"""The list as a site without the app builds it: the app's only list hook on these tables says nothing."""
	return patch("coaching_app.access.permissions.reference_query", return_value="")


def _timed(doctype: str) -> tuple[float, int, int]:
	with QueryCounter() as counter:
		started = time.perf_counter()
		result = _default_list(doctype)
		seconds = time.perf_counter() - started
	return seconds, counter.count, len(result)


def _plan_scans(doctype: str) -> bool:
	query = _default_list(doctype, run=0)  # Frappe built this query, with the permission conditions in it
	return full_scan(frappe.db.sql("explain " + query, as_dict=True))


def host_list_cost(doctype: str, user: str, repetitions: int) -> dict:
	"""The default list of `doctype` for `user`, warm, with and without the app's condition: the median of
	`repetitions` timings each (taken in turns, so both see the same load), the queries of one call, the rows
	it returns and whether its plan reads a large table from end to end."""
	original = frappe.session.user
	frappe.set_user(user)
	try:
		_default_list(doctype)  # warm caches, as a second page load would be
		with _without_app():
			_default_list(doctype)
		with_app, without_app = [], []
		for _ in range(repetitions):
			with_app.append(_timed(doctype))
			with _without_app():
				without_app.append(_timed(doctype))
		app_scan = _plan_scans(doctype)
		with _without_app():
			bare_scan = _plan_scans(doctype)
	finally:
		frappe.set_user(original)
	return {
		"seconds": statistics.median(t[0] for t in with_app),
		"bare_seconds": statistics.median(t[0] for t in without_app),
		"queries": with_app[0][1],
		"bare_queries": without_app[0][1],
		"rows": with_app[0][2],
		"bare_rows": without_app[0][2],
		"full_scan": app_scan,
		"bare_full_scan": bare_scan,
	}


# --- entry point -----------------------------------------------------------------------------------------


def run(
	rows: int = 1_000_000,
	agreements: int = 10_000,
	sessions: int = 100_000,
	coaches: int = 200,
	repetitions: int = 7,
	keep: int = 0,
):
	frappe.only_for("System Manager")
	rows, agreements, sessions, repetitions = int(rows), int(agreements), int(sessions), int(repetitions)
	started = time.perf_counter()
	build(agreements, sessions, int(coaches))  # the coaching records the 1% refer to
	print(f"built {agreements} agreements, {sessions} sessions in {time.perf_counter() - started:.1f}s")
	cleanup()
	build_host_rows(rows, sessions)
	bench_user(DESK_USER, "Website Manager")
	bench_user(SYSTEM_MANAGER, "System Manager")
	frappe.db.commit()  # static-check: the benchmark users must exist for the list measurements
	results = []
	for doctype, user in MEASURED:
		results.append((doctype, user, host_list_cost(doctype, user, repetitions)))

	print()
	print(f"{rows} rows in each table; default list (20 names), median of {repetitions} warm runs each")
	header = (
		f"{'table':<13} | {'user':<14} | {'rows':>4} | {'queries':>7} | {'s with app':>10} | "
		f"{'s without':>9} | {'ratio':>5} | full scan (with / without)"
	)
	print(header)
	print("-" * len(header))
	for doctype, user, cost in results:
		ratio = cost["seconds"] / cost["bare_seconds"] if cost["bare_seconds"] else float("nan")
		rows_shown = f"{cost['rows']}" + (
			"" if cost["rows"] == cost["bare_rows"] else f"/{cost['bare_rows']}"
		)
		print(
			f"{doctype:<13} | {'desk user' if user == DESK_USER else 'System Manager':<14} | "
			f"{rows_shown:>4} | {cost['queries']:>3}/{cost['bare_queries']:<3} | {cost['seconds']:>10.4f} | "
			f"{cost['bare_seconds']:>9.4f} | {ratio:>5.2f} | "
			f"{'yes' if cost['full_scan'] else 'no'} / {'yes' if cost['bare_full_scan'] else 'no'}"
		)
	if not int(keep):
		cleanup()
		cleanup_program()
