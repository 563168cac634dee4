"""A test site served over HTTP by its own web server, for suites that go through Frappe's request handling.

The web server runs in another process and sees only committed data, so these suites commit the demo program
first (plus whatever `add_served_records` adds) and remove all of it afterwards.
"""

import os
import socket
import subprocess
import time

import frappe
import requests
from frappe.utils import get_bench_path

from coaching_app import demo
from coaching_app.tests import CoachingTestCase

PASSWORD = "demo"
COACH = f"maya@{demo.DOMAIN}"
OTHER_COACH = f"daniel@{demo.DOMAIN}"
COACHEE = f"lena@{demo.DOMAIN}"
OTHER_COACHEE = f"omar@{demo.DOMAIN}"
MANAGER = f"manager@{demo.DOMAIN}"


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def serve(site: str) -> tuple[subprocess.Popen, str]:
	"""Serve `site` with `bench serve` on a free port of 127.0.0.1; returns the server and its address once
	it answers."""
	base = f"http://127.0.0.1:{free_port()}"
	server = subprocess.Popen(
		["bench", "--site", site, "serve", "--port", base.rsplit(":", 1)[1], "--noreload"],
		cwd=get_bench_path(),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
	)
	deadline = time.time() + 90
	while time.time() < deadline:
		try:
			if requests.get(f"{base}/api/method/ping", timeout=2).status_code == 200:
				return server, base
		except requests.RequestException:
			time.sleep(1)
	stop(server)
	raise RuntimeError(f"the web server of {site} did not start")


def stop(server: subprocess.Popen) -> None:
	os.killpg(server.pid, 15)
	server.wait(timeout=30)


class ServedSiteTestCase(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		demo.clear_demo()
		demo.make_demo()
		cls.add_served_records()
		frappe.db.commit()  # static-check: the web server in another process reads only committed rows
		cls.server, cls.base = serve(frappe.local.site)

	@classmethod
	def add_served_records(cls):
		"""Records a suite needs beyond the demo program; they must be removed by `demo.clear_demo`."""

	@classmethod
	def tearDownClass(cls):
		try:
			stop(cls.server)
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			demo.clear_demo()
			super().tearDownClass()

	def fresh(self):
		frappe.db.rollback()  # see what the web server committed

	@classmethod
	def login(cls, user: str) -> requests.Session:
		"""An HTTP session signed in as `user`."""
		session = requests.Session()
		response = session.post(f"{cls.base}/api/method/login", data={"usr": user, "pwd": PASSWORD})
		if response.status_code != 200:
			raise AssertionError(f"login as {user}: HTTP {response.status_code}")
		return session
