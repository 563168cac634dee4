# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from coaching_app.access.permissions import is_staff
from coaching_app.feedback import refuse_answers_to_closed_rounds
from coaching_app.utils import validate_rating

RATING_FIELDS = ("overall_rating", "relationship_rating", "progress_rating")


class CoachingFeedback(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		about: DF.Data
		agreement: DF.Link
		coach: DF.Link
		coachee: DF.Link
		comments: DF.Text
		is_anonymous: DF.Check
		naming_series: DF.Literal["FB-.YYYY.-"]
		overall_rating: DF.Int
		progress_rating: DF.Int
		relationship_rating: DF.Int
		reminder_sent_on: DF.Date
		respondent: DF.Link
		respondent_role: DF.Literal["Coach", "Coachee"]
		round: DF.Link
		round_title: DF.Data
		status: DF.Literal["Requested", "Submitted"]
		submitted_on: DF.Datetime
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_editor()
		refuse_answers_to_closed_rounds(self)
		self.validate_respondent()
		self.validate_unique_request()
		self.validate_ratings()
		self.set_submitted_on()
		self.set_title()

	def set_title(self):
		"""The round and the person the answers are about, by name: what the respondent and staff read in
		lists and on the form instead of IDs."""
		if self.round:
			self.round_title = frappe.db.get_value("Coaching Feedback Round", self.round, "title")
		if self.agreement and not (self.coach and self.coachee):
			self.coach, self.coachee = frappe.db.get_value(
				"Coaching Agreement", self.agreement, ["coach", "coachee"]
			)
		party = self.coachee if self.respondent_role == "Coach" else self.coach
		doctype = "Coachee" if self.respondent_role == "Coach" else "Coach"
		self.about = frappe.db.get_value(doctype, party, "full_name") if party else None
		self.title = (
			_("{0}: about {1}").format(self.round_title, self.about)
			if self.round_title and self.about
			else self.round_title or self.name
		)

	def validate_editor(self):
		"""A feedback request is answered by its respondent; answering it submits it."""
		user = frappe.session.user
		if user == self.respondent:
			if any(self.get(field) for field in RATING_FIELDS):
				self.status = "Submitted"
			return
		if not is_staff(user):
			frappe.throw(_("This feedback request is addressed to someone else."), frappe.PermissionError)

	def validate_respondent(self):
		coach, coachee = frappe.db.get_value("Coaching Agreement", self.agreement, ["coach", "coachee"])
		party = coach if self.respondent_role == "Coach" else coachee
		expected = frappe.db.get_value(self.respondent_role, party, "user")
		if self.respondent != expected:
			frappe.throw(
				_("The respondent must be the agreement's coach.")
				if self.respondent_role == "Coach"
				else _("The respondent must be the agreement's coachee."),
				title=_("Wrong Respondent"),
			)

	def validate_unique_request(self):
		other = frappe.db.get_value(
			"Coaching Feedback",
			{
				"round": self.round,
				"agreement": self.agreement,
				"respondent_role": self.respondent_role,
				"name": ("!=", self.name),
			},
		)
		if other:
			frappe.throw(
				(
					_("The coach of this agreement already has feedback {0} in this round.")
					if self.respondent_role == "Coach"
					else _("The coachee of this agreement already has feedback {0} in this round.")
				).format(frappe.bold(other)),
				frappe.DuplicateEntryError,
				title=_("Duplicate Feedback"),
			)

	def validate_ratings(self):
		for field in RATING_FIELDS:
			validate_rating(self.get(field), self.meta.get_label(field))

	def set_submitted_on(self):
		if self.status == "Submitted" and not self.submitted_on:
			self.submitted_on = now_datetime()
