import frappe
from frappe.utils import add_days, today

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_feedback_round, make_program, make_relationship


class TestCoachingFeedbackRound(CoachingTestCase):
	def test_dates_ordered(self):
		program = make_program().name
		self.assertRaisesRegex(
			frappe.ValidationError,
			"cannot be after",
			make_feedback_round,
			program,
			opens_on=today(),
			closes_on=add_days(today(), -1),
		)

	def test_anniversary_round_names_agreement_of_its_program(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		self.assertRaises(
			frappe.ValidationError, make_feedback_round, rel.program, round_type="Agreement Anniversary"
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"another program",
			make_feedback_round,
			make_program().name,
			round_type="Agreement Anniversary",
			agreement=rel.agreement.name,
		)
		self.assertEqual(make_feedback_round(rel.program, agreement=rel.agreement.name).status, "Planned")
