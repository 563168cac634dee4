"""Every whitelisted function of the app, found in the code (a new one is walked without being named here),
called by people of program A with program B's records as arguments: A's manager, a coach and a coachee of A,
and a coach whose relationship in B was handed on to another coach. Whatever a call answers holds nothing of
B's people or records, and no coaching content outside the two people of a relationship; and no call changes
anything of B."""

import inspect
import json

import frappe
from frappe.email.doctype.notification.notification import get_context
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, now_datetime, today

from coaching_app import training
from coaching_app.feedback import request_feedback
from coaching_app.notification_delivery import programs_of_record
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	app_whitelisted_functions,
	give_both_consents,
	make_action,
	make_agreement,
	make_coach,
	make_coachee,
	make_feedback_round,
	make_program,
	make_session,
	make_skill,
	make_user,
	open_page,
	unique,
)

# Words that exist only in B's relationship content: nobody walked here may receive them.
AGENDA = "BRAVO-AGENDA-4f1c"
WINS = "BRAVO-WINS-9a2e"
STEP = "BRAVO-STEP-77d0"
TAKEAWAY = "BRAVO-TAKEAWAY-1b5b"
ANSWER = "BRAVO-ANSWER-c3f8"
REQUEST = "BRAVO-REQUEST-0e6d"
WRITTEN = "WALK-WRITTEN-5d2a"


class TestEveryMethodStaysInScope(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ma = make_user(roles=("Coaching Manager",))
		cls.mb = make_user(roles=("Coaching Manager",))
		modules = [{"module_title": "Why coach", "question": "Why?", "min_words": 0}]
		cls.a = make_program(
			unique("Alpha"), managers=[{"user": cls.ma}], coach_training_modules=modules
		).name
		cls.b = make_program(
			unique("Bravo"), managers=[{"user": cls.mb}], coach_training_modules=modules
		).name
		skill = make_skill()
		# A's people.
		cls.coach_a = make_coach(in_coach_pool=1, skills=[{"skill": skill}], programs=[{"program": cls.a}])
		cls.coachee_a = make_coachee(cls.a)
		agreement_a = make_agreement(cls.coach_a.name, cls.coachee_a.name, cls.a, status=lifecycle.ACTIVE)
		make_session(agreement_a.name, agenda="Alpha's own agenda")
		# B's relationship, first with a coach who hands it on, then with B's coach.
		cls.handed_on = make_coach(programs=[{"program": cls.b}])
		cls.coach_b = make_coach(
			in_coach_pool=1,
			skills=[{"skill": skill}],
			programs=[{"program": cls.b}],
			full_name=unique("Bruno"),
		)
		cls.coachee_b = make_coachee(cls.b, full_name=unique("Bianca"))
		first = make_agreement(
			cls.handed_on.name,
			cls.coachee_b.name,
			cls.b,
			status=lifecycle.ACTIVE,
			start_date=add_days(today(), -90),
		)
		cls.handed_on_agreement = first.name
		with cls._as(cls.mb):
			doc = frappe.get_doc("Coaching Agreement", first.name)
			doc.end_reason = "Moved to another team"
			doc.new_coach = cls.coach_b.name
			doc.save()
			apply_workflow(doc, "Reassign")
		cls.agreement_b = frappe.get_all(
			"Coaching Agreement",
			filters={"coachee": cls.coachee_b.name, "coach": cls.coach_b.name},
			pluck="name",
		)[0]
		give_both_consents(cls.agreement_b)
		frappe.db.set_value(
			"Coaching Agreement",
			cls.agreement_b,
			{"status": lifecycle.ACTIVE, "start_date": add_days(today(), -30)},
		)
		cls.session_b = make_session(
			cls.agreement_b,
			start=add_to_date(now_datetime(), days=-1),
			status="Completed",
			agenda=AGENDA,
			wins=WINS,
		).name
		# Her reflection is written on the session page; only she writes it.
		frappe.db.set_value("Coaching Session", cls.session_b, "coachee_takeaway", TAKEAWAY)
		cls.action_b = make_action(cls.coachee_b.name, cls.agreement_b, description=STEP).name
		cls.plan_b = (
			frappe.get_doc(
				{"doctype": "Growth Plan", "coachee": cls.coachee_b.name, "agreement": cls.agreement_b}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.request_b = (
			frappe.get_doc(
				{
					"doctype": "Coaching Request",
					"requester": cls.coachee_b.user,
					"skill": skill,
					"preferred_coach": cls.coach_b.name,
					"request_details": REQUEST,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		round_b = make_feedback_round(cls.b, title=unique("Bravo round"), status="Open")
		request_feedback(round_b.name, [cls.agreement_b])
		cls.feedback_b = frappe.get_all("Coaching Feedback", filters={"round": round_b.name}, pluck="name")[0]
		cls.progress_b = training.start_for(cls.coachee_b.user, cls.b)
		with cls._as(cls.coachee_b.user):
			training.answer_module(cls.b, training.program_modules(cls.b)[0].name, ANSWER)
		cls.module_b = training.program_modules(cls.b)[0].name

	@classmethod
	def _as(cls, user):
		class _User:
			def __enter__(self):
				self.previous = frappe.session.user
				frappe.set_user(user)

			def __exit__(self, *exc):
				frappe.set_user(self.previous)

		return _User()

	# --- what each walker may not receive ----------------------------------------------------------------

	def forbidden(self, user) -> list[str]:
		content = [AGENDA, WINS, STEP, TAKEAWAY, ANSWER]
		if user == self.handed_on.user:
			# She coached Bianca before the hand-on: the old agreement and Bianca's name are hers to read, what
			# came after is not.
			return [*content, REQUEST, self.session_b, self.action_b, self.progress_b]
		b_records = [
			self.coachee_b.name,
			self.coachee_b.full_name,
			self.agreement_b,
			self.session_b,
			self.action_b,
			self.plan_b,
			self.progress_b,
		]
		if user == self.ma:
			# Coach-pool requests belong to no program: every Coaching Manager reads them.
			return [*content, *b_records]
		return [*content, REQUEST, *b_records]

	def b_state(self) -> dict:
		"""What a walker could change of B: each record's stored row."""
		records = {**self.b_records(), "Coaching Program": self.b}
		state = {
			doctype: frappe.db.get_value(doctype, name, "*", as_dict=True)
			for doctype, name in records.items()
		}
		state["answers"] = frappe.get_all(
			"Coach Training Answer",
			filters={"parent": self.progress_b},
			fields=["answer", "attempts", "passed"],
		)
		state["B coaches"] = frappe.db.count("Coach", {"grew_from_coachee": self.coachee_b.name})
		# A walker who coaches in B may start B's training for herself; B's own people's trainings stay as
		# they are.
		state["B trainings"] = frappe.get_all(
			"Coach Training Progress",
			filters={"program": self.b, "user": ("in", [self.coachee_b.user, self.coach_b.user])},
			fields=["name", "modified"],
		)
		return state

	# --- arguments, by parameter name ----------------------------------------------------------------------

	def arguments(self, fn, user) -> dict:
		b = {
			"request": self.request_b,
			"agreement": self.agreement_b,
			"session": self.session_b,
			"action": self.action_b,
			"coach": self.coach_b.name,
			"coachee": self.coachee_b.name,
			"program": self.b,
			"module": self.module_b,
			"doctype": "Coaching Session",
			"name": self.session_b,
			"share": 1,
			"filters": json.dumps({"program": self.b}),
			"token": "not-a-token",
			"session_start": "2030-01-07 10:00:00",
			"limit": 50,
			"exclude_coach": "",
			"current_filters": json.dumps([["Coaching Session", "coachee", "=", self.coachee_b.name]]),
			"field": "coachee",
			"workflow_state_field": "status",
			"states": json.dumps([lifecycle.ACTIVE]),
		}
		if user == self.handed_on.user:
			# The agreement she still opens: the one she handed on, whose steps went with it.
			b["agreement"] = self.handed_on_agreement
		arguments = {}
		for parameter in inspect.signature(fn).parameters.values():
			if parameter.name == "self":
				continue
			if parameter.kind == parameter.VAR_KEYWORD:
				if len(inspect.signature(fn).parameters) == 1:
					# The link search: Bianca's name typed into a Coachee link field.
					arguments.update(doctype="Coachee", txt=self.coachee_b.full_name)
			elif parameter.name in b:
				arguments[parameter.name] = b[parameter.name]
			elif parameter.default is not inspect.Parameter.empty and parameter.name in ("debug", "cache"):
				continue
			else:
				arguments[parameter.name] = WRITTEN
		return arguments

	def stored_doc_of(self, cls_name: str):
		"""B's record for a document method, by the controller class that carries it."""
		doctype = next((d for d in self.b_records() if d.replace(" ", "") == cls_name), None)
		self.assertTrue(doctype, f"give the walk a record of B for {cls_name}'s methods")
		return frappe.get_doc(doctype, self.b_record(doctype))

	def call(self, fn, user):
		arguments = self.arguments(fn, user)
		owner = fn.__qualname__.split(".")[0] if "." in fn.__qualname__ else None
		if owner:
			doc = self.stored_doc_of(owner)
			return getattr(doc, fn.__name__)(**arguments)
		return fn(**arguments)

	def test_every_method_answers_nothing_of_b(self):
		functions = app_whitelisted_functions()
		self.assertGreaterEqual(len(functions), 30)
		walkers = {
			"A's manager": self.ma,
			"a coach of A": self.coach_a.user,
			"a coachee of A": self.coachee_a.user,
			"the handed-on coach": self.handed_on.user,
		}
		before = self.b_state()
		answered = refused = 0
		for fn in functions:
			for who, user in walkers.items():
				name = f"{fn.__module__}.{fn.__qualname__}"
				with self.subTest(method=name, caller=who):
					frappe.local.response = frappe._dict()
					savepoint = "walk"
					frappe.db.savepoint(savepoint)
					try:
						with self._as(user):
							result = self.call(fn, user)
					except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError):
						refused += 1
						frappe.db.rollback(save_point=savepoint)
						frappe.local.message_log = []
						continue
					answered += 1
					text = json.dumps(
						[result, frappe.local.response.get("filecontent")], default=str, ensure_ascii=False
					)
					leaked = [word for word in self.forbidden(user) if word and word in text]
					self.assertEqual(leaked, [], f"{name} as {who} answered {text[:300]}")
					self.assertEqual(self.b_state(), before, f"{name} as {who} changed B's records")
					frappe.db.rollback(save_point=savepoint)
		self.assertEqual(self.b_state(), before)
		print(
			f"\n  {len(functions)} functions x {len(walkers)} callers: {answered} answered, {refused} refused"
		)
		self.assertGreater(refused, 0)
		self.assertGreater(answered, 0)

	def test_b_is_readable_to_its_own_people(self):
		"""The walk's records are real: B's coach and manager reach them through the same functions."""
		from coaching_app.coaching.doctype.coaching_session.coaching_session import get_open_actions

		with self._as(self.coach_b.user):
			self.assertIn(STEP, [row.description for row in get_open_actions(self.agreement_b)])
		with self._as(self.mb):
			self.assertTrue(frappe.has_permission("Coach Training Progress", "read", self.progress_b))
			self.assertTrue(frappe.has_permission("Coaching Agreement", "read", self.agreement_b))
		with self._as(self.handed_on.user):
			self.assertFalse(frappe.has_permission("Coaching Action", "read", self.action_b))

	# --- pages and notices ----------------------------------------------------------------------------------

	def b_records(self) -> dict[str, str]:
		"""B's record of each DocType the walk hands to functions, pages and notices."""
		return {
			"Coaching Agreement": self.agreement_b,
			"Coaching Session": self.session_b,
			"Coaching Action": self.action_b,
			"Growth Plan": self.plan_b,
			"Coaching Request": self.request_b,
			"Coachee": self.coachee_b.name,
			"Coach": self.coach_b.name,
			"Coach Training Progress": self.progress_b,
			"Coaching Feedback": self.feedback_b,
		}

	def b_record(self, doctype: str) -> str | None:
		return self.b_records().get(doctype)

	def test_every_portal_page_and_web_form_shows_nothing_of_b(self):
		from pathlib import Path

		www = Path(training.__file__).parent / "www"
		pages = sorted(path.stem for path in www.glob("*.html"))
		forms = frappe.get_all("Web Form", filters={"module": "Coaching"}, fields=["route", "doc_type"])
		self.assertGreaterEqual(len(pages), 6)
		self.assertGreaterEqual(len(forms), 5)
		query = {"name": self.session_b, "program": self.b, "module": self.module_b}
		paths = [(page, query) for page in pages]
		for form in forms:
			paths.append((form.route, {}))
			paths.append((f"{form.route}/{self.b_record(form.doc_type)}", {}))
		shown = 0
		for who, user in {
			"A's manager": self.ma,
			"a coach of A": self.coach_a.user,
			"a coachee of A": self.coachee_a.user,
			"the handed-on coach": self.handed_on.user,
		}.items():
			for path, args in paths:
				with self.subTest(page=path, caller=who), self._as(user):
					status, html = open_page(path, **args)
					self.assertLess(status, 500, f"{path} as {who}: {status}")
					shown += status == 200
					# A record name the walker typed into the address comes back in the page's own path.
					typed = {*path.split("/"), *map(str, args.values())}
					if user == self.ma and path.startswith("request-a-coach/"):
						# Coach-pool requests belong to no program: staff read each one, with its coachee.
						typed.add(self.coachee_b.name)
					leaked = [word for word in self.forbidden(user) if word in html and word not in typed]
					self.assertEqual(leaked, [], f"/{path} as {who} shows {leaked}")
		self.assertGreater(shown, 0)

	def test_every_notice_about_b_reaches_bs_people_only(self):
		a_people = {self.ma, self.coach_a.user, self.coachee_a.user, self.handed_on.user}
		reached = set()
		for name in frappe.get_all("Notification", filters={"module": "Coaching"}, pluck="name"):
			notification = frappe.get_doc("Notification", name)
			record = self.b_record(notification.document_type)
			self.assertTrue(record, f"give the walk a record of B for {notification.document_type} ({name})")
			doc = frappe.get_doc(notification.document_type, record)
			for program in programs_of_record(doc) or [None]:
				notification.flags.notice_program = program
				recipients, cc, bcc = notification.get_list_of_recipients(doc, get_context(doc))
				told = set(recipients) | set(cc or []) | set(bcc or [])
				self.assertFalse(told & a_people, f"{name} about B's {record} reaches {told & a_people}")
				reached |= told
		self.assertIn(self.mb, reached)
		self.assertIn(self.coachee_b.user, reached)
