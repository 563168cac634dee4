# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, get_datetime, getdate

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.dates import within
from coaching_app.rules.lifecycle import RUNNING_STATES


class CoachingSession(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from coaching_app.coaching.doctype.coaching_session_resource.coaching_session_resource import CoachingSessionResource
		from frappe.types import DF

		agenda: DF.SmallText
		agreement: DF.Link
		coach: DF.Link
		coach_name: DF.Data
		coachee: DF.Link
		coachee_name: DF.Data
		duration_minutes: DF.Int
		first_session: DF.Check
		location: DF.Data
		mode: DF.Literal["In Person", "Video Call", "Phone"]
		naming_series: DF.Literal["SES-.YYYY.-"]
		obstacles: DF.Text
		program: DF.Link
		realities: DF.Text
		resources_shared: DF.Table[CoachingSessionResource]
		session_end: DF.Datetime
		session_start: DF.Datetime
		shared_notes: DF.TextEditor
		status: DF.Literal["Scheduled", "Completed", "Cancelled", "No Show"]
		wins: DF.Text
	# end: auto-generated types

	def validate(self):
		self.set_first_session()
		self.set_duration()
		self.set_session_end()
		self.validate_agreement_is_running()
		self.validate_within_term()

	def on_update(self):
		if self.status == "Completed":
			self.update_coach_last_session()

	def set_first_session(self):
		earlier = frappe.db.exists(
			"Coaching Session",
			{
				"agreement": self.agreement,
				"name": ("!=", self.name),
				"status": ("!=", "Cancelled"),
				"session_start": ("<", self.session_start),
			},
		)
		self.first_session = 0 if earlier else 1

	def set_duration(self):
		if not self.duration_minutes:
			settings = get_settings()
			self.duration_minutes = (
				settings.first_session_minutes if self.first_session else settings.default_session_minutes
			)

	def set_session_end(self):
		self.session_end = add_to_date(get_datetime(self.session_start), minutes=self.duration_minutes or 0)

	def validate_agreement_is_running(self):
		status = frappe.db.get_value("Coaching Agreement", self.agreement, "status")
		if status not in RUNNING_STATES and (self.is_new() or self.has_value_changed("session_start")):
			frappe.throw(
				_("Agreement {0} is {1}. Sessions can be scheduled only while it is Active or Renewal Due.").format(
					frappe.bold(self.agreement), _(status)
				),
				title=_("Agreement Not Running"),
			)

	def validate_within_term(self):
		start, end = frappe.db.get_value("Coaching Agreement", self.agreement, ["start_date", "end_date"])
		if not within(getdate(self.session_start), getdate(start), getdate(end)):
			frappe.throw(
				_("The session must fall within the agreement's term, {0} to {1}.").format(
					frappe.format(start, {"fieldtype": "Date"}), frappe.format(end, {"fieldtype": "Date"})
				),
				title=_("Outside the Agreement"),
			)

	def update_coach_last_session(self):
		day = getdate(self.session_start)
		last = frappe.db.get_value("Coach", self.coach, "last_session_date")
		if not last or getdate(last) < day:
			frappe.db.set_value("Coach", self.coach, "last_session_date", day, update_modified=False)
