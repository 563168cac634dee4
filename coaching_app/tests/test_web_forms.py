"""Web forms save with permission checks off, so the app's own rules must hold there: fields not on a form
cannot be set through it, and nobody edits someone else's record by posting its name."""

import json

import frappe
from frappe.utils import add_days, now_datetime, today
from frappe.website.doctype.web_form.web_form import accept

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coach, make_feedback_round, make_relationship, make_skill, make_user

# The endpoint's rate limit guards real traffic; these tests call it more often than it allows.
submit = getattr(accept, "__wrapped__", accept)


def post(web_form, **data):
	return submit(web_form, json.dumps(data, default=str))


class TestWebForms(CoachingTestCase):
	def setUp(self):
		self.rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))

	def tearDown(self):
		frappe.flags.in_web_form = False

	def test_forms_are_shipped_login_only_and_respect_document_permissions(self):
		for route in (
			"log-a-session",
			"my-growth-plan",
			"coaching-intake",
			"request-a-coach",
			"coaching-feedback",
		):
			form = frappe.get_doc("Web Form", route)
			self.assertTrue(form.login_required and form.apply_document_permissions and form.published, route)
		session_fields = {f.fieldname for f in frappe.get_doc("Web Form", "log-a-session").web_form_fields}
		self.assertFalse(session_fields & {"coach", "coachee", "coach_user", "coachee_user", "first_session"})

	def test_coach_logs_a_session_for_own_agreement_only(self):
		with self.set_user(self.rel.coach.user):
			doc = post(
				"log-a-session",
				agreement=self.rel.agreement.name,
				session_start=now_datetime(),
				agenda="Plan the quarter",
				coach="COACH-99999",
				first_session=0,
				new_action_steps=[{"description": "Draft the plan", "measure": "Plan shared by Friday"}],
			)
			self.assertEqual(doc.coach, self.rel.coach.name)
			self.assertEqual(doc.agenda, "Plan the quarter")
			self.assertTrue(doc.first_session)
			self.assertEqual(frappe.db.count("Coaching Action", {"source_name": doc.name}), 1)

			other = make_relationship(status=lifecycle.ACTIVE)
			self.assertRaises(
				frappe.PermissionError,
				post,
				"log-a-session",
				agreement=other.agreement.name,
				session_start=now_datetime(),
			)
		with self.set_user(self.rel.coachee.user):
			self.assertRaises(
				frappe.PermissionError,
				post,
				"log-a-session",
				agreement=self.rel.agreement.name,
				session_start=now_datetime(),
			)

	def test_intake_edits_own_record_only_and_only_its_fields(self):
		with self.set_user(self.rel.coachee.user):
			doc = post(
				"coaching-intake",
				name=self.rel.coachee.name,
				story="Grew up by the sea",
				status="Withdrawn",
				program="Someone Else's Program",
				current_coach=None,
			)
			self.assertEqual(doc.story, "Grew up by the sea")
			saved = frappe.db.get_value(
				"Coachee", self.rel.coachee.name, ["status", "program", "current_coach"], as_dict=True
			)
			self.assertEqual(saved.status, "Active")
			self.assertEqual(saved.program, self.rel.program)
			other = make_relationship(status=lifecycle.ACTIVE, program=self.rel.program)
			self.assertRaises(
				frappe.PermissionError, post, "coaching-intake", name=other.coachee.name, story="mine now"
			)
			self.assertNotEqual(frappe.db.get_value("Coachee", other.coachee.name, "story"), "mine now")

	def test_growth_plan_belongs_to_the_coachee_and_keeps_coach_ratings(self):
		with self.set_user(self.rel.coachee.user):
			doc = post(
				"my-growth-plan",
				assessment_date=today(),
				strengths="Listening",
				ratings=[{"characteristic": "Courage", "self_rating": 3, "coach_rating": 5}],
			)
			self.assertEqual(doc.coachee, self.rel.coachee.name)
			self.assertEqual(doc.agreement, self.rel.agreement.name)
			self.assertEqual([(r.self_rating, r.coach_rating) for r in doc.ratings], [(3, None)])
		with self.set_user(self.rel.coach.user):
			plan = frappe.get_doc("Growth Plan", doc.name)
			plan.ratings[0].coach_rating = 4
			plan.save()
		with self.set_user(self.rel.coachee.user):
			again = post(
				"my-growth-plan",
				name=doc.name,
				assessment_date=today(),
				ratings=[{"characteristic": "Courage", "self_rating": 4, "coach_rating": 1}],
			)
			self.assertEqual([(r.self_rating, r.coach_rating) for r in again.ratings], [(4, 4)])

	def test_a_submitted_plan_stays_as_the_coachee_submitted_it(self):
		with self.set_user(self.rel.coachee.user):
			doc = post(
				"my-growth-plan",
				assessment_date=today(),
				strengths="Listening",
				status="Submitted",
				ratings=[{"characteristic": "Courage", "self_rating": 3}],
			)
			self.assertEqual(doc.status, "Submitted")
			self.assertRaisesRegex(
				frappe.ValidationError,
				"new plan",
				post,
				"my-growth-plan",
				name=doc.name,
				assessment_date=today(),
				strengths="Listening, and deciding",
				status="Submitted",
				ratings=[{"characteristic": "Courage", "self_rating": 5}],
			)
		with self.set_user(self.rel.coach.user):
			plan = frappe.get_doc("Growth Plan", doc.name)
			plan.ratings[0].coach_rating = 4
			plan.status = "Reviewed"
			plan.save()
			stored = frappe.get_doc("Growth Plan", doc.name)
			self.assertEqual((stored.strengths, stored.ratings[0].self_rating), ("Listening", 3))
			self.assertEqual((stored.status, stored.ratings[0].coach_rating), ("Reviewed", 4))

	def test_request_is_always_the_requesters_own(self):
		skill = make_skill()
		make_coach(in_coach_pool=1, skills=[{"skill": skill}])
		requester = make_user(roles=("Coachee",))
		with self.set_user(requester):
			doc = post(
				"request-a-coach",
				skill=skill,
				request_details="Salary negotiation",
				requester="someone.else@example.com",
				status="Accepted",
			)
			self.assertEqual((doc.requester, doc.status), (requester, "Open"))

	def test_feedback_answered_by_its_respondent_only(self):
		round_ = make_feedback_round(self.rel.program)
		feedback = frappe.get_doc(
			{
				"doctype": "Coaching Feedback",
				"round": round_.name,
				"agreement": self.rel.agreement.name,
				"respondent_role": "Coachee",
				"respondent": self.rel.coachee.user,
			}
		).insert(ignore_permissions=True)
		with self.set_user(self.rel.coach.user):
			self.assertRaises(
				frappe.PermissionError, post, "coaching-feedback", name=feedback.name, overall_rating=1
			)
		with self.set_user(self.rel.coachee.user):
			doc = post(
				"coaching-feedback",
				name=feedback.name,
				overall_rating=5,
				is_anonymous=1,
				respondent="x@example.com",
			)
			self.assertEqual(
				(doc.status, doc.respondent, doc.overall_rating), ("Submitted", self.rel.coachee.user, 5)
			)
