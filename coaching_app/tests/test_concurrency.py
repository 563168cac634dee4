"""People pressing at the same moment, on a site served by several worker processes: both parties consenting
at once, two agreements taking a coach's last free place, three pool coaches accepting one request, and a
form posted twice. Each trial releases its users together through a barrier, and each scenario runs enough
trials that a race would show; the counts are printed.

The web server sees only committed rows: the records are made (and committed) before the trials, and all of
them belong to the demo program, which `demo.clear_demo` removes afterwards."""

import json
import os
import subprocess
import sys
import threading
import time

import frappe
import requests
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, get_bench_path, getdate, today
from frappe.utils.password import update_password

from coaching_app import demo
from coaching_app.capacity import current_load
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.served import MANAGER, PASSWORD, free_port, serve, stop
from coaching_app.tests.utils import make_user

TRIALS = 20
WORKERS = 4
SKILL = "Delegation"


def serve_with_workers(site: str) -> tuple[subprocess.Popen, str, dict]:
	"""Serve the site by gunicorn with several worker processes, as production does; where gunicorn is not
	installed, by `bench serve` (threads of one process). Returns the server, its address and the headers
	that name the site."""
	gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
	if not os.path.exists(gunicorn):
		server, base = serve(site)
		return server, base, {}
	port = free_port()
	base = f"http://127.0.0.1:{port}"
	headers = {"X-Frappe-Site-Name": site}
	server = subprocess.Popen(
		[gunicorn, "-b", f"127.0.0.1:{port}", "-w", str(WORKERS), "-t", "120", "frappe.app:application"],
		cwd=os.path.join(get_bench_path(), "sites"),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
	)
	deadline = time.time() + 90
	while time.time() < deadline:
		try:
			if requests.get(f"{base}/api/method/ping", headers=headers, timeout=5).status_code == 200:
				return server, base, headers
		except requests.RequestException:
			pass
		time.sleep(1)
	stop(server)
	raise RuntimeError(f"the web server of {site} did not start")


def at_once(*calls):
	"""Run the calls in threads released together by a barrier; their answers, in order."""
	barrier = threading.Barrier(len(calls))
	answers = [None] * len(calls)

	def run(i, call):
		barrier.wait()
		answers[i] = call()

	threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(120)
	return answers


def messages(response) -> str:
	"""The messages an answer carries for the person, as one text."""
	try:
		body = response.json()
	except ValueError:
		return response.text[:300]
	texts = [body.get("exception") or ""]
	for message in json.loads(body.get("_server_messages") or "[]"):
		texts.append(json.loads(message).get("message", ""))
	return " ".join(texts)


class TestPressingAtOnce(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		started = time.monotonic()
		frappe.set_user("Administrator")
		demo.clear_demo()
		demo.make_demo()
		cls.make_records()
		frappe.db.commit()  # static-check: the web server in other processes reads only committed rows
		print(f"\n  records made in {time.monotonic() - started:.1f}s")
		cls.server, cls.base, cls.headers = serve_with_workers(frappe.local.site)
		cls.sessions = {}
		at_once(*[lambda: requests.get(f"{cls.base}/api/method/ping", headers=cls.headers)] * WORKERS)

	@classmethod
	def tearDownClass(cls):
		try:
			stop(cls.server)
		finally:
			frappe.db.rollback()
			frappe.set_user("Administrator")
			demo.clear_demo()
			super().tearDownClass()

	# --- records, made the way staff make them ---------------------------------------------------------

	@classmethod
	def person(cls, key: str, role: str) -> str:
		user = make_user(f"race-{key}@{demo.DOMAIN}", roles=(role,), first_name=f"Race {key}")
		update_password(user, PASSWORD)
		return user

	@classmethod
	def coach(cls, key: str, capacity: int, in_pool: int = 0) -> str:
		doc = frappe.get_doc(
			{
				"doctype": "Coach",
				"user": cls.person(key, "Coach"),
				"full_name": f"Race {key}",
				"status": "Active",
				"capacity": capacity,
				"training_completed_on": add_days(today(), -30),
				"in_coach_pool": in_pool,
				"programs": [{"program": demo.PROGRAM}],
				"skills": [{"skill": SKILL}] if in_pool else [],
			}
		).insert()
		return doc.name

	@classmethod
	def coachee(cls, key: str) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": "Coachee",
					"user": cls.person(key, "Coachee"),
					"full_name": f"Race {key}",
					"program": demo.PROGRAM,
				}
			)
			.insert()
			.name
		)

	@classmethod
	def agreement_awaiting_consent(cls, coach: str, coachee: str) -> str:
		"""Written by the program's manager in the desk and sent for consent with the workflow button."""
		previous = frappe.session.user
		frappe.set_user(MANAGER)
		try:
			doc = frappe.get_doc(
				{
					"doctype": "Coaching Agreement",
					"program": demo.PROGRAM,
					"coach": coach,
					"coachee": coachee,
					"start_date": today(),
					"partnership_expectations": "<p>We meet every other week and come prepared.</p>",
				}
			).insert()
			apply_workflow(doc, "Send for Consent")
			return doc.name
		finally:
			frappe.set_user(previous)

	@classmethod
	def make_records(cls):
		# Both parties consent at once: one coach with room for every trial.
		cls.busy_coach = cls.coach("busy", capacity=TRIALS + 5)
		cls.pairs = [
			cls.agreement_awaiting_consent(cls.busy_coach, cls.coachee(f"pair-{i}")) for i in range(TRIALS)
		]
		# Two agreements for the last free place: the coach has consented to both, the coachees press.
		cls.full_coach = cls.coach("full", capacity=1)
		cls.places = []
		for i in range(TRIALS):
			duo = [
				cls.agreement_awaiting_consent(cls.full_coach, cls.coachee(f"place-{i}-{j}")) for j in (0, 1)
			]
			cls.places.append(duo)
		# Three pool coaches and one request per trial, asked for by a coachee on the web form.
		cls.pool_coaches = [cls.coach(f"pool-{i}", capacity=TRIALS, in_pool=1) for i in range(3)]
		cls.requester = frappe.db.get_value("Coachee", cls.coachee("asks"), "user")
		previous = frappe.session.user
		frappe.set_user(cls.requester)
		try:
			cls.requests = [
				frappe.get_doc(
					{
						"doctype": "Coaching Request",
						"skill": SKILL,
						"request_details": f"Trial {i}: handing over the weekly report.",
					}
				)
				.insert()
				.name
				for i in range(TRIALS)
			]
		finally:
			frappe.set_user(previous)
		# The running demo agreement a coach logs sessions against.
		cls.running = frappe.get_all(
			"Coaching Agreement",
			filters={"program": demo.PROGRAM, "status": lifecycle.ACTIVE},
			fields=["name", "coach_user", "start_date", "end_date"],
		)[0]

	def http(self, user: str) -> requests.Session:
		if user not in self.sessions:
			session = requests.Session()
			session.headers.update(self.headers)
			response = session.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": PASSWORD})
			self.assertEqual(response.status_code, 200, (user, response.text[:300]))
			self.sessions[user] = session
		return self.sessions[user]

	def call(self, user: str, method: str, headers: dict | None = None, **data):
		session = self.http(user)
		return lambda: session.post(f"{self.base}/api/method/{method}", data=data, headers=headers)

	def post_form(self, user: str, web_form: str, values: dict, trial: int):
		"""A web form post. Frappe allows ten a minute from one address: each trial's two posts come from
		an address of their own, as from one person's phone."""
		return self.call(
			user,
			"frappe.website.doctype.web_form.web_form.accept",
			headers={"X-Forwarded-For": f"10.26.{trial // 250}.{trial % 250 + 1}"},
			web_form=web_form,
			data=json.dumps(values),
		)

	def user_of(self, doctype: str, name: str) -> str:
		return frappe.db.get_value(doctype, name, "user")

	# --- the trials --------------------------------------------------------------------------------------

	def test_both_parties_consenting_at_once_activate_the_agreement(self):
		coach_user = self.user_of("Coach", self.busy_coach)
		outcomes = {"active with both consents": 0}
		for agreement in self.pairs:
			coachee_user = frappe.db.get_value("Coaching Agreement", agreement, "coachee_user")
			self.http(coachee_user)
			answers = at_once(
				self.call(coach_user, "coaching_app.api.give_consent", agreement=agreement),
				self.call(coachee_user, "coaching_app.api.give_consent", agreement=agreement),
			)
			for answer in answers:
				self.assertEqual(answer.status_code, 200, messages(answer))
			self.fresh()
			stored = frappe.db.get_value(
				"Coaching Agreement",
				agreement,
				["status", "coach_consented_on", "coachee_consented_on"],
				as_dict=True,
			)
			self.assertEqual(stored.status, lifecycle.ACTIVE, agreement)
			self.assertTrue(stored.coach_consented_on and stored.coachee_consented_on, agreement)
			outcomes["active with both consents"] += 1
		self.assertStoredLoadIsTrue(self.busy_coach)
		print(f"\n  simultaneous consents, {len(self.pairs)} trials: {outcomes}")

	def test_two_activations_for_the_last_free_place_one_wins(self):
		coach_user = self.user_of("Coach", self.full_coach)
		winners = {0: 0, 1: 0}
		for trial, duo in enumerate(self.places):
			for agreement in duo:
				answer = self.call(coach_user, "coaching_app.api.give_consent", agreement=agreement)()
				self.assertEqual(answer.status_code, 200, messages(answer))
			if trial:  # staff make room for one more agreement each trial
				self.fresh()
				with self.set_user(MANAGER):
					coach = frappe.get_doc("Coach", self.full_coach)
					coach.capacity = trial + 1
					coach.save()
				frappe.db.commit()  # static-check: the web server reads only committed rows
			users = [frappe.db.get_value("Coaching Agreement", a, "coachee_user") for a in duo]
			for user in users:
				self.http(user)
			answers = at_once(
				*[
					self.call(user, "coaching_app.api.give_consent", agreement=agreement)
					for user, agreement in zip(users, duo, strict=True)
				]
			)
			self.fresh()
			statuses = [frappe.db.get_value("Coaching Agreement", a, "status") for a in duo]
			self.assertEqual(
				sorted(statuses), [lifecycle.ACTIVE, lifecycle.AWAITING_CONSENT], (trial, statuses)
			)
			for answer in answers:
				self.assertEqual(answer.status_code, 200, messages(answer))
			loser = statuses.index(lifecycle.AWAITING_CONSENT)
			winners[1 - loser] += 1
			self.assertIn("capacity", messages(answers[loser]))
			self.assertTrue(
				all(
					frappe.db.get_value(
						"Coaching Agreement", duo[loser], ["coach_consented_on", "coachee_consented_on"]
					)
				),
				"the waiting agreement keeps both consents",
			)
			self.assertStoredLoadIsTrue(self.full_coach)
			running = frappe.db.count(
				"Coaching Agreement",
				{"coach": self.full_coach, "status": ("in", sorted(lifecycle.RUNNING_STATES))},
			)
			self.assertEqual(running, trial + 1, "never more running agreements than places")
		print(
			f"\n  last free place, {len(self.places)} trials: first of the two won {winners[0]}, second {winners[1]}, never both"
		)

	def test_three_pool_coaches_accepting_at_once_one_takes_the_request(self):
		users = [self.user_of("Coach", coach) for coach in self.pool_coaches]
		taken_by = {user: 0 for user in users}
		told_first = 0
		for trial, request in enumerate(self.requests):
			start = str(add_to_date(add_days(today(), 3 + trial), hours=9))
			answers = at_once(
				*[
					self.call(user, "coaching_app.api.accept_request", request=request, session_start=start)
					for user in users
				]
			)
			won = [user for user, answer in zip(users, answers, strict=True) if answer.status_code == 200]
			self.assertEqual(len(won), 1, [(a.status_code, messages(a)) for a in answers])
			taken_by[won[0]] += 1
			for user, answer in zip(users, answers, strict=True):
				if user not in won:
					self.assertEqual(answer.status_code, 417, messages(answer))
					self.assertIn("Another coach accepted this request first.", messages(answer))
					self.assertNotIn("TimestampMismatchError", messages(answer))
					told_first += 1
			self.fresh()
			self.assertEqual(frappe.db.count("Coaching Session", {"coaching_request": request}), 1)
		for coach in self.pool_coaches:
			self.assertStoredLoadIsTrue(coach)
		print(
			f"\n  three pool Accepts, {len(self.requests)} trials: taken {list(taken_by.values())}, {told_first} told plainly"
		)

	def test_a_session_posted_twice_at_once_is_saved_once(self):
		coach_user = self.running.coach_user
		saved_once = 0
		for trial in range(TRIALS):
			start = add_to_date(getdate(self.running.start_date), days=trial, hours=7, minutes=trial)
			values = {
				"agreement": self.running.name,
				"session_start": str(start),
				"status": "Completed",
				"mode": "Video Call",
				"wins": f"Trial {trial}: ran the stand-up.",
				"new_action_steps": [
					{"description": f"Trial {trial}: delegate the report", "measure": "Sent by someone else"}
				],
			}
			answers = at_once(*[self.post_form(coach_user, "log-a-session", values, trial)] * 2)
			codes = sorted(answer.status_code for answer in answers)
			self.assertEqual(codes, [200, 409], [messages(a) for a in answers])
			second = next(answer for answer in answers if answer.status_code == 409)
			self.assertIn("already saved", messages(second))
			self.fresh()
			sessions = frappe.get_all(
				"Coaching Session", {"agreement": self.running.name, "session_start": start}, pluck="name"
			)
			self.assertEqual(len(sessions), 1)
			self.assertEqual(
				frappe.db.count("Coaching Action", {"source_name": sessions[0]}), 1, "one set of action steps"
			)
			saved_once += 1
		print(f"\n  session posted twice at once, {TRIALS} trials: saved once {saved_once} times")

	def test_a_request_posted_twice_at_once_is_saved_once(self):
		user = frappe.db.get_value("Coachee", {"full_name": "Race asks"}, "user")
		saved_once = 0
		for trial in range(TRIALS):
			values = {
				"skill": "Public Speaking",
				"request_details": f"Double tap {trial}: a talk next month.",
			}
			answers = at_once(*[self.post_form(user, "request-a-coach", values, 100 + trial)] * 2)
			codes = sorted(answer.status_code for answer in answers)
			self.assertEqual(codes, [200, 409], [messages(a) for a in answers])
			self.assertIn("already sent", messages(next(a for a in answers if a.status_code == 409)))
			self.fresh()
			self.assertEqual(
				frappe.db.count(
					"Coaching Request", {"requester": user, "request_details": values["request_details"]}
				),
				1,
			)
			saved_once += 1
		print(f"\n  request posted twice at once, {TRIALS} trials: saved once {saved_once} times")

	# --- helpers -----------------------------------------------------------------------------------------

	def fresh(self):
		frappe.db.rollback()  # see what the web server committed

	def setUp(self):
		self.started = time.monotonic()

	def tearDown(self):
		print(f"  ({time.monotonic() - self.started:.1f}s)")

	def assertStoredLoadIsTrue(self, coach: str):
		self.fresh()
		stored = frappe.db.get_value("Coach", coach, "current_load")
		self.assertEqual(round(float(stored or 0), 2), round(current_load(coach), 2), coach)
