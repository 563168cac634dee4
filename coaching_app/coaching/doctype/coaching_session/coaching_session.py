# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from coaching_app.access.permissions import is_staff
from coaching_app.capacity import refresh_coach_loads
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.input_checks import TEXT_LIMITS, TableRows, date_value, text_value
from coaching_app.rules.dates import within
from coaching_app.rules.lifecycle import RUNNING_STATES
from coaching_app.rules.practice import checklist_complete, prompts_for
from coaching_app.rules.text import is_blank
from coaching_app.utils import (
	act_on_stored_record,
	begin_decision,
	lock_row,
	required,
	set_shared_with_staff,
)


class CoachingSession(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.coaching_session_checklist_item.coaching_session_checklist_item import (
			CoachingSessionChecklistItem,
		)
		from coaching_app.coaching.doctype.coaching_session_prompt_answer.coaching_session_prompt_answer import (
			CoachingSessionPromptAnswer,
		)
		from coaching_app.coaching.doctype.coaching_session_resource.coaching_session_resource import (
			CoachingSessionResource,
		)
		from coaching_app.coaching.doctype.coaching_session_review.coaching_session_review import (
			CoachingSessionReview,
		)
		from coaching_app.coaching.doctype.coaching_session_step.coaching_session_step import (
			CoachingSessionStep,
		)

		action_review: DF.Table[CoachingSessionReview]
		agenda: DF.SmallText
		agreement: DF.Link
		checklist_complete: DF.Check
		coach: DF.Link
		coach_name: DF.Data
		coach_user: DF.Link
		coachee: DF.Link
		coachee_name: DF.Data
		coachee_next: DF.SmallText
		coachee_takeaway: DF.SmallText
		coachee_user: DF.Link
		coaching_request: DF.Link
		duration_minutes: DF.Int
		first_meeting_checklist: DF.Table[CoachingSessionChecklistItem]
		first_session: DF.Check
		location: DF.Data
		mode: DF.Literal["In Person", "Video Call", "Phone"]
		naming_series: DF.Literal["SES-.YYYY.-"]
		new_action_steps: DF.Table[CoachingSessionStep]
		obstacles: DF.Text
		program: DF.Link
		prompt_answers: DF.Table[CoachingSessionPromptAnswer]
		realities: DF.Text
		resources_shared: DF.Table[CoachingSessionResource]
		session_end: DF.Datetime
		session_start: DF.Datetime
		shared_notes: DF.TextEditor
		shared_with_staff: DF.Check
		status: DF.Literal["Scheduled", "Completed", "Cancelled", "No Show"]
		wins: DF.Text
	# end: auto-generated types

	def before_insert(self):
		self.refuse_a_second_copy()

	def refuse_a_second_copy(self):
		"""A form posted twice (a double tap, a retry on a slow line) logs one session: a session of the same
		agreement (or pool request) at the same start time is the same session. The agreement's (or request's)
		row is locked while this is decided, so two posts at the same moment are decided one after the
		other."""
		parent = (
			("agreement", "Coaching Agreement", self.agreement)
			if self.agreement
			else ("coaching_request", "Coaching Request", self.coaching_request)
		)
		fieldname, doctype, name = parent
		if not name or not self.session_start or not isinstance(name, str):
			return
		start = date_value(self.session_start, _(self.meta.get_label("session_start")), "datetime")
		begin_decision()
		if not lock_row(doctype, name):
			return
		existing = frappe.db.get_value(
			self.doctype,
			{fieldname: name, "session_start": start, "status": ("!=", "Cancelled")},
			"name",
		)
		if existing:
			frappe.throw(
				_("This session was already saved: {0}. Open it to change it.").format(frappe.bold(existing)),
				frappe.DuplicateEntryError,
				title=_("Already Saved"),
			)

	def validate(self):
		# A web form posts every field it shows, so an untouched select arrives empty: a session logged after
		# it started took place, one ahead is scheduled.
		if not self.status:
			held = self.session_start and get_datetime(self.session_start) <= now_datetime()
			self.status = "Completed" if held else "Scheduled"
		self.set_parties()
		self.validate_logged_by_its_coach()
		self.set_first_session()
		self.set_duration()
		self.set_session_end()
		if self.agreement:
			self.validate_agreement_is_running()
			self.validate_within_term()
			self.add_open_actions_for_review()
		self.add_program_practice()
		self.set_checklist_complete()
		self.validate_review_rows()
		self.validate_new_action_steps()

	def on_update(self):
		self.apply_action_review()
		self.create_new_actions()
		self.remind_growth_plan_if_due()
		if self.status == "Completed":
			self.update_coach_last_session()
		if self.coaching_request and self.has_value_changed("status"):
			close_pool_request(self)

	@frappe.whitelist(methods=["POST"])
	def set_agenda(self, agenda: str | None = None) -> str:
		"""The coachee sets the agenda of an upcoming session ("what would you like to take away from our
		meeting today?"); nothing else of the session is hers to change, and a held session's agenda stays
		as it was."""
		act_on_stored_record(self)
		if frappe.session.user != self.coachee_user:
			frappe.throw(
				_("Only the coachee sets the agenda of their session."),
				frappe.PermissionError,
				title=_("The Coachee's Agenda"),
			)
		if self.status != "Scheduled" or get_datetime(self.session_start) < now_datetime():
			frappe.throw(
				_("The agenda can be set only for a scheduled session that has not started yet."),
				title=_("Session Already Held"),
			)
		agenda = text_value(agenda, _(self.meta.get_label("agenda")), TEXT_LIMITS["Small Text"])
		self.db_set("agenda", (agenda or "").strip())
		return self.agenda

	@frappe.whitelist(methods=["POST"])
	def share_with_staff(self, share: int | str = 1) -> int:
		"""The coachee's choice to let program staff read this record (1) or not (0)."""
		return set_shared_with_staff(self, share)

	def remind_growth_plan_if_due(self):
		"""Once the relationship's second session is on the calendar and no growth plan has been submitted
		under the agreement, coach and coachee are reminded once (the Notification "Growth Plan Due" holds
		the wording and can be switched off)."""
		if not self.agreement or self.status == "Cancelled":
			return
		if frappe.db.get_value("Coaching Agreement", self.agreement, "growth_plan_reminded_on"):
			return
		held_or_planned = frappe.db.count(
			"Coaching Session", {"agreement": self.agreement, "status": ("!=", "Cancelled")}
		)
		if held_or_planned < 2:
			return
		if frappe.db.exists(
			"Growth Plan", {"agreement": self.agreement, "status": ("in", ["Submitted", "Reviewed"])}
		):
			return
		agreement = frappe.get_doc("Coaching Agreement", self.agreement)
		agreement.run_method("on_growth_plan_due")
		agreement.db_set("growth_plan_reminded_on", getdate(), update_modified=False)

	def set_parties(self):
		"""Agreement sessions take their people from the agreement; pool sessions from their request."""
		if self.agreement:
			values = frappe.db.get_value(
				"Coaching Agreement",
				self.agreement,
				["coach", "coachee", "coach_user", "coachee_user", "program"],
				as_dict=True,
			)
			if values:
				self.update(values)
			return
		if not self.coaching_request:
			frappe.throw(_("Choose the agreement this session belongs to."), title=_("Agreement Required"))
		request = frappe.db.get_value(
			"Coaching Request",
			self.coaching_request,
			["assigned_coach", "coachee", "requester"],
			as_dict=True,
		)
		self.coach = request.assigned_coach
		self.coachee = request.coachee
		self.coach_user = frappe.db.get_value("Coach", request.assigned_coach, "user")
		self.coachee_user = request.requester

	# --- program practice ------------------------------------------------------------------------------------

	def add_program_practice(self):
		"""Copy the program's prompts and checklist into a new session, so later edits to the program leave
		this session's questions and answers as they were."""
		if not self.is_new() or not self.program:
			return
		program = frappe.get_cached_doc("Coaching Program", self.program)
		if not self.prompt_answers:
			prompts = [(row.prompt, row.applies_to) for row in program.session_prompts]
			for prompt in prompts_for(prompts, bool(self.first_session)):
				self.append("prompt_answers", {"prompt": prompt})
		if self.first_session and not self.first_meeting_checklist:
			for row in program.first_meeting_checklist:
				self.append("first_meeting_checklist", {"item": row.item})

	def set_checklist_complete(self):
		self.checklist_complete = int(
			bool(self.first_session)
			and checklist_complete([bool(r.done) for r in self.first_meeting_checklist])
		)

	# --- action steps --------------------------------------------------------------------------------------

	def add_open_actions_for_review(self):
		"""A new session starts by reviewing the coachee's open action steps."""
		if not self.is_new() or self.action_review or not self.coachee:
			return
		for action in open_actions_for_review(self.coachee):
			self.append(
				"action_review", {"action": action.name, "description": action.description, "outcome": "Open"}
			)

	def validate_review_rows(self):
		seen = set()
		for row in self.action_review:
			coachee = frappe.db.get_value("Coaching Action", row.action, "coachee")
			if coachee != self.coachee or row.action in seen:
				frappe.throw(
					_("Row {0}: action {1} is not an open step of this coachee, or is listed twice.").format(
						row.idx, frappe.bold(row.action)
					),
					title=_("Wrong Action"),
				)
			seen.add(row.action)

	def validate_new_action_steps(self):
		limit = get_settings().max_actions_per_session
		if len(self.new_action_steps) > limit:
			frappe.throw(
				_("A session ends with at most {0} new action steps; keep the ones that matter most.").format(
					limit
				),
				title=_("Too Many Action Steps"),
			)
		for row in self.new_action_steps:
			self.validate_step_action(row)
			if is_blank(row.description):
				frappe.throw(
					_("Row {0}: describe the action step.").format(row.idx), title=_("Action Step Required")
				)
			if is_blank(row.measure):
				frappe.throw(
					_("Row {0}: say how the action step will be measured.").format(row.idx),
					title=_("Measure Required"),
				)

	def validate_step_action(self, row):
		"""A step row's action is the one this session created from it; a row cannot name another action."""
		if not row.action:
			return
		source = frappe.db.get_value("Coaching Action", row.action, ["source_type", "source_name"])
		if self.is_new() or source != ("Coaching Session", self.name):
			frappe.throw(
				_("Row {0}: action step {1} was not created by this session.").format(
					row.idx, frappe.bold(row.action)
				),
				frappe.PermissionError,
				title=_("Wrong Action"),
			)

	def apply_action_review(self):
		"""Outcomes and notes changed in this save reach the actions; untouched rows leave them alone."""
		before = self.get_doc_before_save()
		previous = {
			r.action: (r.outcome or "Open", r.review_notes or None)
			for r in (before.action_review if before else [])
		}
		for row in self.action_review:
			outcome = row.outcome or "Open"
			if previous.get(row.action, ("Open", None)) == (outcome, row.review_notes or None):
				continue
			action = frappe.get_doc("Coaching Action", row.action)
			action.status = outcome
			if row.review_notes:
				action.review_notes = row.review_notes
			action.flags.ignore_permissions = True
			action.save()

	def create_new_actions(self):
		if self.new_action_steps and not self.coachee:
			frappe.throw(
				_("Action steps belong to a coachee; this pool session has no coachee record."),
				title=_("No Coachee"),
			)
		for row in self.new_action_steps:
			if row.action:
				frappe.db.set_value(
					"Coaching Action",
					row.action,
					{"description": row.description, "measure": row.measure, "due_date": row.due_date},
				)
				continue
			action = frappe.get_doc(
				{
					"doctype": "Coaching Action",
					"coachee": self.coachee,
					"agreement": self.agreement,
					"source_type": "Coaching Session",
					"source_name": self.name,
					"description": row.description,
					"measure": row.measure,
					"due_date": row.due_date,
				}
			)
			action.flags.ignore_permissions = True
			action.insert()
			row.db_set("action", action.name, update_modified=False)

	def validate_logged_by_its_coach(self):
		"""Web forms save with permission checks off; the coach of the relationship, or staff, is required."""
		user = frappe.session.user
		if is_staff(user) or (self.coach_user and self.coach_user == user):
			return
		frappe.throw(
			_("Only the coach of this relationship can record its sessions."),
			frappe.PermissionError,
			title=_("Not Your Coachee"),
		)

	def set_first_session(self):
		if not self.agreement:
			self.first_session = 0
			return
		earlier = frappe.db.exists(
			"Coaching Session",
			{
				"agreement": self.agreement,
				"name": ("!=", self.name),
				"status": ("!=", "Cancelled"),
				"session_start": ("<", self.session_start),
			},
		)
		self.first_session = 0 if earlier or self.continues_a_relationship() else 1

	def continues_a_relationship(self) -> bool:
		"""A renewal with the same coach continues the relationship, whose first meeting is behind it; a
		change of coach starts a new one."""
		agreements = []
		current = self.agreement
		coach = self.coach
		while current and len(agreements) < 50:
			previous = frappe.db.get_value("Coaching Agreement", current, "previous_agreement")
			if not previous or frappe.db.get_value("Coaching Agreement", previous, "coach") != coach:
				break
			agreements.append(previous)
			current = previous
		return bool(
			agreements
			and frappe.db.exists(
				"Coaching Session", {"agreement": ("in", agreements), "status": ("!=", "Cancelled")}
			)
		)

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
				_(
					"Agreement {0} is {1}. Sessions can be scheduled only while it is Active or Renewal Due."
				).format(frappe.bold(self.agreement), _(status)),
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


def open_actions_for_review(coachee: str) -> list:
	return frappe.get_all(
		"Coaching Action",
		filters={"coachee": coachee, "status": "Open"},
		fields=["name", "description", "measure", "due_date"],
		order_by="due_date asc, creation asc",
	)


# Read-only: the desk form calls it with POST, a portal page with GET.
@frappe.whitelist(methods=["GET", "POST"])
def get_open_actions(agreement: str | None = None) -> list:
	"""Open action steps of the agreement's coachee, for a new session form to review."""
	required(agreement, "Agreement")
	doc = frappe.get_doc("Coaching Agreement", agreement)
	doc.check_permission("read")
	# Through the caller's own rules: staff read an agreement but not the coachee's action steps, and a coach
	# who handed the relationship on keeps none of them.
	return frappe.get_list(
		"Coaching Action",
		filters={"coachee": doc.coachee, "status": "Open"},
		fields=["name", "description", "measure", "due_date"],
		order_by="due_date asc, creation asc",
	)


def close_pool_request(session) -> None:
	"""A held pool session completes its request; a cancelled or missed one reopens it to be rescheduled."""
	outcome = {"Completed": "Completed", "Cancelled": "Accepted", "No Show": "Accepted"}.get(session.status)
	if outcome:
		frappe.db.set_value("Coaching Request", session.coaching_request, "status", outcome)
		refresh_coach_loads({session.coach})
