"""Coach-pool requests: routing, acceptance with a session, decline, and the shared capacity model."""

import frappe
from frappe.utils import add_to_date, now_datetime

from coaching_app.capacity import current_load, refresh_coach_loads
from coaching_app.matching import suggest_coaches
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_agreement,
	make_coach,
	make_coachee,
	make_program,
	make_skill,
	make_user,
)


def make_request(requester, skill, **values):
	return frappe.get_doc(
		{
			"doctype": "Coaching Request",
			"requester": requester,
			"skill": skill,
			"request_details": "Prepare a talk for the all-hands",
			**values,
		}
	).insert(ignore_permissions=True)


class TestCoachPool(CoachingTestCase):
	def setUp(self):
		self.skill = make_skill()
		self.pool_coach = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}], capacity=2)
		self.other_pool_coach = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}])
		self.unskilled = make_coach(in_coach_pool=1)
		self.requester = make_user(roles=("Coachee",))

	def test_open_request_is_offered_to_skilled_pool_coaches_only(self):
		request = make_request(self.requester, self.skill)
		for coach, sees in ((self.pool_coach, True), (self.other_pool_coach, True), (self.unskilled, False)):
			with self.set_user(coach.user):
				listed = request.name in frappe.get_list("Coaching Request", pluck="name")
			self.assertEqual(listed, sees, coach.name)

	def test_open_request_reaches_no_coach_outside_the_pool_or_inactive(self):
		request = make_request(self.requester, self.skill)
		outside = make_coach(in_coach_pool=0, skills=[{"skill": self.skill}])
		inactive = make_coach(status="Inactive", in_coach_pool=1, skills=[{"skill": self.skill}])
		for coach in (outside, inactive):
			with self.set_user(coach.user):
				self.assertNotIn(request.name, frappe.get_list("Coaching Request", pluck="name"), coach.name)
				self.assertFalse(frappe.has_permission("Coaching Request", "read", request.name), coach.name)

	def test_cancelling_an_accepted_booking_frees_the_coachs_load(self):
		request = make_request(self.requester, self.skill)
		with self.set_user(self.pool_coach.user):
			frappe.get_doc("Coaching Request", request.name).accept(str(add_to_date(now_datetime(), days=3)))
		self.assertEqual(frappe.db.get_value("Coach", self.pool_coach.name, "current_load"), 0.25)
		with self.set_user(self.requester):
			frappe.get_doc("Coaching Request", request.name).cancel_request()
		self.assertEqual(frappe.db.get_value("Coaching Request", request.name, "status"), "Cancelled")
		self.assertEqual(frappe.db.get_value("Coach", self.pool_coach.name, "current_load"), 0)

	def test_named_coach_request_goes_to_that_coach_until_declined(self):
		request = make_request(self.requester, self.skill, preferred_coach=self.pool_coach.name)
		with self.set_user(self.other_pool_coach.user):
			self.assertNotIn(request.name, frappe.get_list("Coaching Request", pluck="name"))
		with self.set_user(self.pool_coach.user):
			frappe.get_doc("Coaching Request", request.name).decline("Travelling that month")
		with self.set_user(self.other_pool_coach.user):
			self.assertIn(request.name, frappe.get_list("Coaching Request", pluck="name"))
			doc = frappe.get_doc("Coaching Request", request.name)
		self.assertIsNone(doc.preferred_coach)
		self.assertEqual(doc.decline_reason, "Travelling that month")

	def test_acceptance_schedules_a_session_and_counts_toward_load(self):
		request = make_request(self.requester, self.skill)
		start = add_to_date(now_datetime(), days=3)
		with self.set_user(self.pool_coach.user):
			session_name = frappe.get_doc("Coaching Request", request.name).accept(str(start), "Room 2")
		request.reload()
		self.assertEqual(
			(request.status, request.assigned_coach, request.session),
			("Accepted", self.pool_coach.name, session_name),
		)
		session = frappe.get_doc("Coaching Session", session_name)
		self.assertEqual(
			(session.coach, session.coachee_user, session.agreement),
			(self.pool_coach.name, self.requester, None),
		)
		self.assertEqual(current_load(self.pool_coach.name), 0.25)
		self.assertEqual(frappe.db.get_value("Coach", self.pool_coach.name, "current_load"), 0.25)
		with self.set_user(self.requester):
			self.assertTrue(frappe.has_permission("Coaching Session", "read", session_name))
		with self.set_user(self.other_pool_coach.user):
			self.assertRaises(
				frappe.PermissionError, frappe.get_doc("Coaching Request", request.name).accept, str(start)
			)
		session.status = "Completed"
		session.save()
		self.assertEqual(frappe.db.get_value("Coaching Request", request.name, "status"), "Completed")
		self.assertEqual(current_load(self.pool_coach.name), 0)

	def test_mixed_load_refuses_a_booking_beyond_capacity(self):
		program = make_program().name
		for _ in range(2):
			make_agreement(self.pool_coach.name, make_coachee(program).name, program, status=lifecycle.ACTIVE)
		self.assertEqual(current_load(self.pool_coach.name), 2)
		request = make_request(self.requester, self.skill)
		with self.set_user(self.pool_coach.user):
			self.assertRaisesRegex(
				frappe.ValidationError,
				"over your capacity",
				frappe.get_doc("Coaching Request", request.name).accept,
				str(now_datetime()),
			)


class TestSuggestions(CoachingTestCase):
	def test_ranked_by_goal_skills_and_excludes_full_or_away_coaches(self):
		skill = make_skill()
		program = make_program().name
		coachee = make_coachee(program, goal_skills=[{"skill": skill}])
		expert = make_coach(skills=[{"skill": skill, "level": "Expert"}])
		plain = make_coach()
		full = make_coach(skills=[{"skill": skill, "level": "Expert"}], capacity=1)
		make_agreement(full.name, make_coachee(program).name, program, status=lifecycle.ACTIVE)
		refresh_coach_loads({full.name})
		away = make_coach(
			skills=[{"skill": skill}], unavailable_from=frappe.utils.add_days(frappe.utils.today(), -1)
		)
		with self.set_user(make_user(roles=("Coaching Manager",))):
			suggested = suggest_coaches(coachee.name, limit=50)
		names = [s["coach"] for s in suggested]
		self.assertLess(names.index(expert.name), names.index(plain.name))
		self.assertNotIn(full.name, names)
		self.assertNotIn(away.name, names)
		self.assertTrue(any("(expert)" in r for r in suggested[names.index(expert.name)]["reasons"]))

	def test_coach_cannot_ask_for_suggestions(self):
		coach = make_coach()
		coachee = make_coachee(make_program().name)
		with self.set_user(coach.user):
			self.assertRaises(frappe.PermissionError, suggest_coaches, coachee.name)
