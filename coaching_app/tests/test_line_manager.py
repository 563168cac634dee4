"""No coaching by the evaluator: on a site with HR records, a coachee's direct line manager does not coach
them unless staff record why. On a site without HRMS an Employee DocType with the two fields the rule reads
stands in for it, created for this suite only; with HRMS the suite builds real Employees."""

import frappe

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_agreement,
	make_coach,
	make_coachee,
	make_employee,
	make_program,
	make_user,
)


class TestLineManagerDoesNotCoach(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.made_employee_doctype = False
		if not frappe.db.exists("DocType", "Employee"):
			# Created before any record of the suite: on MariaDB the table's creation commits.
			frappe.get_doc(
				{
					"doctype": "DocType",
					"name": "Employee",
					"module": "Coaching",
					"custom": 1,
					"autoname": "hash",
					"fields": [
						{"fieldname": "user_id", "fieldtype": "Link", "options": "User", "label": "User"},
						{
							"fieldname": "reports_to",
							"fieldtype": "Link",
							"options": "Employee",
							"label": "Reports To",
						},
					],
					"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
				}
			).insert(ignore_permissions=True)
			cls.made_employee_doctype = True

	@classmethod
	def tearDownClass(cls):
		try:
			super().tearDownClass()
		finally:
			if cls.made_employee_doctype:
				frappe.delete_doc("DocType", "Employee", force=True, ignore_permissions=True)
				frappe.db.sql_ddl("drop table if exists `tabEmployee`")
				frappe.db.commit()  # static-check: the stand-in DocType's table is dropped with DDL anyway

	def setUp(self):
		self.program = make_program().name
		self.manager_user = make_user(roles=("Coach",))
		self.coach = make_coach(user=self.manager_user)
		self.coachee = make_coachee(self.program)
		boss = make_employee(self.manager_user)
		make_employee(self.coachee.user, reports_to=boss)
		self.staff = make_user(roles=("Coaching Manager",))

	def test_the_line_manager_is_refused_as_coach(self):
		with self.set_user(self.staff):
			self.assertRaisesRegex(
				frappe.ValidationError,
				"line manager",
				make_agreement,
				self.coach.name,
				self.coachee.name,
				self.program,
			)
			# Another coach is fine.
			other = make_coach()
			self.assertTrue(make_agreement(other.name, self.coachee.name, self.program).name)

	def test_staff_override_with_a_reason_is_recorded_on_the_timeline(self):
		with self.set_user(self.staff):
			agreement = make_agreement(
				self.coach.name,
				self.coachee.name,
				self.program,
				evaluator_override=1,
				evaluator_override_reason="Rural parish: no other coach within reach this year",
			)
			comments = frappe.get_all(
				"Comment",
				filters={"reference_doctype": "Coaching Agreement", "reference_name": agreement.name},
				pluck="content",
			)
			self.assertTrue(any("Rural parish" in (c or "") for c in comments), comments)
			# Without a reason the tick does not count.
			self.assertRaises(
				frappe.ValidationError,
				make_agreement,
				self.coach.name,
				self.coachee.name,
				self.program,
				evaluator_override=1,
				evaluator_override_reason="",
				status=lifecycle.DRAFT,
			)
