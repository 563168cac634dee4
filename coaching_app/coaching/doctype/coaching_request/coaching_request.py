# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from coaching_app.access.permissions import coach_of_user, is_staff, offered_condition, stored_row_visible
from coaching_app.capacity import current_load, lock_coach, refresh_coach_loads
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.input_checks import TEXT_LIMITS, TableRows, date_value, text_value
from coaching_app.rules.capacity import would_exceed
from coaching_app.training import overdue_coaches
from coaching_app.utils import act_on_stored_record, begin_decision, lock_row, required


class CoachingRequest(TableRows, Document):
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

	def before_insert(self):
		self.refuse_a_second_copy()

	def refuse_a_second_copy(self):
		"""A request posted twice (a double tap, a retry on a slow line) is one request: an open request of the
		same person for the same skill, coach, date and words is the one already saved. The requester's user
		row is locked while this is decided, so two posts at the same moment are decided one after the
		other."""
		requester = self.requester if is_staff(frappe.session.user) else frappe.session.user
		if not requester or not isinstance(requester, str) or requester == "Guest":
			return
		begin_decision()
		if not lock_row("User", requester):
			return
		compared = ("skill", "preferred_coach", "preferred_date", "request_details")
		wanted = {field: self.get(field) or None for field in compared}
		if wanted["preferred_date"]:
			wanted["preferred_date"] = getdate(
				date_value(wanted["preferred_date"], _(self.meta.get_label("preferred_date")))
			)
		open_requests = frappe.get_all(
			self.doctype,
			filters={"requester": requester, "status": "Open"},
			fields=["name", *compared],
			order_by="creation asc",
		)
		existing = next(
			(
				row.name
				for row in open_requests
				if all((row.get(field) or None) == wanted[field] for field in compared)
			),
			None,
		)
		if existing:
			frappe.throw(
				_("This request was already sent: {0} is open.").format(frappe.bold(existing)),
				frappe.DuplicateEntryError,
				title=_("Already Saved"),
			)

	def validate(self):
		self.set_coachee()
		self.validate_preferred_coach()
		self.validate_assignment()

	def set_coachee(self):
		if self.is_new() and not is_staff(frappe.session.user):
			# Anyone books for themselves; only staff book on someone's behalf.
			self.requester = frappe.session.user
			self.coachee = None
		if not self.coachee:
			self.coachee = frappe.db.get_value("Coachee", {"user": self.requester}, "name")

	def validate_preferred_coach(self):
		if not self.preferred_coach or not self.has_value_changed("preferred_coach"):
			return
		in_pool, status, name = frappe.db.get_value(
			"Coach", self.preferred_coach, ["in_coach_pool", "status", "full_name"]
		)
		if not in_pool or status != "Active" or self.preferred_coach in overdue_coaches():
			frappe.throw(
				_("{0} is not taking coach-pool bookings.").format(frappe.bold(name)),
				title=_("Coach Not in Pool"),
			)

	def on_update(self):
		self.keep_coach_loads_true()

	def after_delete(self):
		refresh_coach_loads({self.assigned_coach})

	def keep_coach_loads_true(self):
		"""An accepted booking counts toward its coach's load: whoever changes the status or the assigned
		coach, here or in the desk, the stored loads of the coaches before and after stay true."""
		before = self.get_doc_before_save()
		if before is None or before.status != self.status or before.assigned_coach != self.assigned_coach:
			refresh_coach_loads({self.assigned_coach, before.assigned_coach if before else None})

	def validate_assignment(self):
		if self.status in ("Accepted", "Completed") and not self.assigned_coach:
			frappe.throw(_("An accepted request needs an assigned coach."), title=_("Coach Required"))

	# --- routing: the chosen coach, or every pool coach with the skill ----------------------------------------

	def offered_to(self, coach: str, user: str) -> bool:
		return stored_row_visible(self.doctype, self.name, offered_condition(coach, user))

	def acting_coach(self) -> str:
		coach = coach_of_user(frappe.session.user)
		if not coach or not self.offered_to(coach, frappe.session.user):
			frappe.throw(
				_("This request is not open to you."), frappe.PermissionError, title=_("Not Offered to You")
			)
		return coach

	@frappe.whitelist(methods=["POST"])
	def accept(self, session_start: str | None = None, location: str | None = None):
		"""The coach takes the request and schedules the conversation in one step. Several pool coaches may
		press Accept at the same moment: the request's row and then the coach's row stay locked until the
		request ends and the request is read again under the locks, so the first one takes it and the others
		are told so."""
		act_on_stored_record(self)
		start = date_value(required(session_start, "Session Start"), _("Session Start"), "datetime")
		location = text_value(location, _("Location"), 140)
		coach = coach_of_user(frappe.session.user)
		self.refuse_if_taken(coach)
		self.acting_coach()
		begin_decision()
		lock_row(self.doctype, self.name)
		lock_coach(coach)
		self.reload()
		self.refuse_if_taken(coach)
		coach = self.acting_coach()
		weight = get_settings().pool_booking_weight
		capacity = frappe.db.get_value("Coach", coach, "capacity") or 0
		if would_exceed(capacity, current_load(coach), added=weight):
			frappe.throw(
				_("Taking this booking would put you over your capacity of {0}.").format(capacity),
				title=_("At Capacity"),
			)
		self.assigned_coach = coach
		self.status = "Accepted"
		self.flags.ignore_permissions = True
		self.save()
		session = frappe.get_doc(
			{
				"doctype": "Coaching Session",
				"coaching_request": self.name,
				"session_start": start,
				"location": location,
				"agenda": self.request_details,
			}
		)
		session.flags.ignore_permissions = True
		session.insert()
		self.db_set("session", session.name)
		return session.name

	def refuse_if_taken(self, coach: str) -> None:
		if self.status == "Open":
			return
		if self.status in ("Accepted", "Completed") and self.assigned_coach == coach:
			frappe.throw(_("You have already accepted this request."), title=_("Already Accepted"))
		if self.status in ("Accepted", "Completed"):
			frappe.throw(_("Another coach accepted this request first."), title=_("Already Taken"))
		frappe.throw(
			_("This request is {0}; only an open request can be accepted.").format(_(self.status)),
			title=_("Not Open"),
		)

	@frappe.whitelist(methods=["POST"])
	def decline(self, reason: str | None = None):
		"""A named coach declining hands the request on to every pool coach with the skill."""
		act_on_stored_record(self)
		coach = self.acting_coach()
		if self.preferred_coach != coach:
			frappe.throw(
				_("Only the coach the request names can decline it; other pool coaches simply leave it."),
				title=_("Nothing to Decline"),
			)
		self.preferred_coach = None
		self.decline_reason = text_value(reason, _("Reason"), TEXT_LIMITS["Small Text"])
		self.flags.ignore_permissions = True
		self.save()
		name = frappe.db.get_value("Coach", coach, "full_name")
		if reason:
			self.add_comment("Info", _("Declined by {0}: {1}").format(name, reason))
		else:
			self.add_comment("Info", _("Declined by {0}.").format(name))

	@frappe.whitelist(methods=["POST"])
	def cancel_request(self):
		act_on_stored_record(self)
		if frappe.session.user != self.requester:
			frappe.throw(_("Only the requester can cancel this request."), frappe.PermissionError)
		if self.status not in ("Open", "Accepted"):
			frappe.throw(_("This request is already {0}.").format(_(self.status)))
		self.status = "Cancelled"
		self.flags.ignore_permissions = True
		self.save()
		if self.session:
			frappe.db.set_value("Coaching Session", self.session, "status", "Cancelled")
