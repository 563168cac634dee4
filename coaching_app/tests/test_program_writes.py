"""Program staff write into the programs they run only, over every path: the program record itself (its Managers
table above all), agreements, coachees, sessions, feedback rounds and coaches of other programs."""

import frappe
import frappe.client

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_agreement,
	make_coach,
	make_coachee,
	make_managed_relationship,
	make_relationship,
	make_user,
	unique,
)


class TestStaffWriteInTheirProgramsOnly(CoachingTestCase):
	def setUp(self):
		self.manager_a = make_user(roles=("Coaching Manager",))
		self.manager_b = make_user(roles=("Coaching Manager",))
		self.a = make_managed_relationship(self.manager_a)
		self.b = make_managed_relationship(self.manager_b)

	def managers_of(self, program):
		return sorted(
			frappe.get_all(
				"Coaching Program Manager",
				filters={"parent": program, "parenttype": "Coaching Program"},
				pluck="user",
			)
		)

	def test_a_manager_cannot_take_over_or_open_up_another_program(self):
		with self.set_user(self.manager_a):
			self.assertNotIn(self.b.program, frappe.get_list("Coaching Program", pluck="name"))
			self.assertIn(self.a.program, frappe.get_list("Coaching Program", pluck="name"))
			self.assertFalse(frappe.has_permission("Coaching Program", "read", doc=self.b.program))
			other = frappe.get_doc("Coaching Program", self.b.program)
			other.append("managers", {"user": self.manager_a})
			self.assertRaises(frappe.PermissionError, other.save)
			emptied = frappe.get_doc("Coaching Program", self.b.program)
			emptied.managers = []
			self.assertRaises(frappe.PermissionError, emptied.save)
			self.assertRaises(
				frappe.PermissionError,
				frappe.client.set_value,
				"Coaching Program",
				self.b.program,
				"description",
				"Ours now",
			)
			# Her own program: its text is hers to edit, who runs it is not.
			own = frappe.get_doc("Coaching Program", self.a.program)
			own.description = "<p>Meet monthly.</p>"
			own.save()
			own.append("managers", {"user": make_user(roles=("Coaching Manager",))})
			self.assertRaises(frappe.PermissionError, own.save)
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_doc(
					{
						"doctype": "Coaching Program",
						"program_name": unique("Program"),
						"growth_framework": own.growth_framework,
					}
				).insert,
			)
		self.assertEqual(self.managers_of(self.b.program), [self.manager_b])
		self.assertEqual(self.managers_of(self.a.program), [self.manager_a])
		# A System Manager names managers.
		with self.set_user(make_user(roles=("System Manager",))):
			program = frappe.get_doc("Coaching Program", self.b.program)
			program.append("managers", {"user": self.manager_a})
			program.save()
		self.assertEqual(self.managers_of(self.b.program), sorted([self.manager_a, self.manager_b]))

	def test_a_manager_writes_no_record_into_another_program(self):
		coach_b = make_coach()
		coach_b.append("programs", {"program": self.b.program})
		coach_b.save(ignore_permissions=True)
		with self.set_user(self.manager_a):
			self.assertRaises(
				frappe.PermissionError,
				make_coachee_as_user,
				self.b.program,
			)
			self.assertRaises(
				frappe.PermissionError,
				lambda: frappe.get_doc(
					{
						"doctype": "Coaching Agreement",
						"coach": coach_b.name,
						"coachee": self.b.coachee.name,
						"program": self.b.program,
						"start_date": frappe.utils.today(),
					}
				).insert(),
			)
			self.assertRaises(
				frappe.PermissionError,
				lambda: frappe.get_doc(
					{
						"doctype": "Coaching Feedback Round",
						"title": unique("Round"),
						"program": self.b.program,
						"opens_on": frappe.utils.today(),
						"closes_on": frappe.utils.add_days(frappe.utils.today(), 30),
					}
				).insert(),
			)
			self.assertRaises(
				frappe.PermissionError, frappe.client.set_value, "Coach", coach_b.name, "capacity", 40
			)
			# Moving one of her coachees into the other program is a write into it too.
			moved = frappe.get_doc("Coachee", self.a.coachee.name)
			moved.program = self.b.program
			self.assertRaises(frappe.PermissionError, moved.save)
			# Her own program's records are hers to write.
			coach_a = make_coach()
			coach_a.append("programs", {"program": self.a.program})
			coach_a.save(ignore_permissions=True)
			frappe.client.set_value("Coach", coach_a.name, "capacity", 7)
			self.assertTrue(make_coachee_as_user(self.a.program).name)
		self.assertEqual(frappe.db.get_value("Coach", coach_b.name, "capacity"), 5)
		self.assertEqual(frappe.db.get_value("Coach", coach_a.name, "capacity"), 7)
		self.assertEqual(frappe.db.get_value("Coachee", self.a.coachee.name, "program"), self.a.program)

	def test_a_manager_who_coaches_in_another_program_still_writes_her_own_relationship(self):
		coach = make_coach(user=self.manager_a)
		coachee = make_coachee(self.b.program)
		agreement = make_agreement(coach.name, coachee.name, self.b.program, status=lifecycle.ACTIVE)
		with self.set_user(self.manager_a):
			session = frappe.get_doc(
				{
					"doctype": "Coaching Session",
					"agreement": agreement.name,
					"session_start": frappe.utils.now_datetime(),
				}
			).insert()
			self.assertEqual(session.program, self.b.program)
			# Not a party: another relationship of that program stays out of her reach.
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_doc(
					{
						"doctype": "Coaching Session",
						"agreement": self.b.agreement.name,
						"session_start": frappe.utils.now_datetime(),
					}
				).insert,
			)


def make_coachee_as_user(program: str):
	"""A coachee record written by the signed-in user, as the desk form saves it."""
	return frappe.get_doc(
		{
			"doctype": "Coachee",
			"user": make_user(roles=("Coachee",)),
			"full_name": "New Coachee",
			"program": program,
		}
	).insert()
