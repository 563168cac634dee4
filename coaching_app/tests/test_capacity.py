"""The coach's stored load stays true on every path that changes it: a pool booking accepted, declined,
cancelled, held, missed, moved to another coach by staff or deleted; an agreement reassigned, consented or
completed by the daily job."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, getdate, now_datetime, today

from coaching_app.capacity import current_load, refresh_all_coach_loads, refresh_coach_loads
from coaching_app.renewals import complete_ended_agreements
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coach, make_relationship, make_skill, make_user


def stored_load(coach: str) -> float:
	return float(frappe.db.get_value("Coach", coach, "current_load") or 0)


class TestPoolBookingLoad(CoachingTestCase):
	def setUp(self):
		self.skill = make_skill()
		self.coach = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}], capacity=3)
		self.other = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}], capacity=3)
		self.requester = make_user(roles=("Coachee",))

	def request(self, **values):
		with self.set_user(self.requester):
			return frappe.get_doc(
				{
					"doctype": "Coaching Request",
					"skill": self.skill,
					"request_details": "Prepare a difficult conversation",
					**values,
				}
			).insert()

	def accepted(self):
		request = self.request()
		with self.set_user(self.coach.user):
			session = frappe.get_doc("Coaching Request", request.name).accept(
				str(add_to_date(now_datetime(), days=2))
			)
		return request.name, session

	def test_accept_counts_the_booking(self):
		self.accepted()
		self.assertEqual(stored_load(self.coach.name), 0.25)

	def test_decline_leaves_the_load_as_it_was(self):
		request = self.request(preferred_coach=self.coach.name)
		with self.set_user(self.coach.user):
			frappe.get_doc("Coaching Request", request.name).decline("Away that week")
		self.assertEqual(stored_load(self.coach.name), 0)
		self.assertEqual(frappe.db.get_value("Coaching Request", request.name, "status"), "Open")

	def test_cancel_frees_the_booking(self):
		name, _ = self.accepted()
		with self.set_user(self.requester):
			frappe.get_doc("Coaching Request", name).cancel_request()
		self.assertEqual(stored_load(self.coach.name), 0)

	def test_session_held_ends_the_booking(self):
		name, session = self.accepted()
		doc = frappe.get_doc("Coaching Session", session)
		doc.status = "Completed"
		doc.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Coaching Request", name, "status"), "Completed")
		self.assertEqual(stored_load(self.coach.name), 0)

	def test_session_missed_keeps_the_booking_to_reschedule(self):
		name, session = self.accepted()
		doc = frappe.get_doc("Coaching Session", session)
		doc.status = "No Show"
		doc.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Coaching Request", name, "status"), "Accepted")
		self.assertEqual(stored_load(self.coach.name), 0.25)

	def test_staff_moving_the_booking_moves_the_load(self):
		name, _ = self.accepted()
		with self.set_user(make_user(roles=("Coaching Manager",))):
			doc = frappe.get_doc("Coaching Request", name)
			doc.assigned_coach = self.other.name
			doc.save()
		self.assertEqual((stored_load(self.coach.name), stored_load(self.other.name)), (0, 0.25))

	def test_deleting_an_accepted_booking_frees_it(self):
		name, session = self.accepted()
		frappe.delete_doc("Coaching Session", session, ignore_permissions=True, force=True)
		frappe.delete_doc("Coaching Request", name, ignore_permissions=True, force=True)
		self.assertEqual(stored_load(self.coach.name), 0)


class TestAgreementLoad(CoachingTestCase):
	def test_reassign_moves_the_relationship_to_the_new_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -60))
		new_coach = make_coach()
		refresh_coach_loads({rel.coach.name})
		self.assertEqual(stored_load(rel.coach.name), 1)
		with self.set_user(make_user(roles=("Coaching Manager",))):
			doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
			doc.new_coach, doc.end_reason = new_coach.name, "Coach changed role"
			doc.save()
			successor = apply_workflow(doc, "Reassign").next_agreement
		self.assertEqual(stored_load(rel.coach.name), 0)
		self.assertEqual(stored_load(new_coach.name), 0, "awaiting consent is not yet coaching")
		for user in (new_coach.user, rel.coachee.user):
			with self.set_user(user):
				frappe.get_doc("Coaching Agreement", successor).record_consent()
		self.assertEqual(frappe.db.get_value("Coaching Agreement", successor, "status"), lifecycle.ACTIVE)
		self.assertEqual(stored_load(new_coach.name), 1)

	def test_daily_completion_frees_the_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date="2025-01-01")
		refresh_coach_loads({rel.coach.name})
		self.assertEqual(stored_load(rel.coach.name), 1)
		complete_ended_agreements(add_days(getdate(rel.agreement.end_date), 1))
		self.assertEqual(stored_load(rel.coach.name), 0)

	def test_refresh_all_corrects_only_wrong_figures(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		idle = make_coach()
		frappe.db.set_value("Coach", rel.coach.name, "current_load", 7)
		frappe.db.set_value("Coach", idle.name, "current_load", 3)
		refresh_all_coach_loads()
		self.assertEqual((stored_load(rel.coach.name), stored_load(idle.name)), (1, 0))
		self.assertEqual(current_load(rel.coach.name), 1)
		self.assertEqual(current_load(rel.coach.name, exclude_agreement=rel.agreement.name), 0)
