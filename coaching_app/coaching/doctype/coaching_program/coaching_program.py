# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class CoachingProgram(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from coaching_app.coaching.doctype.coaching_program_manager.coaching_program_manager import CoachingProgramManager
		from frappe.types import DF

		cadence: DF.Literal["", "Weekly", "Every Other Week", "Monthly"]
		commitment_months: DF.Int
		description: DF.TextEditor
		growth_framework: DF.Link
		is_active: DF.Check
		managers: DF.Table[CoachingProgramManager]
		program_name: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_commitment()
		self.validate_unique_managers()

	def validate_commitment(self):
		if self.commitment_months is not None and self.commitment_months < 0:
			frappe.throw(_("Commitment cannot be negative."), title=_("Invalid Commitment"))

	def validate_unique_managers(self):
		seen = set()
		for row in self.managers:
			if row.user in seen:
				frappe.throw(
					_("Row {0}: {1} is already a manager of this program.").format(row.idx, frappe.bold(row.user)),
					title=_("Duplicate Manager"),
				)
			seen.add(row.user)
