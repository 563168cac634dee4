# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.feedback import keep_closed_rounds_closed
from coaching_app.utils import validate_date_order


class CoachingFeedbackRound(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreement: DF.Link
		closes_on: DF.Date
		naming_series: DF.Literal["FR-.YYYY.-"]
		opens_on: DF.Date
		program: DF.Link
		round_type: DF.Literal["Program", "Agreement Anniversary"]
		status: DF.Literal["Planned", "Open", "Closed"]
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		validate_date_order(self, "opens_on", "closes_on")
		keep_closed_rounds_closed(self)
		self.validate_agreement()

	def validate_agreement(self):
		if self.round_type == "Agreement Anniversary" and not self.agreement:
			frappe.throw(_("An anniversary round names its agreement."), title=_("Agreement Required"))
		if (
			self.agreement
			and frappe.db.get_value("Coaching Agreement", self.agreement, "program") != self.program
		):
			frappe.throw(
				_("Agreement {0} belongs to another program.").format(frappe.bold(self.agreement)),
				title=_("Wrong Program"),
			)
