import frappe

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship


class TestGrowthPlan(CoachingTestCase):
	def make_plan(self, rel, **values):
		return frappe.get_doc(
			{"doctype": "Growth Plan", "coachee": rel.coachee.name, "agreement": rel.agreement.name, **values}
		).insert(ignore_permissions=True)

	def test_new_plan_lists_framework_characteristics_and_fetches_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		plan = self.make_plan(rel)
		self.assertEqual(
			[r.characteristic for r in plan.ratings],
			["Integrity", "Courage", "Compassion", "Wisdom", "Perseverance"],
		)
		self.assertEqual(plan.coach, rel.coach.name)
		self.assertEqual(
			plan.framework, frappe.db.get_value("Coaching Program", rel.program, "growth_framework")
		)

	def test_ratings_on_one_to_five_and_averages(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		plan = self.make_plan(rel)
		plan.ratings[0].self_rating = 2
		plan.ratings[1].self_rating = 4
		plan.ratings[0].coach_rating = 3
		plan.save()
		self.assertEqual(plan.average_self_rating, 3.0)
		self.assertEqual(plan.average_coach_rating, 3.0)
		plan.ratings[2].self_rating = 6
		self.assertRaisesRegex(frappe.ValidationError, "from 1 to 5", plan.save)

	def test_unknown_characteristic_refused(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"not a core characteristic",
			self.make_plan,
			rel,
			ratings=[{"characteristic": "Punctuality", "self_rating": 3}],
		)

	def test_agreement_of_another_coachee_refused(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		other = make_relationship(status=lifecycle.ACTIVE, program=rel.program)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"another coachee",
			lambda: frappe.get_doc(
				{"doctype": "Growth Plan", "coachee": rel.coachee.name, "agreement": other.agreement.name}
			).insert(ignore_permissions=True),
		)

	def test_web_form_gets_the_signed_in_coachees_characteristics_before_saving(self):
		from coaching_app.coaching.doctype.growth_plan.growth_plan import characteristics_for_new_plan

		rel = make_relationship(status=lifecycle.ACTIVE)
		with self.set_user(rel.coachee.user):
			self.assertEqual(
				characteristics_for_new_plan(),
				["Integrity", "Courage", "Compassion", "Wisdom", "Perseverance"],
			)
		with self.set_user(rel.coach.user):  # no coachee record of her own
			self.assertEqual(characteristics_for_new_plan(), [])
