# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from coaching_app.rules.text import is_blank
from coaching_app.utils import validate_agreement_party


class CoachingAction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreement: DF.Link
		coach: DF.Link
		coach_user: DF.Link
		coachee: DF.Link
		coachee_name: DF.Data
		coachee_user: DF.Link
		completed_on: DF.Date
		description: DF.SmallText
		due_date: DF.Date
		measure: DF.SmallText
		overdue_notified_on: DF.Date
		naming_series: DF.Literal["ACT-.YYYY.-"]
		review_notes: DF.SmallText
		source_name: DF.DynamicLink
		source_type: DF.Literal["", "Growth Plan", "Coaching Session"]
		status: DF.Literal["Open", "Done", "Dropped"]
	# end: auto-generated types

	def validate(self):
		self.validate_measurable()
		validate_agreement_party(self)
		self.validate_source()
		self.set_completed_on()

	def validate_measurable(self):
		if is_blank(self.description):
			frappe.throw(_("Describe the action step."), title=_("Action Step Required"))
		if is_blank(self.measure):
			frappe.throw(
				_("Say how the action step will be measured, so both of you know when it is done."),
				title=_("Measure Required"),
			)

	def validate_source(self):
		if bool(self.source_type) != bool(self.source_name):
			frappe.throw(
				_("Give both the source type and the source document, or neither."), title=_("Source")
			)
		if (
			self.source_name
			and frappe.db.get_value(self.source_type, self.source_name, "coachee") != self.coachee
		):
			frappe.throw(
				_("{0} {1} belongs to another coachee.").format(
					_(self.source_type), frappe.bold(self.source_name)
				),
				title=_("Wrong Source"),
			)

	def set_completed_on(self):
		if self.status == "Done":
			self.completed_on = self.completed_on or today()
		else:
			self.completed_on = None
