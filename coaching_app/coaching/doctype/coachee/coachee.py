# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.input_checks import TableRows
from coaching_app.utils import act_on_stored_record, ensure_role


class Coachee(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.coachee_goal_skill.coachee_goal_skill import CoacheeGoalSkill

		became_coach: DF.Link
		coaching_goals: DF.SmallText
		current_agreement: DF.Link
		current_coach: DF.Link
		current_coach_name: DF.Data
		dreams: DF.SmallText
		full_name: DF.Data
		goal_skills: DF.TableMultiSelect[CoacheeGoalSkill]
		passions: DF.SmallText
		program: DF.Link
		status: DF.Literal["Active", "On Hold", "Graduated", "Withdrawn"]
		story: DF.Text
		user: DF.Link
	# end: auto-generated types

	def validate(self):
		self.validate_user_is_free()
		self.validate_program_is_active()

	def on_update(self):
		ensure_role(self.user, "Coachee")

	def validate_user_is_free(self):
		other = frappe.db.get_value("Coachee", {"user": self.user, "name": ("!=", self.name)}, "name")
		if other:
			frappe.throw(
				_("{0} already has a coachee record: {1}.").format(
					frappe.bold(self.user), frappe.bold(other)
				),
				frappe.DuplicateEntryError,
				title=_("Duplicate Coachee"),
			)

	def validate_program_is_active(self):
		if self.has_value_changed("program") and not frappe.db.get_value(
			"Coaching Program", self.program, "is_active"
		):
			frappe.throw(
				_("Program {0} is not active.").format(frappe.bold(self.program)), title=_("Inactive Program")
			)

	@frappe.whitelist(methods=["POST"])
	def promote_to_coach(self) -> str:
		"""Create this person's Coach record, In Training, linked both ways; once only. Where the program has
		a coach training, her training starts too, as when she presses Become a coach herself."""
		from coaching_app.training import make_coach_in_training, program_modules, start_for

		frappe.has_permission("Coach", "create", throw=True)
		act_on_stored_record(self, "write")
		coach = make_coach_in_training(self, ignore_permissions=False)
		if self.program and program_modules(self.program):
			start_for(self.user, self.program)
		return coach
