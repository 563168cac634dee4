"""Record-level access: each role both ways, through has_permission, get_list and frappe.client."""

import frappe
import frappe.client
from frappe.model.workflow import apply_workflow

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	app_whitelisted_functions,
	make_action,
	make_agreement,
	make_coach,
	make_coachee,
	make_feedback_round,
	make_note,
	make_program,
	make_relationship,
	make_session,
	make_user,
)

RELATIONSHIP_DOCTYPES = ("Coaching Agreement", "Coaching Session", "Growth Plan", "Coaching Action")


class TestRecordLevelAccess(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.program = make_program().name
		cls.manager = make_user(roles=("Coaching Manager",))
		cls.sides = {}
		for side, coach_email in (("a", None), ("b", "o'brien@example.com")):
			coach = make_coach(make_user(coach_email, roles=("Coach",)) if coach_email else None)
			coachee = make_coachee(cls.program)
			agreement = make_agreement(coach.name, coachee.name, cls.program, status=lifecycle.ACTIVE)
			session = make_session(agreement.name)
			plan = frappe.get_doc(
				{"doctype": "Growth Plan", "coachee": coachee.name, "agreement": agreement.name}
			).insert(ignore_permissions=True)
			action = make_action(coachee.name, agreement.name)
			cls.sides[side] = frappe._dict(
				coach=coach,
				coachee=coachee,
				records={
					"Coaching Agreement": agreement.name,
					"Coaching Session": session.name,
					"Growth Plan": plan.name,
					"Coaching Action": action.name,
				},
			)

	def assert_sees_only(self, user, side):
		with self.set_user(user):
			own, other = self.sides[side], self.sides["b" if side == "a" else "a"]
			for doctype in RELATIONSHIP_DOCTYPES:
				mine, theirs = own.records[doctype], other.records[doctype]
				self.assertTrue(frappe.has_permission(doctype, "read", mine), (user, doctype))
				self.assertFalse(frappe.has_permission(doctype, "read", theirs), (user, doctype))
				listed = set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
				self.assertIn(mine, listed)
				self.assertNotIn(theirs, listed)
				self.assertFalse(frappe.client.get_value(doctype, "name", {"name": theirs}))

	def test_coach_sees_only_own_relationships(self):
		self.assert_sees_only(self.sides["a"].coach.user, "a")

	def test_coach_with_hostile_email_sees_only_own(self):
		self.assertEqual(self.sides["b"].coach.user, "o'brien@example.com")
		self.assert_sees_only("o'brien@example.com", "b")

	def test_coachee_sees_only_own_relationships(self):
		self.assert_sees_only(self.sides["a"].coachee.user, "a")
		self.assert_sees_only(self.sides["b"].coachee.user, "b")

	def test_coachee_cannot_write_agreement_or_session(self):
		with self.set_user(self.sides["a"].coachee.user):
			self.assertFalse(
				frappe.has_permission(
					"Coaching Agreement", "write", self.sides["a"].records["Coaching Agreement"]
				)
			)
			self.assertFalse(
				frappe.has_permission(
					"Coaching Session", "write", self.sides["a"].records["Coaching Session"]
				)
			)
			self.assertTrue(
				frappe.has_permission("Growth Plan", "write", self.sides["a"].records["Growth Plan"])
			)

	def test_manager_sees_all_relationships_but_not_their_content(self):
		with self.set_user(self.manager):
			for doctype in RELATIONSHIP_DOCTYPES:
				listed = set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
				content = doctype in ("Coaching Session", "Growth Plan", "Coaching Action")
				for side in self.sides.values():
					self.assertEqual(side.records[doctype] in listed, not content, doctype)
					self.assertEqual(
						frappe.has_permission(doctype, "write", side.records[doctype]), not content
					)

	def test_coach_and_coachee_profiles(self):
		a, b = self.sides["a"], self.sides["b"]
		with self.set_user(a.coach.user):
			self.assertEqual(frappe.get_list("Coach", pluck="name"), [a.coach.name])
			self.assertFalse(frappe.has_permission("Coach", "read", b.coach.name))
			self.assertEqual(frappe.get_list("Coachee", pluck="name"), [a.coachee.name])
			self.assertFalse(frappe.has_permission("Coachee", "read", b.coachee.name))
			self.assertFalse(frappe.has_permission("Coachee", "write", a.coachee.name))
		with self.set_user(a.coachee.user):
			self.assertEqual(frappe.get_list("Coachee", pluck="name"), [a.coachee.name])
			self.assertTrue(frappe.has_permission("Coachee", "write", a.coachee.name))
			self.assertRaises(frappe.PermissionError, frappe.get_list, "Coach")

	def test_hostile_user_name_neither_errors_nor_widens(self):
		hostile = make_user("x'or'1'='1@example.com", roles=("Coach", "Coachee"), first_name="x') OR 1=1 --")
		make_coach(hostile, full_name="') OR 1=1 --")
		make_coachee(self.program, hostile, full_name="') OR 1=1 --")
		with self.set_user(hostile):
			for doctype in RELATIONSHIP_DOCTYPES:
				self.assertEqual(frappe.get_list(doctype, pluck="name"), [])
			self.assertEqual(frappe.get_list("Coaching Note", pluck="name"), [])
			self.assertEqual(len(frappe.get_list("Coach", pluck="name")), 1)
			self.assertEqual(len(frappe.get_list("Coachee", pluck="name")), 1)

	def test_user_without_profile_sees_nothing(self):
		with self.set_user(make_user(roles=("Coach",))):
			for doctype in RELATIONSHIP_DOCTYPES:
				self.assertEqual(frappe.get_list(doctype, pluck="name"), [])
				self.assertFalse(frappe.has_permission(doctype, "read", self.sides["a"].records[doctype]))

	def test_action_without_agreement_is_the_coachees_alone(self):
		a = self.sides["a"]
		action = make_action(a.coachee.name)
		with self.set_user(a.coach.user):
			self.assertFalse(frappe.has_permission("Coaching Action", "read", action.name))
		with self.set_user(a.coachee.user):
			self.assertTrue(frappe.has_permission("Coaching Action", "read", action.name))

	def test_records_with_an_empty_coach_link_reach_no_coach(self):
		a, b = self.sides["a"], self.sides["b"]
		plan = frappe.get_doc({"doctype": "Growth Plan", "coachee": a.coachee.name}).insert(
			ignore_permissions=True
		)
		self.assertFalse(plan.coach)
		skill = frappe.get_doc(
			{"doctype": "Coaching Skill", "skill_name": f"Rare skill {frappe.generate_hash(length=6)}"}
		).insert(ignore_permissions=True)
		request = frappe.get_doc(
			{
				"doctype": "Coaching Request",
				"requester": a.coachee.user,
				"skill": skill.name,
				"request_details": "Anyone who has it",
			}
		).insert(ignore_permissions=True)
		self.assertFalse(request.preferred_coach or request.assigned_coach)
		for coach in (a.coach.user, b.coach.user):
			with self.set_user(coach):
				self.assertFalse(frappe.has_permission("Growth Plan", "read", plan.name), coach)
				self.assertNotIn(plan.name, frappe.get_list("Growth Plan", pluck="name"))
				self.assertFalse(frappe.has_permission("Coaching Request", "read", request.name), coach)
				self.assertNotIn(request.name, frappe.get_list("Coaching Request", pluck="name"))
		with self.set_user(a.coachee.user):
			self.assertTrue(frappe.has_permission("Growth Plan", "read", plan.name))
			self.assertIn(request.name, frappe.get_list("Coaching Request", pluck="name"))
		with self.set_user(b.coachee.user):
			self.assertFalse(frappe.has_permission("Growth Plan", "read", plan.name))
			self.assertNotIn(request.name, frappe.get_list("Coaching Request", pluck="name"))

	def test_coach_cannot_create_session_on_another_coachs_agreement(self):
		with self.set_user(self.sides["a"].coach.user):
			session = frappe.get_doc(
				{
					"doctype": "Coaching Session",
					"agreement": self.sides["b"].records["Coaching Agreement"],
					"coach": self.sides["a"].coach.name,
					"session_start": frappe.utils.now_datetime(),
				}
			)
			self.assertRaises(frappe.PermissionError, session.insert)


class TestReassignmentAccess(CoachingTestCase):
	def test_old_coach_loses_access_at_once(self):
		program = make_program().name
		old_coach, new_coach = make_coach(), make_coach()
		coachee = make_coachee(program)
		agreement = make_agreement(old_coach.name, coachee.name, program, status=lifecycle.ACTIVE)
		action = make_action(coachee.name, agreement.name)
		session = make_session(agreement.name)
		manager = make_user(roles=("Coaching Manager",))
		with self.set_user(manager):
			agreement.reload()
			agreement.new_coach = new_coach.name
			agreement.end_reason = "Coach is no longer active"
			agreement.save()
			apply_workflow(agreement, "Reassign")
			successor = frappe.db.get_value("Coaching Agreement", agreement.name, "next_agreement")

		with self.set_user(old_coach.user):
			self.assertFalse(frappe.has_permission("Coaching Agreement", "read", successor))
			self.assertFalse(frappe.has_permission("Coaching Action", "read", action.name))
			self.assertFalse(frappe.has_permission("Coachee", "read", coachee.name))
			self.assertNotIn(successor, frappe.get_list("Coaching Agreement", pluck="name"))
			# Nothing of what the coachee said stays with the former coach, sessions of their own term included.
			self.assertFalse(frappe.has_permission("Coaching Session", "read", session.name))
			self.assertNotIn(session.name, frappe.get_list("Coaching Session", pluck="name"))

		with self.set_user(new_coach.user):
			self.assertTrue(frappe.has_permission("Coaching Agreement", "read", successor))
			self.assertTrue(frappe.has_permission("Coaching Action", "read", action.name))
			self.assertTrue(frappe.has_permission("Coachee", "read", coachee.name))
			self.assertFalse(frappe.has_permission("Coaching Agreement", "read", agreement.name))


class TestFeedbackAnonymity(CoachingTestCase):
	def test_manager_lists_named_feedback_but_not_anonymous(self):
		program = make_program().name
		coach = make_coach()
		coachee = make_coachee(program)
		agreement = make_agreement(coach.name, coachee.name, program, status=lifecycle.ACTIVE)
		round_ = make_feedback_round(program)

		def feedback(role, user, anonymous):
			return frappe.get_doc(
				{
					"doctype": "Coaching Feedback",
					"round": round_.name,
					"agreement": agreement.name,
					"respondent_role": role,
					"respondent": user,
					"is_anonymous": anonymous,
				}
			).insert(ignore_permissions=True)

		anonymous = feedback("Coachee", coachee.user, 1)
		named = feedback("Coach", coach.user, 0)
		with self.set_user(make_user(roles=("Coaching Manager",))):
			listed = frappe.get_list("Coaching Feedback", pluck="name", limit_page_length=0)
			self.assertIn(named.name, listed)
			self.assertNotIn(anonymous.name, listed)
			self.assertFalse(frappe.has_permission("Coaching Feedback", "read", anonymous.name))
		with self.set_user(coachee.user):
			self.assertEqual(frappe.get_list("Coaching Feedback", pluck="name"), [anonymous.name])
			self.assertFalse(frappe.has_permission("Coaching Feedback", "read", named.name))


class TestGuestAccess(CoachingTestCase):
	"""What the HTTP layer asks before running a whitelisted method, asked for every one of ours."""

	def test_guests_reach_only_the_calendar_feed(self):
		functions = app_whitelisted_functions()
		self.assertGreaterEqual(len(functions), 15)
		with self.set_user("Guest"):
			reachable = []
			for fn in functions:
				try:
					frappe.is_whitelisted(fn)
					reachable.append(f"{fn.__module__}.{fn.__qualname__}")
				except frappe.PermissionError:
					pass
			self.assertEqual(reachable, ["coaching_app.api.session_feed"])

	def test_guest_without_a_valid_token_gets_nothing(self):
		from coaching_app import api

		with self.set_user("Guest"):
			for token in ("", "not-a-token", "' or 1=1 --"):
				frappe.local.response = frappe._dict()
				self.assertRaises(frappe.PermissionError, api.session_feed, token)
				self.assertFalse(frappe.local.response.get("filecontent"))

	def test_state_changes_are_post_only(self):
		from coaching_app import api

		for fn in (
			api.give_consent,
			api.get_calendar_feed_url,
			api.reset_calendar_feed,
			api.revoke_calendar_feed,
		):
			self.assertEqual(frappe.allowed_http_methods_for_whitelisted_func.get(fn), ["POST"], fn.__name__)


class TestSharing(CoachingTestCase):
	"""Coaching records are not shared: a share would grant what the permission hooks refuse."""

	def test_personal_records_cannot_be_shared_even_by_administrator(self):
		import frappe.share

		rel, outsider = make_relationship(), make_coach()
		coach, coachee, agreement = rel.coach, rel.coachee, rel.agreement
		session = make_session(agreement.name)
		note = make_note(session.name, coach.user, "mine")
		for doctype, name in (
			("Coaching Agreement", agreement.name),
			("Coaching Session", session.name),
			("Coachee", coachee.name),
			("Coaching Note", note.name),
		):
			with self.subTest(doctype=doctype):
				self.assertRaises(
					frappe.PermissionError, frappe.share.add, doctype, name, outsider.user, read=1
				)
				self.assertFalse(frappe.db.exists("DocShare", {"share_doctype": doctype, "share_name": name}))
				with self.set_user(outsider.user):
					self.assertFalse(frappe.has_permission(doctype, "read", name))
		# Sharing with everyone is refused the same way.
		self.assertRaises(
			frappe.PermissionError,
			frappe.share.add,
			"Coaching Session",
			session.name,
			None,
			read=1,
			everyone=1,
		)

	def test_assigning_outside_the_relationship_is_refused(self):
		from frappe.desk.form import assign_to

		rel, outsider = make_relationship(), make_coach()
		agreement = rel.agreement
		manager = make_user(roles=("Coaching Manager",))
		with self.set_user(manager):
			self.assertRaises(
				frappe.PermissionError,
				assign_to.add,
				{"assign_to": [outsider.user], "doctype": "Coaching Agreement", "name": agreement.name},
			)
		with self.set_user(outsider.user):
			self.assertFalse(frappe.has_permission("Coaching Agreement", "read", agreement.name))
		# Someone who already may read it is assigned as usual (the manager herself: an assignment to
		# another user sends Frappe's notification email, which commits in tests).
		with self.set_user(manager):
			assign_to.add({"assign_to": [manager], "doctype": "Coaching Agreement", "name": agreement.name})
			self.assertTrue(
				frappe.db.exists(
					"ToDo", {"reference_name": agreement.name, "allocated_to": manager, "status": "Open"}
				)
			)

	def test_staff_cannot_share_and_reference_data_still_can(self):
		import frappe.share

		manager = make_user(roles=("Coaching Manager",))
		program = make_program().name
		coachee = make_coachee(program)
		with self.set_user(manager):
			self.assertFalse(frappe.has_permission("Coachee", "share", coachee.name))
		reader = make_user(roles=("Coachee",))
		resource = frappe.get_doc(
			{"doctype": "Coaching Resource", "title": "Draft for review", "published": 0}
		).insert(ignore_permissions=True)
		with self.set_user(reader):
			self.assertFalse(frappe.has_permission("Coaching Resource", "read", resource.name))
		with self.set_user(manager):
			frappe.share.add("Coaching Resource", resource.name, reader, read=1)
			self.assertTrue(
				frappe.db.exists("DocShare", {"share_doctype": "Coaching Resource", "user": reader})
			)
		with self.set_user(reader):
			self.assertTrue(frappe.has_permission("Coaching Resource", "read", resource.name))
