import frappe
from frappe.utils import add_days, today

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_feedback_round, make_relationship


class TestCoachingFeedback(CoachingTestCase):
	def setUp(self):
		self.rel = make_relationship(status=lifecycle.ACTIVE)
		self.round = make_feedback_round(self.rel.program)

	def make_feedback(self, role="Coachee", respondent=None, **values):
		return frappe.get_doc(
			{
				"doctype": "Coaching Feedback",
				"round": self.round.name,
				"agreement": self.rel.agreement.name,
				"respondent_role": role,
				"respondent": respondent
				or (self.rel.coachee.user if role == "Coachee" else self.rel.coach.user),
				**values,
			}
		).insert(ignore_permissions=True)

	def test_respondent_must_be_the_party(self):
		self.assertRaisesRegex(
			frappe.ValidationError, "respondent must be", self.make_feedback, "Coachee", self.rel.coach.user
		)

	def test_one_feedback_per_role_per_round(self):
		self.make_feedback("Coachee")
		self.make_feedback("Coach")
		self.assertRaises(frappe.DuplicateEntryError, self.make_feedback, "Coachee")

	def test_ratings_and_submission_time(self):
		self.assertRaisesRegex(frappe.ValidationError, "from 1 to 5", self.make_feedback, overall_rating=9)
		feedback = self.make_feedback(overall_rating=5, status="Submitted")
		self.assertTrue(feedback.submitted_on)
		self.assertEqual(feedback.coach, self.rel.coach.name)
