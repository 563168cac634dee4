"""Access over HTTP, as a browser or an API client meets it: `/api/resource` and the desk's own endpoints on a
served site, for every DocType with personal records and every role.

Who should see what is worked out here from the rows themselves (the coach's user on an agreement, the
requester of a request, the anonymity flag of an answer), not by asking the permission hooks under test.
"""

import json

import frappe
import frappe.client
import requests

from coaching_app import demo
from coaching_app.rules.access import RECORD_DOCTYPES
from coaching_app.rules.lifecycle import LIVE_STATES
from coaching_app.tests.served import (
	COACH,
	COACHEE,
	MANAGER,
	OTHER_COACH,
	OTHER_COACHEE,
	ServedSiteTestCase,
)
from coaching_app.tests.utils import app_whitelisted_functions, make_feedback_round, make_note

SYSTEM_MANAGER = f"sysadmin@{demo.DOMAIN}"
NOTE_TEXT = "PRIVATE-NOTE-7f3c: thinks the coachee is burning out"
DRAFT_RESOURCE_URL = "https://example.com/draft-not-published"
STAFF = (MANAGER, SYSTEM_MANAGER)
USERS = (COACH, OTHER_COACH, COACHEE, OTHER_COACHEE, MANAGER, SYSTEM_MANAGER)
NO_ACCESS = None  # the role has no access to the DocType at all: its list answers 403


class TestAccessOverHttp(ServedSiteTestCase):
	@classmethod
	def add_served_records(cls):
		demo._user("sysadmin", "Sam Sysadmin", ("System Manager",))
		agreement = frappe.get_all(
			"Coaching Agreement",
			filters={"coach_user": COACH, "coachee_user": COACHEE, "status": "Active"},
			fields=["name", "coach", "coachee"],
		)[0]
		other = frappe.get_all(
			"Coaching Agreement", filters={"coachee_user": OTHER_COACHEE}, fields=["name", "coach", "coachee"]
		)[0]
		round_ = make_feedback_round(demo.PROGRAM)
		for row, role, user, anonymous in (
			(agreement, "Coachee", COACHEE, 1),
			(agreement, "Coach", COACH, 0),
			(other, "Coachee", OTHER_COACHEE, 0),
		):
			frappe.get_doc(
				{
					"doctype": "Coaching Feedback",
					"round": round_.name,
					"agreement": row.name,
					"respondent_role": role,
					"respondent": user,
					"is_anonymous": anonymous,
					"comments": f"Feedback from {user}",
				}
			).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Coaching Resource",
				"title": "Draft: reading list",
				"url": DRAFT_RESOURCE_URL,
				"published": 0,
			}
		).insert(ignore_permissions=True)
		session = frappe.get_all("Coaching Session", filters={"agreement": agreement.name}, pluck="name")[0]
		cls.note = make_note(session, COACH, NOTE_TEXT)
		cls.session_of_note = session

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.http = {user: cls.login(user) for user in USERS}

	# --- who should see what, read off the rows --------------------------------------------------------

	def names(self, doctype, **filters):
		return set(frappe.get_all(doctype, filters=filters, pluck="name"))

	def coach_of(self, user):
		return frappe.db.get_value("Coach", {"user": user}, "name")

	def expected(self, doctype, user):
		"""The names `user` should list, or NO_ACCESS when the role has no business with the DocType."""
		coach = self.coach_of(user)
		staff = user in STAFF
		if doctype == "Coaching Note":
			return self.names(doctype, owner=user) if coach else NO_ACCESS
		if doctype == "Coach Training Progress":
			# The learner, and the staff of the training's program (the manager runs the demo program).
			return self.names(doctype) if staff else self.names(doctype, user=user)
		if doctype == "Coaching Feedback":
			own = self.names(doctype, respondent=user)
			return own | self.names(doctype, is_anonymous=0) if staff else own
		if staff and doctype in ("Coaching Session", "Growth Plan", "Coaching Action"):
			# Content reaches staff only where the coachee shared the record (the manager runs the demo
			# program, which names her).
			return self.names(doctype, shared_with_staff=1) if doctype != "Coaching Action" else set()
		if staff:
			return self.names(doctype)
		if doctype == "Coach":
			return self.names(doctype, user=user) if coach else NO_ACCESS
		if doctype == "Coachee":
			own = self.names(doctype, user=user)
			if coach:
				own |= set(
					frappe.get_all(
						"Coaching Agreement",
						filters={"coach": coach, "status": ("in", sorted(LIVE_STATES))},
						pluck="coachee",
					)
				)
			return own
		if doctype == "Coaching Resource":
			return self.names(doctype, published=1)
		if doctype == "Coaching Request":
			own = self.names(doctype, requester=user)
			if coach:
				in_pool = frappe.db.get_value("Coach", coach, ["status", "in_coach_pool"]) == ("Active", 1)
				skills = (
					frappe.get_all("Coach Skill", filters={"parent": coach}, pluck="skill") if in_pool else []
				)
				own |= self.names(doctype, assigned_coach=coach) | self.names(doctype, preferred_coach=coach)
				own |= {
					r.name
					for r in frappe.get_all(
						doctype, fields=["name", "status", "preferred_coach", "skill"], limit_page_length=0
					)
					if r.status == "Open" and not r.preferred_coach and r.skill in skills
				}
			return own
		# Agreement, session, growth plan, action: a party's own user is on the row.
		return self.names(doctype, coach_user=user) | self.names(doctype, coachee_user=user)

	# --- reads --------------------------------------------------------------------------------------------

	def test_every_doctype_lists_and_opens_exactly_what_each_role_should(self):
		# Every DocType the app guards with a permission hook; a new one must be taught to `expected`.
		doctypes = sorted(RECORD_DOCTYPES - {"Coaching Calendar Feed"})
		self.assertEqual(len(doctypes), 11)
		api = f"{self.base}/api/resource"
		cases = 0
		for doctype in doctypes:
			everything = self.names(doctype)
			self.assertTrue(everything, f"the served data has {doctype} records")
			for user in USERS:
				http = self.http[user]
				expected = self.expected(doctype, user)
				with self.subTest(doctype=doctype, user=user):
					listed = http.get(f"{api}/{doctype}", params={"limit_page_length": "0"})
					cases += 1
					if expected is NO_ACCESS:
						self.assertEqual(listed.status_code, 403, listed.text[:300])
					else:
						self.assertEqual(listed.status_code, 200, listed.text[:300])
						self.assertEqual({row["name"] for row in listed.json()["data"]}, expected)
					for name in sorted(everything):
						opened = http.get(f"{api}/{doctype}/{name}")
						cases += 1
						if expected and name in expected:
							self.assertEqual(opened.status_code, 200, (name, opened.text[:300]))
							self.assertEqual(opened.json()["data"]["name"], name)
						else:
							self.assertEqual(opened.status_code, 403, (name, opened.text[:300]))
		# Each role both sees something and is refused something: the matrix cannot pass vacuously.
		for user in USERS:
			seen = [d for d in doctypes if self.expected(d, user)]
			refused = [d for d in doctypes if self.expected(d, user) != self.names(d)]
			self.assertTrue(seen and refused, user)
		print(f"\n  {cases} HTTP read cases over {len(doctypes)} DocTypes and {len(USERS)} users")

	def test_get_value_and_get_count_follow_the_same_rules(self):
		method = f"{self.base}/api/method"
		for doctype in ("Coaching Agreement", "Coaching Session", "Growth Plan", "Coachee"):
			foreign = sorted(self.names(doctype) - self.expected(doctype, COACH))[0]
			value = self.http[COACH].get(
				f"{method}/frappe.client.get_value",
				params={"doctype": doctype, "fieldname": "name", "filters": json.dumps({"name": foreign})},
			)
			self.assertNotIn(foreign, value.text, doctype)
			for user in (COACH, COACHEE):
				count = self.http[user].get(f"{method}/frappe.client.get_count", params={"doctype": doctype})
				self.assertEqual(count.status_code, 200, count.text[:300])
				self.assertEqual(count.json()["message"], len(self.expected(doctype, user)), (doctype, user))

		# A count filtered on a note's text would give the text away one question at a time.
		probe = {
			"doctype": "Coaching Note",
			"filters": json.dumps({"content": ["like", "%PRIVATE-NOTE-7f3c%"]}),
		}
		answers = {
			user: self.http[user].get(f"{method}/frappe.client.get_count", params=probe) for user in USERS
		}
		self.assertEqual(answers[COACH].json()["message"], 1, "the author counts her own note")
		for user, answer in answers.items():
			if user != COACH:
				self.assertTrue(
					answer.status_code == 403 or answer.json()["message"] == 0, (user, answer.text[:200])
				)
		# Other DocTypes are counted by Frappe's own function, as before.
		todo = self.http[MANAGER].get(f"{method}/frappe.client.get_count", params={"doctype": "ToDo"})
		self.assertEqual(todo.status_code, 200, todo.text[:200])

	def test_reports_run_for_staff_only(self):
		reports = frappe.get_all("Report", filters={"module": "Coaching"}, pluck="name")
		self.assertEqual(len(reports), 7)
		run = f"{self.base}/api/method/frappe.desk.query_report.run"
		for report in reports:
			for user in USERS:
				with self.subTest(report=report, user=user):
					response = self.http[user].get(run, params={"report_name": report, "filters": "{}"})
					if user in STAFF:
						self.assertEqual(response.status_code, 200, response.text[:300])
						self.assertIn("result", response.json()["message"])
					else:
						self.assertEqual(response.status_code, 403, response.text[:300])

	def test_guests_are_refused_every_method_of_the_app(self):
		guest = requests.Session()
		module_level = [fn for fn in app_whitelisted_functions() if "." not in fn.__qualname__]
		self.assertGreaterEqual(len(module_level), 10)
		for fn in [*module_level, frappe.client.get_count]:
			path = f"{self.base}/api/method/{fn.__module__}.{fn.__name__}"
			for verb in ("GET", "POST"):
				with self.subTest(method=fn.__name__, verb=verb):
					response = guest.request(verb, path, params={"doctype": "Coaching Note"})
					self.assertIn(response.status_code, (403, 405), response.text[:300])
					self.assertNotIn("PRIVATE-NOTE-7f3c", response.text)

	def test_a_call_missing_its_arguments_gets_a_message_not_a_server_error(self):
		module_level = [fn for fn in app_whitelisted_functions() if "." not in fn.__qualname__]
		for fn in [*module_level, frappe.client.get_count]:
			verb = "GET" if fn.__name__ == "session_feed" else "POST"
			with self.subTest(method=fn.__name__):
				response = self.http[COACH].request(
					verb, f"{self.base}/api/method/{fn.__module__}.{fn.__name__}"
				)
				self.assertLess(response.status_code, 500, response.text[:300])
				if response.status_code >= 400:
					# Refused with a message for the user (whether a desk user also gets Frappe's traceback
					# is the site's System Settings' choice).
					self.assertIn("_server_messages", response.json(), response.text[:300])

	# --- writes, creations, deletions ---------------------------------------------------------------------

	def assert_refused(self, user, method, path, body=None):
		response = self.http[user].request(
			method,
			f"{self.base}/api/resource/{path}",
			data=json.dumps(body) if body is not None else None,
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(response.status_code, 403, (user, method, path, response.text[:300]))

	def test_writes_creations_and_deletions_are_refused_to_those_without_the_right(self):
		own_agreement = frappe.get_all(
			"Coaching Agreement", filters={"coach_user": COACH, "coachee_user": COACHEE}, pluck="name"
		)[0]
		foreign_agreement = sorted(
			self.names("Coaching Agreement") - self.expected("Coaching Agreement", COACH)
		)[0]
		own_session = self.session_of_note
		foreign_session = sorted(self.names("Coaching Session") - self.expected("Coaching Session", COACH))[0]
		own_plan = sorted(self.expected("Growth Plan", COACHEE))[0]
		foreign_plan = sorted(self.names("Growth Plan") - self.expected("Growth Plan", COACHEE))[0]
		before = {
			("Coaching Agreement", name): frappe.db.get_value("Coaching Agreement", name, ["status", "notes"])
			for name in (own_agreement, foreign_agreement)
		}
		before |= {
			("Coaching Session", name): frappe.db.get_value("Coaching Session", name, ["agenda", "status"])
			for name in (own_session, foreign_session)
		}
		before |= {
			("Growth Plan", name): frappe.db.get_value("Growth Plan", name, ["strengths", "status"])
			for name in (own_plan, foreign_plan)
		}
		counts = {
			d: frappe.db.count(d) for d in ("Coaching Agreement", "Coaching Session", "Coach", "Coachee")
		}

		refused = [
			# a coachee reads the relationship but does not edit the agreement or the coach's session record
			(COACHEE, "PUT", f"Coaching Agreement/{own_agreement}", {"notes": "edited by the coachee"}),
			(COACHEE, "PUT", f"Coaching Session/{own_session}", {"agenda": "edited by the coachee"}),
			(COACHEE, "DELETE", f"Coaching Session/{own_session}", None),
			(COACHEE, "POST", "Coaching Agreement", {"coach": self.coach_of(OTHER_COACH)}),
			(COACHEE, "POST", "Coach", {"user": COACHEE, "full_name": "Self-made coach"}),
			# another relationship's records, by name
			(COACHEE, "PUT", f"Growth Plan/{foreign_plan}", {"strengths": "edited by a stranger"}),
			(COACH, "PUT", f"Coaching Session/{foreign_session}", {"agenda": "edited by a stranger"}),
			(COACH, "PUT", f"Coaching Agreement/{foreign_agreement}", {"notes": "edited by a stranger"}),
			(COACH, "DELETE", f"Coaching Session/{foreign_session}", None),
			(COACH, "DELETE", f"Coaching Agreement/{own_agreement}", None),
			(
				COACH,
				"POST",
				"Coaching Session",
				{"agreement": foreign_agreement, "session_start": str(frappe.utils.now_datetime())},
			),
			(OTHER_COACHEE, "POST", "Coachee", {"user": OTHER_COACHEE, "full_name": "Second profile"}),
		]
		for user, method, path, body in refused:
			with self.subTest(user=user, method=method, path=path):
				self.assert_refused(user, method, path, body)

		self.fresh()
		for (doctype, name), values in before.items():
			self.assertTrue(frappe.db.exists(doctype, name), (doctype, name))
			fields = ["status", "notes"] if doctype == "Coaching Agreement" else None
			fields = fields or (
				["agenda", "status"] if doctype == "Coaching Session" else ["strengths", "status"]
			)
			self.assertEqual(frappe.db.get_value(doctype, name, fields), values, (doctype, name))
		for doctype, count in counts.items():
			self.assertEqual(frappe.db.count(doctype), count, doctype)

		# The same endpoints do work for those with the right, so the refusals above are about access. The
		# coachee edits her plan while it is a draft (a submitted plan keeps what she submitted).
		frappe.db.set_value("Growth Plan", own_plan, "status", "Draft")
		frappe.db.commit()  # static-check: the web server in another process reads only committed rows
		allowed = self.http[COACHEE].put(
			f"{self.base}/api/resource/Growth Plan/{own_plan}",
			data=json.dumps({"strengths": "Edited by the coachee herself"}),
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(allowed.status_code, 200, allowed.text[:300])
		allowed = self.http[COACH].put(
			f"{self.base}/api/resource/Coaching Session/{own_session}",
			data=json.dumps({"agenda": "Edited by the coach"}),
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(allowed.status_code, 200, allowed.text[:300])
		self.fresh()
		self.assertEqual(
			frappe.db.get_value("Growth Plan", own_plan, "strengths"), "Edited by the coachee herself"
		)
		self.assertEqual(
			frappe.db.get_value("Coaching Session", own_session, "agenda"), "Edited by the coach"
		)

	# --- the private note, through every path the desk offers --------------------------------------------

	def test_private_note_reaches_no_one_but_its_author_by_any_path(self):
		# Deletes the note at the end; unittest runs tests by name, so the other tests reading it come first.
		note, session = self.note.name, self.session_of_note
		method = f"{self.base}/api/method"
		# (verb, url, parameters, whether the answer may name the note: a refusal may, a list may not)
		ordinary = [
			("GET", f"{self.base}/api/resource/Coaching Note/{note}", None, True),
			("GET", f"{self.base}/api/resource/Coaching Note", {"fields": '["name", "content"]'}, False),
			(
				"GET",
				f"{method}/frappe.desk.form.load.getdoc",
				{"doctype": "Coaching Note", "name": note},
				True,
			),
			(
				"GET",
				f"{method}/frappe.client.get_value",
				{"doctype": "Coaching Note", "fieldname": "content", "filters": json.dumps({"name": note})},
				False,
			),
			(
				"GET",
				f"{method}/frappe.client.get_list",
				{"doctype": "Coaching Note", "fields": '["name", "content"]'},
				False,
			),
			(
				"POST",
				f"{method}/frappe.desk.reportview.get",
				{
					"doctype": "Coaching Note",
					"fields": '["`tabCoaching Note`.`name`", "`tabCoaching Note`.`content`"]',
				},
				False,
			),
		]
		others = [
			(
				"GET",
				f"{method}/frappe.desk.form.load.get_docinfo",
				{"doctype": "Coaching Note", "name": note},
				True,
			),
			(
				"POST",
				f"{method}/frappe.desk.reportview.export_query",
				{
					"doctype": "Coaching Note",
					"file_format_type": "CSV",
					"fields": '["`tabCoaching Note`.`name`", "`tabCoaching Note`.`content`"]',
				},
				False,
			),
			(
				"GET",
				f"{method}/frappe.desk.search.search_link",
				{"doctype": "Coaching Note", "txt": note},
				False,
			),
			("GET", f"{method}/frappe.utils.global_search.search", {"text": "PRIVATE-NOTE-7f3c"}, False),
			("GET", f"{self.base}/printview", {"doctype": "Coaching Note", "name": note}, True),
			(
				"GET",
				f"{method}/frappe.www.printview.get_html_and_style",
				{"doc": "Coaching Note", "name": note},
				True,
			),
			(
				"GET",
				f"{method}/frappe.desk.form.linked_with.get",
				{"doctype": "Coaching Session", "docname": session},
				False,
			),
			(
				"GET",
				f"{method}/frappe.desk.form.load.getdoc",
				{"doctype": "Coaching Session", "name": session},
				False,
			),
		]

		def fetch(user, verb, url, params):
			http = self.http[user]
			return http.get(url, params=params) if verb == "GET" else http.post(url, data=params)

		cases = 0
		for user in (MANAGER, SYSTEM_MANAGER, COACHEE, OTHER_COACH):
			for verb, url, params, may_name in ordinary + others:
				with self.subTest(user=user, url=url, params=params):
					response = fetch(user, verb, url, params)
					cases += 1
					self.assertNotIn("PRIVATE-NOTE-7f3c", response.text)
					self.assertLess(response.status_code, 500, response.text[:300])
					if not may_name:
						self.assertNotIn(note, response.text)
		# The author reaches it by the ordinary paths, so the checks above look where the note would show.
		for verb, url, params, _ in ordinary:
			with self.subTest(user=COACH, url=url):
				self.assertIn("PRIVATE-NOTE-7f3c", fetch(COACH, verb, url, params).text)
		print(f"\n  {cases} HTTP paths checked for the private note")

		# Edits by its author leave no Version; others can neither edit nor delete it.
		edited = self.http[COACH].put(
			f"{self.base}/api/resource/Coaching Note/{note}",
			data=json.dumps({"content": NOTE_TEXT + " (later: much better)"}),
			headers={"Content-Type": "application/json"},
		)
		self.assertEqual(edited.status_code, 200, edited.text[:300])
		for user in (MANAGER, SYSTEM_MANAGER, OTHER_COACH):
			self.assert_refused(user, "PUT", f"Coaching Note/{note}", {"content": "overwritten"})
			self.assert_refused(user, "DELETE", f"Coaching Note/{note}")
		self.assert_refused(
			MANAGER, "POST", "Coaching Note", {"session": session, "content": "a manager's note"}
		)
		self.fresh()
		self.assertEqual(
			frappe.db.get_value("Coaching Note", note, "content"), NOTE_TEXT + " (later: much better)"
		)
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Coaching Note", "docname": note}))

		# Deleted by its author, it leaves no copy under Deleted Document, where System Managers would read it.
		deleted = self.http[COACH].delete(f"{self.base}/api/resource/Coaching Note/{note}")
		self.assertLess(deleted.status_code, 300, deleted.text[:300])
		self.fresh()
		self.assertFalse(frappe.db.exists("Coaching Note", note))
		self.assertFalse(
			frappe.db.exists("Deleted Document", {"deleted_doctype": "Coaching Note", "deleted_name": note})
		)
		self.assertEqual(
			frappe.db.sql(
				"select count(*) from `tabDeleted Document` where data like %s", "%PRIVATE-NOTE-7f3c%"
			)[0][0],
			0,
		)
