"""What coach and coachee agreed stays with the two of them: the app's own methods read action steps through
the caller's rules, and a relationship handed to a new coach takes its open steps to that coach alone."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from coaching_app.coaching.doctype.coaching_session.coaching_session import get_open_actions
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_action, make_coach, make_relationship, make_user

STEP = "Tell my sister about the move"


class TestContentStaysWithTheTwo(CoachingTestCase):
	def setUp(self):
		self.rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -60))
		self.action = make_action(self.rel.coachee.name, self.rel.agreement.name, description=STEP)
		self.manager = make_user(roles=("Coaching Manager",))

	def reassign(self):
		new_coach = make_coach()
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", self.rel.agreement.name)
			doc.end_reason = "Coach moved away"
			doc.new_coach = new_coach.name
			doc.save()
			apply_workflow(doc, "Reassign")
		return new_coach

	def open_steps(self, user):
		with self.set_user(user):
			return [row.description for row in get_open_actions(self.rel.agreement.name)]

	def test_open_steps_are_read_by_the_two_people_only(self):
		self.assertEqual(self.open_steps(self.rel.coach.user), [STEP])
		self.assertEqual(self.open_steps(self.rel.coachee.user), [STEP])
		self.assertEqual(self.open_steps(self.manager), [])  # staff read the agreement, not its steps

	def test_a_handed_on_relationship_takes_its_steps_to_the_new_coach_alone(self):
		new_coach = self.reassign()
		stored = frappe.db.get_value(
			"Coaching Action", self.action.name, ["coach", "coach_user"], as_dict=True
		)
		self.assertEqual(stored.coach, new_coach.name)
		self.assertEqual(stored.coach_user, new_coach.user)  # reminders and notices go to the new coach
		# The old coach still opens the old agreement, but reads none of the steps any more.
		self.assertEqual(self.open_steps(self.rel.coach.user), [])
		with self.set_user(self.rel.coach.user):
			self.assertFalse(frappe.has_permission("Coaching Action", "read", doc=self.action.name))
