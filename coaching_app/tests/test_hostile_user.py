"""A hostile signed-in user against Frappe's own endpoints, over HTTP on a served site.

Each test takes one class of attack (link search, counting oracles, forged documents, child rows naming other
records, records created outside a relationship, owned fields, borrowed private files, anonymity) and shows
both the refusal and that the rightful user still does the same thing. The last test runs every whitelisted
Frappe function that takes a DocType, documents or fields, as each role, against a private note, a session
and an anonymous answer, and looks for their text in every answer.
"""

import importlib
import inspect
import json
import pkgutil

import frappe
import requests

from coaching_app import demo
from coaching_app.rules.access import CHILD_TABLE_PARENTS, RECORD_DOCTYPES
from coaching_app.tests.served import (
	COACH,
	COACHEE,
	MANAGER,
	OTHER_COACH,
	OTHER_COACHEE,
	ServedSiteTestCase,
)
from coaching_app.tests.utils import make_feedback_round, make_note

SYSTEM_MANAGER = f"sysadmin@{demo.DOMAIN}"
USERS = (COACH, OTHER_COACH, COACHEE, OTHER_COACHEE, MANAGER, SYSTEM_MANAGER)
NOTE_SECRET = "NOTE-SECRET-a91e"
AGENDA_SECRET = "AGENDA-SECRET-52bd"
ANSWER_SECRET = "ANON-ANSWER-c07f"
RATING_NOTE_SECRET = "RATING-SECRET-3e11"
FILE_SECRET = b"FILE-SECRET-77aa: the coach's private attachment"


class TestHostileUser(ServedSiteTestCase):
	@classmethod
	def add_served_records(cls):
		demo._user("sysadmin", "Sam Sysadmin", ("System Manager",))
		cls.agreement = frappe.get_all(
			"Coaching Agreement",
			filters={"coach_user": COACH, "coachee_user": COACHEE, "status": "Active"},
			pluck="name",
		)[0]
		cls.session = frappe.get_all("Coaching Session", filters={"agreement": cls.agreement}, pluck="name")[
			0
		]
		frappe.db.set_value("Coaching Session", cls.session, "agenda", f"{AGENDA_SECRET} what Lena told Maya")
		cls.note = make_note(cls.session, COACH, f"{NOTE_SECRET} thinks the coachee is burning out")
		frappe.set_user(COACH)
		note_file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "note-attachment.txt",
				"attached_to_doctype": "Coaching Note",
				"attached_to_name": cls.note.name,
				"is_private": 1,
				"content": FILE_SECRET,
			}
		).insert()
		frappe.set_user("Administrator")
		cls.note_file_url = note_file.file_url
		cls.plan = frappe.get_all("Growth Plan", filters={"coachee_user": COACHEE}, pluck="name")[0]
		rating = frappe.get_all("Growth Plan Rating", filters={"parent": cls.plan}, pluck="name")[0]
		frappe.db.set_value("Growth Plan Rating", rating, "notes", RATING_NOTE_SECRET)
		round_ = make_feedback_round(demo.PROGRAM)
		cls.anonymous_answer = (
			frappe.get_doc(
				{
					"doctype": "Coaching Feedback",
					"round": round_.name,
					"agreement": cls.agreement,
					"respondent_role": "Coachee",
					"respondent": COACHEE,
					"is_anonymous": 1,
					"comments": f"{ANSWER_SECRET} from Lena",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.awaiting = frappe.get_all(
			"Coaching Agreement", filters={"status": "Awaiting Consent"}, fields=["name", "coach_user"]
		)[0]
		cls.coach_name = frappe.db.get_value("Coach", {"user": COACH}, "name")
		cls.other_coach_name = frappe.db.get_value("Coach", {"user": OTHER_COACH}, "name")
		cls.other_coachee_name = frappe.db.get_value("Coachee", {"user": OTHER_COACHEE}, "name")
		if not frappe.db.exists("Coaching Calendar Feed", COACHEE):
			frappe.get_doc({"doctype": "Coaching Calendar Feed", "user": COACHEE}).insert(
				ignore_permissions=True
			)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.http = {user: cls.login(user) for user in USERS}
		cls.http["Guest"] = requests.Session()

	def call(self, user, method, **params):
		return self.http[user].post(f"{self.base}/api/method/{method}", data=_encoded(params))

	def message(self, response):
		return response.json().get("message") if response.status_code == 200 else None

	# --- 1. link search --------------------------------------------------------------------------------

	def test_link_search_never_lifts_the_record_hooks(self):
		probes = {
			"Coaching Note": NOTE_SECRET[:8],
			"Coaching Session": "",
			"Coaching Agreement": "",
			"Coaching Action": "",
			"Coachee": "",
			"Coaching Feedback": "",
			"Growth Plan": "",
		}
		for user in (OTHER_COACH, COACHEE, OTHER_COACHEE, MANAGER):
			for doctype, txt in probes.items():
				visible = self.visible(user, doctype)
				for method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
					with self.subTest(user=user, doctype=doctype, method=method):
						response = self.call(
							user,
							method,
							doctype=doctype,
							txt=txt,
							ignore_user_permissions=1,
							page_length=500,
							searchfield="name",
						)
						self.assertNotIn(NOTE_SECRET, response.text)
						found = _names_in(self.message(response))
						self.assertLessEqual(found, visible, response.text[:300])
		# The author still finds her own note by its text.
		response = self.call(
			COACH,
			"frappe.desk.search.search_link",
			doctype="Coaching Note",
			txt="",
			ignore_user_permissions=1,
		)
		self.assertIn(self.note.name, _names_in(self.message(response)))

	def visible(self, user, doctype):
		with self.set_user(user):
			try:
				return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
			except frappe.PermissionError:
				return set()

	# --- 2. counting as an oracle ------------------------------------------------------------------------

	def test_counts_with_like_filters_reveal_nothing_of_others(self):
		token = frappe.db.get_value("Coaching Calendar Feed", COACHEE, "token")
		probes = [
			("Coaching Calendar Feed", {"token": ["like", f"{token[:3]}%"]}),
			("Version", {"data": ["like", f"%{AGENDA_SECRET}%"]}),
			("Version", {"ref_doctype": "Coaching Session"}),
			("Growth Plan Rating", {"notes": ["like", f"%{RATING_NOTE_SECRET}%"]}),
			("Coaching Session Review", {}),
			("Comment", {"reference_doctype": "Coaching Agreement"}),
			("File", {"attached_to_doctype": "Coaching Note"}),
			("Coaching Session", {"agenda": ["like", f"%{AGENDA_SECRET}%"]}),
			("Coaching Feedback", {"comments": ["like", f"%{ANSWER_SECRET}%"]}),
			("Deleted Document", {"deleted_doctype": "Coaching Session"}),
		]
		strangers = (OTHER_COACH, OTHER_COACHEE)
		for doctype, filters in probes:
			for user in strangers:
				with self.subTest(doctype=doctype, user=user):
					response = self.call(user, "frappe.client.get_count", doctype=doctype, filters=filters)
					self.assertTrue(
						response.status_code == 403 or self.message(response) == 0,
						(doctype, user, response.status_code, response.text[:200]),
					)
		# The token holder and the relationship still count their own rows.
		own = self.call(COACHEE, "coaching_app.api.get_calendar_feed_url")
		self.assertIn(token, self.message(own), own.text[:300])
		own = self.call(
			COACHEE,
			"frappe.client.get_count",
			doctype="Growth Plan Rating",
			filters={"notes": ["like", f"%{RATING_NOTE_SECRET}%"]},
		)
		self.assertEqual(self.message(own), 1, own.text[-1500:])
		# Staff never count an anonymous answer by its text.
		for user in (MANAGER, SYSTEM_MANAGER):
			response = self.call(
				user,
				"frappe.client.get_count",
				doctype="Coaching Feedback",
				filters={"comments": ["like", f"%{ANSWER_SECRET}%"]},
			)
			self.assertEqual(self.message(response), 0, (user, response.text[:200]))

	def test_sidebar_assignment_counts_filter_only_readable_rows(self):
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": MANAGER,
				"reference_type": "Coaching Session",
				"reference_name": self.session,
				"description": "Follow up",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # static-check: the served site reads only committed rows
		try:
			for user, expected in ((OTHER_COACH, 0), (OTHER_COACHEE, 0), (COACH, 1)):
				with self.subTest(user=user):
					response = self.call(
						user,
						"frappe.desk.listview.get_group_by_count",
						doctype="Coaching Session",
						current_filters={"agenda": ["like", f"%{AGENDA_SECRET}%"]},
						field="assigned_to",
					)
					counted = sum(row["count"] for row in (self.message(response) or []))
					self.assertEqual(counted, expected, (user, response.text[:200]))
		finally:
			frappe.db.delete("ToDo", {"reference_name": self.session})
			frappe.db.commit()  # static-check: undo the committed row

	# --- 3. forged documents through run_doc_method ------------------------------------------------------

	def test_document_methods_act_on_the_stored_record(self):
		agreement = frappe.get_doc("Coaching Agreement", self.awaiting.name)
		coachee_user = agreement.coachee_user
		self.http.setdefault(coachee_user, self.login(coachee_user))
		forged = agreement.as_dict(convert_dates_to_str=True)
		forged.update(coach_consented_on=str(frappe.utils.now_datetime()), coach=self.other_coach_name)
		response = self.http[coachee_user].post(
			f"{self.base}/api/method/run_doc_method",
			data={"method": "record_consent", "docs": json.dumps(forged)},
		)
		self.fresh()
		stored = frappe.db.get_value(
			"Coaching Agreement", agreement.name, ["coach", "coach_consented_on", "status"], as_dict=True
		)
		self.assertEqual(stored.coach, agreement.coach, response.text[:300])
		self.assertIsNone(stored.coach_consented_on, "the coach's consent cannot be forged")
		self.assertEqual(stored.status, "Awaiting Consent")
		if response.status_code == 200:
			self.assertTrue(frappe.db.get_value("Coaching Agreement", agreement.name, "coachee_consented_on"))
		# A copy that claims a relationship the stored record does not give is refused outright.
		foreign = frappe.get_all(
			"Coaching Agreement", filters={"coachee_user": ("!=", COACHEE)}, fields=["name"], limit=1
		)[0]
		claim = frappe.get_doc("Coaching Agreement", foreign.name).as_dict(convert_dates_to_str=True)
		claim.update(coachee=frappe.db.get_value("Coachee", {"user": COACHEE}, "name"), coachee_user=COACHEE)
		response = self.http[COACHEE].post(
			f"{self.base}/api/method/run_doc_method",
			data={"method": "record_consent", "docs": json.dumps(claim)},
		)
		self.assertEqual(response.status_code, 403, response.text[:300])

	# --- 4. child rows that point at other records -------------------------------------------------------

	def test_a_step_row_cannot_overwrite_another_relationships_action(self):
		foreign_action = frappe.get_all(
			"Coaching Action", filters={"coach_user": ("!=", COACH)}, fields=["name", "description"]
		)[0]
		session = frappe.get_doc("Coaching Session", self.session)
		rows = [r.as_dict(convert_dates_to_str=True) for r in session.new_action_steps]
		rows.append({"action": foreign_action.name, "description": "Overwritten", "measure": "By a stranger"})
		response = self.http[COACH].put(
			f"{self.base}/api/resource/Coaching Session/{self.session}",
			data=json.dumps({"new_action_steps": rows}),
			headers={"Content-Type": "application/json"},
		)
		self.assertIn(response.status_code, (403, 417), response.text[:300])
		self.fresh()
		self.assertEqual(
			frappe.db.get_value("Coaching Action", foreign_action.name, "description"),
			foreign_action.description,
		)

	# --- 5. records created outside any relationship -----------------------------------------------------

	def test_records_cannot_be_created_for_someone_elses_relationship(self):
		before = frappe.db.count("Coaching Action", {"coachee": self.other_coachee_name})
		response = self.http[COACH].post(
			f"{self.base}/api/resource/Coaching Action",
			data=json.dumps(
				{"coachee": self.other_coachee_name, "description": "Planted", "measure": "Planted"}
			),
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertNotIn(OTHER_COACHEE, response.text)
		self.fresh()
		self.assertEqual(frappe.db.count("Coaching Action", {"coachee": self.other_coachee_name}), before)
		# A request names the requester's own coachee record, whatever is sent.
		skill = frappe.get_all("Coaching Skill", pluck="name", limit=1)[0]
		response = self.http[COACHEE].post(
			f"{self.base}/api/resource/Coaching Request",
			data=json.dumps(
				{
					"skill": skill,
					"coachee": self.other_coachee_name,
					"requester": OTHER_COACHEE,
					"request_details": "Preparing a difficult conversation",
				}
			),
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		created = response.json()["data"]
		self.assertEqual(created["requester"], COACHEE)
		self.assertEqual(created["coachee"], frappe.db.get_value("Coachee", {"user": COACHEE}, "name"))
		# The coach of the relationship still adds an action step to it.
		response = self.http[COACH].post(
			f"{self.base}/api/resource/Coaching Action",
			data=json.dumps(
				{
					"coachee": frappe.db.get_value("Coachee", {"user": COACHEE}, "name"),
					"agreement": self.agreement,
					"description": "Read one chapter",
					"measure": "Tell the coach what stood out",
				}
			),
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])

	# --- 6. fields owned by staff or the app -------------------------------------------------------------

	def test_owned_fields_stay_as_stored_when_a_party_writes_them(self):
		coach = frappe.db.get_value(
			"Coach", self.coach_name, ["capacity", "current_load", "status", "in_coach_pool"], as_dict=True
		)
		response = self.put(
			COACH,
			f"Coach/{self.coach_name}",
			{"capacity": 99, "current_load": 0, "status": "Inactive", "bio": "Coaches with care"},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.fresh()
		after = frappe.db.get_value(
			"Coach",
			self.coach_name,
			["capacity", "current_load", "status", "in_coach_pool", "bio"],
			as_dict=True,
		)
		self.assertEqual(
			(after.capacity, after.current_load, after.status),
			(coach.capacity, coach.current_load, coach.status),
		)
		self.assertEqual(after.bio, "Coaches with care", "the coach's own field is saved")

		coachee_name = frappe.db.get_value("Coachee", {"user": COACHEE}, "name")
		before = frappe.db.get_value("Coachee", coachee_name, ["current_coach", "status"], as_dict=True)
		self.put(
			COACHEE,
			f"Coachee/{coachee_name}",
			{"current_coach": self.other_coach_name, "status": "Graduated"},
		)
		self.fresh()
		self.assertEqual(
			frappe.db.get_value("Coachee", coachee_name, ["current_coach", "status"], as_dict=True), before
		)

		self.put(COACHEE, f"Growth Plan/{self.plan}", {"status": "Reviewed"})
		self.fresh()
		self.assertNotEqual(frappe.db.get_value("Growth Plan", self.plan, "status"), "Reviewed")

		# Staff still change them.
		response = self.put(MANAGER, f"Coach/{self.coach_name}", {"capacity": coach.capacity + 1})
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.fresh()
		self.assertEqual(frappe.db.get_value("Coach", self.coach_name, "capacity"), coach.capacity + 1)

	def put(self, user, path, body):
		return self.http[user].put(
			f"{self.base}/api/resource/{path}",
			data=json.dumps(body),
			headers={"Content-Type": "application/json"},
		)

	# --- 7. a private file re-registered ------------------------------------------------------------------

	def test_a_private_file_cannot_be_borrowed_by_registering_its_address(self):
		for user in (COACHEE, OTHER_COACH):
			with self.subTest(user=user):
				response = self.http[user].post(
					f"{self.base}/api/resource/File",
					data=json.dumps(
						{"file_url": self.note_file_url, "is_private": 1, "file_name": "mine.txt"}
					),
					headers={"Content-Type": "application/json"},
				)
				self.assertIn(response.status_code, (403, 417), response.text[:300])
				served = self.http[user].get(f"{self.base}{self.note_file_url}")
				self.assertNotIn(FILE_SECRET.decode(), served.text)
		served = self.http[COACH].get(f"{self.base}{self.note_file_url}")
		self.assertIn(FILE_SECRET.decode(), served.text, "the author still opens her file")

	# --- 8. anonymity ------------------------------------------------------------------------------------

	def test_an_anonymous_answer_is_read_by_its_author_alone(self):
		for user in (MANAGER, SYSTEM_MANAGER, COACH):
			with self.subTest(user=user):
				opened = self.http[user].get(
					f"{self.base}/api/resource/Coaching Feedback/{self.anonymous_answer}"
				)
				self.assertEqual(opened.status_code, 403, opened.text[:200])
				versions = self.http[user].get(
					f"{self.base}/api/resource/Version",
					params={
						"filters": json.dumps({"ref_doctype": "Coaching Feedback"}),
						"fields": '["data"]',
					},
				)
				self.assertNotIn(ANSWER_SECRET, versions.text)
		own = self.http[COACHEE].get(f"{self.base}/api/resource/Coaching Feedback/{self.anonymous_answer}")
		self.assertIn(ANSWER_SECRET, own.text)
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Coaching Feedback"}))

	# --- 9. workspace figures ----------------------------------------------------------------------------

	def test_workspace_figures_are_for_staff(self):
		for name in ("renewals_due_in_30_days", "coaches_over_capacity", "sessions_this_month"):
			method = f"coaching_app.coaching.dashboard.{name}"
			for user in (COACH, COACHEE):
				with self.subTest(method=name, user=user):
					self.assertEqual(self.call(user, method).status_code, 403)
			self.assertEqual(self.call(MANAGER, method).status_code, 200)

	# --- 10. queries carried in column and filter arguments -----------------------------------------------

	def test_a_query_in_a_column_or_filter_argument_is_refused_for_every_doctype(self):
		subquery = "`name`, (select `content` from `tabCoaching Note` limit 1) as `leak`"
		attempts = [
			("frappe.client.get_list", {"doctype": "Coaching Resource", "fields": [subquery]}),
			("frappe.client.get_list", {"doctype": "ToDo", "fields": [subquery]}),
			("frappe.desk.reportview.get", {"doctype": "Coaching Skill", "fields": [subquery]}),
			("frappe.client.get_value", {"doctype": "Coaching Skill", "fieldname": subquery, "filters": {}}),
			(
				"frappe.desk.reportview.get_stats",
				{"doctype": "Coaching Skill", "stats": ["_user_tags"], "filters": ["1=1 or 1=1"]},
			),
			(
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
				{
					"chart": {
						"document_type": "ToDo",
						"chart_type": "Sum",
						"value_based_on": "(select length(`content`) from `tabCoaching Note` limit 1)",
						"based_on": "creation",
						"timeseries": 1,
						"timespan": "Last Year",
						"time_interval": "Monthly",
					}
				},
			),
		]
		for user in (OTHER_COACH, COACHEE, MANAGER, SYSTEM_MANAGER, COACH):
			for method, args in attempts:
				with self.subTest(user=user, method=method):
					response = self.call(user, method, **args)
					self.assertEqual(response.status_code, 403, response.text[:300])
					self.assertNotIn(NOTE_SECRET, response.text)
		# Ordinary columns, aggregates and filters still work.
		response = self.call(
			MANAGER,
			"frappe.client.get_list",
			doctype="Coaching Skill",
			fields=["name", "count(name) as total"],
			filters=[["name", "like", "%"]],
			group_by="name",
		)
		self.assertEqual(response.status_code, 200, response.text[:300])

	# --- every Frappe endpoint that takes a DocType, documents or fields ----------------------------------

	def test_no_frappe_endpoint_hands_out_coaching_text(self):
		"""Every whitelisted Frappe function with a `doctype`, `docs`, `fields` or similar argument is called
		as each non-author, against the private note, the session and the anonymous answer; none of their
		text may come back. The list is read from Frappe itself, so an endpoint added by a Frappe update is
		probed too."""
		endpoints = frappe_endpoints_taking_documents()
		self.assertGreater(len(endpoints), 40, "Frappe's whitelisted functions were found")
		targets = [
			("Coaching Note", self.note.name, NOTE_SECRET, {COACH}),
			("Coaching Session", self.session, AGENDA_SECRET, {COACH, COACHEE, MANAGER, SYSTEM_MANAGER}),
			("Coaching Feedback", self.anonymous_answer, ANSWER_SECRET, {COACHEE}),
			("Growth Plan Rating", None, RATING_NOTE_SECRET, {COACH, COACHEE, MANAGER, SYSTEM_MANAGER}),
		]
		calls = 0
		for path, params in endpoints:
			for doctype, name, secret, readers in targets:
				args = probe_arguments(params, doctype, name, secret)
				for user in [*USERS, "Guest"]:
					if user in readers:
						continue
					response = self.http[user].post(f"{self.base}/api/method/{path}", data=_encoded(args))
					calls += 1
					self.assertNotIn(secret, response.text, (path, doctype, user, response.status_code))
		print(f"\n  {calls} calls to {len(endpoints)} Frappe endpoints found no coaching text")


def frappe_endpoints_taking_documents() -> list[tuple[str, list[str]]]:
	"""(dotted path, parameter names) of every whitelisted function in Frappe's client, desk, share, handler,
	model, core and utils modules that takes a DocType, documents or fields."""
	import frappe as frappe_package

	for package in ("frappe.desk", "frappe.core", "frappe.model", "frappe.utils", "frappe.email"):
		module = importlib.import_module(package)
		for info in pkgutil.walk_packages(module.__path__, f"{package}."):
			if ".test" in info.name or "tests" in info.name or "patches" in info.name:
				continue
			try:
				importlib.import_module(info.name)
			except Exception:
				continue
	for name in ("frappe.client", "frappe.share", "frappe.handler", "frappe.printing.page.print.print"):
		try:
			importlib.import_module(name)
		except Exception:
			continue
	taking = {"doctype", "dt", "docs", "doc", "fields", "ref_doctype", "reference_doctype", "document_type"}
	found = []
	for fn in frappe_package.whitelisted:
		module = getattr(fn, "__module__", "") or ""
		if not module.startswith("frappe."):
			continue
		try:
			params = list(inspect.signature(fn).parameters)
		except (TypeError, ValueError):
			continue
		if taking & set(params):
			found.append((f"{module}.{fn.__name__}", params))
	return sorted(set((p, tuple(a)) for p, a in found))


def probe_arguments(params, doctype: str, name: str | None, secret: str) -> dict:
	"""Plausible arguments for one endpoint aimed at one coaching record."""
	parent = CHILD_TABLE_PARENTS.get(doctype)
	values = {
		"doctype": doctype,
		"dt": doctype,
		"ref_doctype": doctype,
		"reference_doctype": doctype,
		"document_type": doctype,
		"name": name,
		"dn": name,
		"docname": name,
		"reference_name": name,
		"names": json.dumps([name]) if name else None,
		"docnames": json.dumps([name]) if name else None,
		"txt": secret[:6],
		"text": secret[:6],
		"fields": json.dumps(["*"]),
		"fieldname": json.dumps(["*"]),
		"field": "name",
		"filters": json.dumps({"name": name} if name else {}),
		"parent": parent,
		"parent_doctype": parent,
		"ignore_user_permissions": 1,
		"limit": 500,
		"page_length": 500,
		"as_dict": 1,
		"docs": json.dumps({"doctype": doctype, "name": name}),
		"doc": json.dumps({"doctype": doctype, "name": name}),
	}
	return {p: values[p] for p in params if p in values and values[p] is not None}


def _encoded(params: dict) -> dict:
	return {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in params.items()}


def _names_in(message) -> set:
	names = set()
	for row in message or []:
		if isinstance(row, dict):
			names.add(row.get("value") or row.get("name"))
		elif isinstance(row, list | tuple) and row:
			names.add(row[0])
	return names - {None}


assert RECORD_DOCTYPES  # the suite's targets are among the guarded DocTypes
