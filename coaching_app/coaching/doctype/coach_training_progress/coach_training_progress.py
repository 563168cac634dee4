# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.database import add_unique_constraint
from coaching_app.input_checks import TableRows


class CoachTrainingProgress(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.coach_training_answer.coach_training_answer import (
			CoachTrainingAnswer,
		)

		answers: DF.Table[CoachTrainingAnswer]
		coach: DF.Link
		completed_on: DF.Date
		full_name: DF.Data
		modules_done: DF.Int
		modules_total: DF.Int
		percent_done: DF.Percent
		program: DF.Link
		started_on: DF.Date
		status: DF.Literal["In Progress", "Completed"]
		user: DF.Link
	# end: auto-generated types

	def validate(self):
		other = frappe.db.get_value(
			"Coach Training Progress",
			{"user": self.user, "program": self.program, "name": ("!=", self.name)},
			"name",
		)
		if other:
			frappe.throw(
				_("{0} already takes the coach training of program {1}.").format(
					frappe.bold(self.full_name or self.user), frappe.bold(self.program)
				),
				frappe.DuplicateEntryError,
				title=_("Training Already Started"),
			)

	def on_training_completed(self):
		"""Runs the Notification "Coach Training Completed" (event Method): the program's staff hear that
		the answers wait for their review."""


def on_doctype_update():
	# One training record per person and program, also when two requests start it at the same moment.
	add_unique_constraint("Coach Training Progress", ("user", "program"), "unique_user_program")
