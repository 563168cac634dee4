# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.input_checks import TableRows
from coaching_app.rules.practice import DEFAULT_CHECKLIST, DEFAULT_PROMPTS
from coaching_app.rules.training import module_problem


class CoachingProgram(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.coach_training_module.coach_training_module import (
			CoachTrainingModule,
		)
		from coaching_app.coaching.doctype.coaching_program_checklist_item.coaching_program_checklist_item import (
			CoachingProgramChecklistItem,
		)
		from coaching_app.coaching.doctype.coaching_program_manager.coaching_program_manager import (
			CoachingProgramManager,
		)
		from coaching_app.coaching.doctype.coaching_program_prompt.coaching_program_prompt import (
			CoachingProgramPrompt,
		)

		cadence: DF.Literal["", "Weekly", "Every Other Week", "Monthly"]
		coach_training_modules: DF.Table[CoachTrainingModule]
		coach_training_required_by: DF.Date
		commitment_months: DF.Int
		description: DF.TextEditor
		first_meeting_checklist: DF.Table[CoachingProgramChecklistItem]
		growth_framework: DF.Link
		is_active: DF.Check
		managers: DF.Table[CoachingProgramManager]
		program_name: DF.Data
		session_prompts: DF.Table[CoachingProgramPrompt]
	# end: auto-generated types

	def validate(self):
		self.validate_commitment()
		self.validate_unique_managers()
		self.validate_training()

	def before_insert(self):
		self.add_default_practice()

	def add_default_practice(self):
		"""A new program starts from the app's prompts and checklist, which staff then make its own."""
		if not self.session_prompts:
			for prompt, applies_to in DEFAULT_PROMPTS:
				self.append("session_prompts", {"prompt": _(prompt), "applies_to": applies_to})
		if not self.first_meeting_checklist:
			for item in DEFAULT_CHECKLIST:
				self.append("first_meeting_checklist", {"item": _(item)})

	def validate_commitment(self):
		if self.commitment_months is not None and self.commitment_months < 0:
			frappe.throw(_("Commitment cannot be negative."), title=_("Invalid Commitment"))

	def validate_unique_managers(self):
		seen = set()
		for row in self.managers:
			if row.user in seen:
				frappe.throw(
					_("Row {0}: {1} is already a manager of this program.").format(
						row.idx, frappe.bold(row.user)
					),
					title=_("Duplicate Manager"),
				)
			seen.add(row.user)

	def validate_training(self):
		"""Every check can be answered, and a training is required only once it has modules."""
		messages = {
			"one_option": _("Row {0}: a check needs at least two options, one per line."),
			"too_many_options": _("Row {0}: a check offers at most ten options."),
			"no_correct_answer": _("Row {0}: say which option is the right answer."),
			"correct_not_an_option": _(
				"Row {0}: the right answer must be one of the options, written the same way."
			),
		}
		for row in self.coach_training_modules:
			problem = module_problem(row.answer_options, row.correct_answer)
			if problem:
				frappe.throw(messages[problem].format(row.idx), title=_("Training Module Cannot Be Answered"))
		if self.coach_training_required_by and not self.coach_training_modules:
			frappe.throw(
				_("Add the training modules before requiring the training from coaches."),
				title=_("No Training Modules"),
			)
