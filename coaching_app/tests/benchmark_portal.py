"""Portal pages under load, a developer's tool: `bench --site SITE coaching-benchmark-portal` (see
`coaching_app.commands`).

Builds two synthetic coaches on the benchmark program, one of 200 coachees and one of 5,000, serves the site
with gunicorn on 127.0.0.1 (2 workers of 4 threads, as a small production bench runs it) and loads it with
wrk: Frappe's own `/me` page, My Coaching for each coach, the session web form's page and its list, each
signed in, at 10 and at 50 concurrent connections. Prints requests a second and the median and 99th
percentile latency of each, and each page's figures against `/me`. Needs `wrk` (Debian: apt-get install
wrk). Use a site kept for benchmarking: the data is committed while the server reads it, then removed.
"""

import os
import re
import shutil
import socket
import subprocess
import time

import frappe
import requests
from frappe.utils import get_bench_path
from frappe.utils.password import update_password

from coaching_app.tests import benchmark

PASSWORD = "bench-portal-password"
SMALL_COACH, LARGE_COACH = "BENCH-C-1", "BENCH-C-2"
SMALL, LARGE = 200, 5000


def build_coaches() -> dict[str, str]:
	"""A coach of SMALL and a coach of LARGE live agreements (with a session each), both able to sign in:
	{coach name: user}."""
	coaches = (SMALL + LARGE) // SMALL
	benchmark.build(SMALL + LARGE, SMALL + LARGE, coaches)
	large_user = frappe.db.get_value("Coach", LARGE_COACH, "user")
	large_name = frappe.db.get_value("Coach", LARGE_COACH, "full_name")
	for table in ("Coaching Agreement", "Coaching Session"):
		frappe.db.sql(  # static-check: this module's table names and constants, no input
			f"""update `tab{table}` set coach = %(coach)s, coach_user = %(user)s, coach_name = %(name)s
			where name like 'BENCH-%%' and coach not in (%(small)s, %(coach)s)""",
			{"coach": LARGE_COACH, "user": large_user, "name": large_name, "small": SMALL_COACH},
		)
	frappe.db.sql(
		"""update `tabCoachee` set current_coach = %(coach)s
		where name like 'BENCH-%%' and current_coach <> %(small)s""",
		{"coach": LARGE_COACH, "small": SMALL_COACH},
	)
	benchmark.add_people()
	users = {}
	for coach in (SMALL_COACH, LARGE_COACH):
		user = frappe.db.get_value("Coach", coach, "user")
		frappe.get_doc("User", user).add_roles("Coach")
		update_password(user, PASSWORD)
		users[coach] = user
	frappe.db.commit()  # static-check: the web server in another process reads only committed rows
	for coach, expected in ((SMALL_COACH, SMALL), (LARGE_COACH, LARGE)):
		count = frappe.db.count("Coaching Agreement", {"coach": coach})
		if count != expected:
			frappe.throw(f"{coach} has {count} agreements, not {expected}")
	return users


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def start_server(site: str) -> tuple[subprocess.Popen, str]:
	bench = get_bench_path()
	port = free_port()
	server = subprocess.Popen(
		[
			os.path.join(bench, "env", "bin", "gunicorn"),
			"--bind",
			f"127.0.0.1:{port}",
			"--workers",
			"2",
			"--threads",
			"4",
			"--timeout",
			"120",
			"--preload",
			"frappe.app:application",
		],
		cwd=os.path.join(bench, "sites"),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
	)
	base = f"http://127.0.0.1:{port}"
	deadline = time.time() + 120
	while time.time() < deadline:
		try:
			if requests.get(f"{base}/api/method/ping", headers=site_header(site), timeout=3).ok:
				return server, base
		except requests.RequestException:
			pass
		time.sleep(1)
	os.killpg(server.pid, 15)
	frappe.throw("gunicorn did not answer")


def site_header(site: str) -> dict:
	return {"X-Frappe-Site-Name": site, "Host": site}


def sign_in(base: str, site: str, user: str) -> str:
	response = requests.post(
		f"{base}/api/method/login", data={"usr": user, "pwd": PASSWORD}, headers=site_header(site), timeout=30
	)
	response.raise_for_status()
	return response.cookies["sid"]


def load(url: str, site: str, sid: str, connections: int, seconds: int) -> dict:
	"""wrk against one address: requests a second, median and 99th percentile latency in ms, and the share
	of answers that were not 2xx."""
	command = [
		"wrk",
		"--threads",
		"2",
		"--connections",
		str(connections),
		"--duration",
		f"{seconds}s",
		"--timeout",
		"30s",
		"--latency",
		"--header",
		f"Cookie: sid={sid}",
		"--header",
		f"X-Frappe-Site-Name: {site}",
		"--header",
		f"Host: {site}",
		url,
	]
	out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

	def latency(label: str) -> float:
		match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
		if not match:
			return float("nan")
		value, unit = float(match.group(1)), match.group(2)
		return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

	rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
	total = re.search(r"(\d+) requests in", out)
	errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
	return {
		"rate": float(rate.group(1)) if rate else 0.0,
		"p50": latency("50"),
		"p99": latency("99"),
		"requests": int(total.group(1)) if total else 0,
		"errors": int(errors.group(1)) if errors else 0,
	}


def run_portal(seconds: int = 15, keep: int = 0) -> None:
	frappe.only_for("System Manager")
	if not shutil.which("wrk"):
		frappe.throw("wrk is not installed (Debian: apt-get install wrk)")
	site = frappe.local.site
	users = build_coaches()
	server, base = start_server(site)
	try:
		small, large = (sign_in(base, site, users[c]) for c in (SMALL_COACH, LARGE_COACH))
		list_api = (
			"/api/method/frappe.www.list.get_list_data?doctype=Coaching+Session"
			"&web_form_name=log-a-session&limit_start=0&limit=20"
		)
		pages = (
			("/me (Frappe's own page)", "/me", small),
			(f"/my-coaching, coach of {SMALL:,}", "/my-coaching", small),
			(f"/my-coaching, coach of {LARGE:,}", "/my-coaching", large),
			(f"/log-a-session list page, coach of {LARGE:,}", "/log-a-session", large),
			(f"session web form list data, coach of {LARGE:,}", list_api, large),
		)
		for _label, path, sid in pages:  # each page answers before it is measured
			response = requests.get(
				f"{base}{path}", cookies={"sid": sid}, headers=site_header(site), timeout=60
			)
			if response.status_code != 200:
				frappe.throw(f"{path} answered {response.status_code}")
		rows = []
		for connections in (10, 50):
			baseline = None
			for label, path, sid in pages:
				figures = load(f"{base}{path}", site, sid, connections, int(seconds))
				baseline = baseline or figures
				rows.append((connections, label, figures, baseline))
	finally:
		os.killpg(server.pid, 15)
		server.wait(timeout=60)
	print()
	print(
		f"{'users':>5} | {'page':<48} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'non-2xx':>7} | "
		f"{'p50 x /me':>9} | {'req/s x /me':>11}"
	)
	print("-" * 122)
	for connections, label, figures, baseline in rows:
		print(
			f"{connections:>5} | {label:<48} | {figures['rate']:>7.1f} | {figures['p50']:>7.1f} | "
			f"{figures['p99']:>7.1f} | {figures['errors']:>7} | {figures['p50'] / baseline['p50']:>9.2f} | "
			f"{figures['rate'] / baseline['rate']:>11.2f}"
		)
	if not int(keep):
		benchmark.cleanup()
