# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class CoachingRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assigned_coach: DF.Link
		coachee: DF.Link
		decline_reason: DF.SmallText
		naming_series: DF.Literal["REQ-.YYYY.-"]
		preferred_coach: DF.Link
		preferred_date: DF.Date
		request_details: DF.SmallText
		requester: DF.Link
		requester_name: DF.Data
		session: DF.Link
		skill: DF.Link
		status: DF.Literal["Open", "Accepted", "Declined", "Cancelled", "Completed"]
	# end: auto-generated types

	def validate(self):
		self.validate_preferred_coach()
		self.validate_assignment()

	def validate_preferred_coach(self):
		if not self.preferred_coach or not self.has_value_changed("preferred_coach"):
			return
		in_pool, status, name = frappe.db.get_value(
			"Coach", self.preferred_coach, ["in_coach_pool", "status", "full_name"]
		)
		if not in_pool or status != "Active":
			frappe.throw(
				_("{0} is not taking coach-pool bookings.").format(frappe.bold(name)), title=_("Coach Not in Pool")
			)

	def validate_assignment(self):
		if self.status in ("Accepted", "Completed") and not self.assigned_coach:
			frappe.throw(_("An accepted request needs an assigned coach."), title=_("Coach Required"))
