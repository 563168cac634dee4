import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coach, make_skill, make_user


class TestCoachingRequest(CoachingTestCase):
	def make_request(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Coaching Request",
				"requester": make_user(),
				"skill": make_skill("Public Speaking"),
				"request_details": "Prepare for a conference talk",
				**values,
			}
		).insert(ignore_permissions=True)

	def test_preferred_coach_must_be_in_the_pool(self):
		outside = make_coach(in_coach_pool=0)
		self.assertRaisesRegex(
			frappe.ValidationError, "not taking", self.make_request, preferred_coach=outside.name
		)
		pool = make_coach(in_coach_pool=1)
		self.assertEqual(self.make_request(preferred_coach=pool.name).status, "Open")

	def test_accepted_needs_assigned_coach(self):
		request = self.make_request()
		request.status = "Accepted"
		self.assertRaisesRegex(frappe.ValidationError, "assigned coach", request.save)
