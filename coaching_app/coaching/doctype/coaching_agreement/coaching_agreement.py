# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_transitions
from frappe.utils import add_days, getdate, now_datetime, strip_html, today

from coaching_app.access.permissions import is_staff
from coaching_app.capacity import current_load, lock_coach, refresh_coach_loads
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.evaluation import line_manager_user
from coaching_app.input_checks import TableRows
from coaching_app.rules import lifecycle
from coaching_app.rules.capacity import would_exceed
from coaching_app.rules.dates import next_term_start, term_end_date
from coaching_app.utils import act_on_stored_record, begin_decision, lock_row, validate_date_order

CONSENT_FIELDS = ("coach_consented_on", "coachee_consented_on")
# What both people consent to.
TERMS = ("partnership_expectations", "start_date", "end_date", "cadence")


class CoachingAgreement(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cadence: DF.Literal["", "Weekly", "Every Other Week", "Monthly"]
		cadence_notified_on: DF.Date
		capacity_override: DF.Check
		capacity_override_reason: DF.SmallText
		coach: DF.Link
		coach_consented_on: DF.Datetime
		coach_name: DF.Data
		coach_user: DF.Link
		coachee: DF.Link
		coachee_consented_on: DF.Datetime
		coachee_name: DF.Data
		coachee_user: DF.Link
		end_date: DF.Date
		end_reason: DF.SmallText
		evaluator_override: DF.Check
		evaluator_override_reason: DF.SmallText
		growth_plan_reminded_on: DF.Date
		ended_on: DF.Date
		live_key: DF.Data
		meeting_mode: DF.Literal["In Person", "Video Call", "Phone"]
		naming_series: DF.Literal["CA-.YYYY.-"]
		new_coach: DF.Link
		next_agreement: DF.Link
		notes: DF.Text
		partnership_expectations: DF.TextEditor
		previous_agreement: DF.Link
		program: DF.Link
		renewal_notified_on: DF.Date
		start_date: DF.Date
		status: DF.Literal[
			"Draft",
			"Awaiting Consent",
			"Active",
			"Renewal Due",
			"Renewed",
			"Completed",
			"Reassigned",
			"Terminated",
		]
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		self.set_cadence()
		self.set_end_date()
		validate_date_order(self, "start_date", "end_date")
		self.validate_parties()
		self.validate_coach_is_not_the_evaluator()
		self.validate_consent_is_personal()
		self.validate_transition()
		self.validate_terms_are_fixed()
		self.validate_activation()
		self.set_live_key()
		self.validate_one_live_agreement()
		self.set_title()

	def on_update(self):
		if self.flags.evaluator_override_to_record:
			self.add_comment(
				"Info",
				_("Coaching by the line manager allowed. Reason: {0}").format(self.evaluator_override_reason),
			)
		if self.has_value_changed("status"):
			self.on_status_change()
		refresh_relationship_summaries(self)

	def on_trash(self):
		if self.status != lifecycle.DRAFT:
			frappe.throw(
				_("Only draft agreements can be deleted; end this one through its workflow instead."),
				title=_("Agreement Has History"),
			)

	# --- defaults ----------------------------------------------------------------------------------------

	def program_terms(self) -> tuple[int, str]:
		settings = get_settings()
		months, cadence = frappe.db.get_value(
			"Coaching Program", self.program, ["commitment_months", "cadence"]
		) or (None, None)
		return months or settings.default_commitment_months, cadence or settings.default_cadence

	def set_cadence(self):
		if not self.cadence and self.program:
			self.cadence = self.program_terms()[1]

	def set_end_date(self):
		if self.start_date and not self.end_date:
			self.end_date = term_end_date(getdate(self.start_date), self.program_terms()[0])

	def set_title(self):
		self.title = _("{0} with {1}").format(
			self.coachee_name or self.coachee, self.coach_name or self.coach
		)

	def set_live_key(self):
		self.live_key = lifecycle.live_key(self.coachee, self.program, self.status)

	# --- validation ----------------------------------------------------------------------------------------

	def validate_parties(self):
		coach_user = frappe.db.get_value("Coach", self.coach, "user")
		coachee_user, coachee_program = frappe.db.get_value("Coachee", self.coachee, ["user", "program"])
		if coach_user == coachee_user:
			frappe.throw(_("A coach cannot coach themselves."), title=_("Same Person"))
		if coachee_program != self.program:
			frappe.throw(
				_("{0} is enrolled in program {1}, not {2}.").format(
					frappe.bold(self.coachee_name or self.coachee),
					frappe.bold(coachee_program),
					frappe.bold(self.program),
				),
				title=_("Wrong Program"),
			)

	def validate_coach_is_not_the_evaluator(self):
		"""Where the site keeps an Employee record, a coachee's direct line manager does not coach them, unless
		staff record why; sites without HR records skip the check."""
		coach_user = frappe.db.get_value("Coach", self.coach, "user")
		coachee_user = frappe.db.get_value("Coachee", self.coachee, "user")
		if not coach_user or line_manager_user(coachee_user) != coach_user:
			return
		if self.evaluator_override and (self.evaluator_override_reason or "").strip():
			if (
				self.is_new()
				or self.has_value_changed("evaluator_override")
				or self.has_value_changed("coach")
			):
				if not is_staff():
					frappe.throw(
						_("Only coaching staff can let a line manager coach."),
						frappe.PermissionError,
						title=_("Line Manager"),
					)
				self.flags.evaluator_override_to_record = True
			return
		frappe.throw(
			_(
				"{0} is {1}'s line manager. Coaching is kept apart from performance evaluation, so choose another"
				" coach, or staff may tick Allow Coaching by the Line Manager and give the reason."
			).format(
				frappe.bold(self.coach_name or self.coach), frappe.bold(self.coachee_name or self.coachee)
			),
			title=_("Coach Is the Line Manager"),
		)

	def validate_consent_is_personal(self):
		"""Consent is recorded only by `record_consent`, by the party themselves."""
		if self.flags.recording_consent:
			return
		before = self.get_doc_before_save()
		for field in CONSENT_FIELDS:
			old = before.get(field) if before else None
			if str(self.get(field) or "") != str(old or ""):
				if self.status == lifecycle.DRAFT and not self.get(field):
					continue
				frappe.throw(
					_("Coach and coachee record their own consent; it cannot be set for them."),
					frappe.PermissionError,
					title=_("Consent Is Personal"),
				)

	def previous_status(self) -> str | None:
		before = self.get_doc_before_save()
		return before.status if before else None

	def validate_transition(self):
		previous = self.previous_status()
		if previous == self.status:
			return
		if self.status in lifecycle.REASON_REQUIRED and not (self.end_reason or "").strip():
			frappe.throw(
				_("Write the reason in End Reason before moving the agreement to {0}.").format(
					_(self.status)
				),
				title=_("Reason Required"),
			)
		if self.status == lifecycle.REASSIGNED:
			self.validate_new_coach()
		if self.status == lifecycle.COMPLETED and getdate(self.end_date) > getdate(today()):
			frappe.throw(
				_("This agreement runs until {0}. To end it early, Terminate it with a reason.").format(
					frappe.format(self.end_date, {"fieldtype": "Date"})
				),
				title=_("Term Not Over"),
			)
		if (
			self.status == lifecycle.AWAITING_CONSENT
			and not strip_html(self.partnership_expectations or "").strip()
		):
			frappe.throw(
				_(
					"Write the partnership expectations before sending the agreement for consent: they are what both people agree to."
				),
				title=_("Expectations Missing"),
			)
		if self.status == lifecycle.DRAFT and previous == lifecycle.AWAITING_CONSENT:
			# Withdrawn for changes: whatever is sent again needs fresh consent.
			self.coach_consented_on = self.coachee_consented_on = None
		if self.status in lifecycle.ENDED_STATES:
			self.ended_on = min(getdate(today()), getdate(self.end_date))

	def validate_terms_are_fixed(self):
		"""What the two people consent to stays as they read it: once sent for consent, the terms change only
		by withdrawing the agreement to Draft (which asks both for consent again)."""
		before = self.get_doc_before_save()
		if not before or before.status == lifecycle.DRAFT or self.status == lifecycle.DRAFT:
			return
		for field in TERMS:
			old, new = before.get(field), self.get(field)
			if field in ("start_date", "end_date"):
				old, new = (getdate(old) if old else None), (getdate(new) if new else None)
			if (old or None) != (new or None):
				frappe.throw(
					_(
						"{0} cannot change once the agreement has been sent for consent. Withdraw it to Draft to change its terms; both will be asked to consent again."
					).format(_(self.meta.get_label(field))),
					title=_("Terms Agreed"),
				)

	def validate_new_coach(self):
		if not self.new_coach:
			frappe.throw(_("Choose the New Coach before reassigning."), title=_("New Coach Required"))
		if self.new_coach == self.coach:
			frappe.throw(
				_("The New Coach must be someone other than the current coach."), title=_("Same Coach")
			)
		validate_coach_can_take_agreements(self.new_coach)

	def validate_activation(self):
		if self.status != lifecycle.ACTIVE or self.previous_status() == lifecycle.ACTIVE:
			return
		if not (self.coach_consented_on and self.coachee_consented_on):
			frappe.throw(
				_("Both the coach and the coachee must consent before the agreement becomes active."),
				title=_("Consent Missing"),
			)
		validate_coach_can_take_agreements(self.coach)
		self.validate_capacity()

	def validate_capacity(self):
		"""A coach at capacity takes a further relationship only with staff's recorded override; staff alone
		can write the override (the parties have no write permission on agreements), so it holds whoever's
		consent completes the activation."""
		capacity, load = self.capacity_and_load()
		if not would_exceed(capacity, load):
			return
		if self.has_capacity_override():
			self.add_comment(
				"Info",
				_("Capacity override: {0} coaches beyond capacity {1}. Reason: {2}").format(
					self.coach_name, capacity, self.capacity_override_reason
				),
			)
			return
		frappe.throw(
			_(
				"{0} already carries a load of {1} against a capacity of {2}. A Coaching Manager can tick "
				"Override Coach Capacity, give a reason and activate it."
			).format(frappe.bold(self.coach_name or self.coach), load, capacity),
			title=_("Coach at Capacity"),
		)

	def capacity_and_load(self) -> tuple[float, float]:
		capacity = frappe.db.get_value("Coach", self.coach, "capacity") or 0
		return capacity, current_load(self.coach, exclude_agreement=self.name)

	def has_capacity_override(self) -> bool:
		return bool(self.capacity_override and (self.capacity_override_reason or "").strip())

	def validate_one_live_agreement(self):
		if not self.live_key:
			return
		other = frappe.db.get_value(
			"Coaching Agreement", {"live_key": self.live_key, "name": ("!=", self.name)}, "name"
		)
		if other:
			frappe.throw(
				_("{0} already has a live agreement in {1}: {2}.").format(
					frappe.bold(self.coachee_name or self.coachee),
					frappe.bold(self.program),
					frappe.bold(other),
				),
				frappe.DuplicateEntryError,
				title=_("Live Agreement Exists"),
			)

	# --- consent -------------------------------------------------------------------------------------------

	@frappe.whitelist(methods=["POST"])
	def record_consent(self):
		"""The coach or the coachee accepts the agreement; the second acceptance activates it.

		Both may press at the same moment, and another agreement may be taking the coach's last free place:
		the agreement's row and then its coach's row stay locked until the request ends, the agreement is read
		again under the locks, and the consent is written to its own field alone. So the second of two
		presses sees the first one's consent and activates, and capacity is counted with every other
		activation of this coach already in."""
		act_on_stored_record(self)
		party_field = self.consent_field_for(frappe.session.user)
		begin_decision()
		lock_coach(lock_row(self.doctype, self.name, ("coach",)).coach)
		self.reload()
		if self.status != lifecycle.AWAITING_CONSENT:
			frappe.throw(
				_("This agreement is {0}; consent is given while it awaits consent.").format(_(self.status)),
				title=_("Not Awaiting Consent"),
			)
		if not self.get(party_field):
			self.write_consent(party_field)
		if self.coach_consented_on and self.coachee_consented_on:
			self.activate_after_consent()
		return self.status

	def write_consent(self, party_field: str) -> None:
		"""Only the party's own consent field (and the modified stamp) is written, and the change is kept in
		the agreement's history as a save would keep it."""
		consented_on = now_datetime()
		frappe.db.set_value(self.doctype, self.name, party_field, consented_on)
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": self.doctype,
				"docname": self.name,
				"data": frappe.as_json(
					{"changed": [[party_field, None, str(consented_on)]], "added": [], "removed": []}
				),
			}
		).insert(ignore_permissions=True)
		self.reload()

	def consent_field_for(self, user: str) -> str:
		if frappe.db.get_value("Coach", self.coach, "user") == user:
			return "coach_consented_on"
		if frappe.db.get_value("Coachee", self.coachee, "user") == user:
			return "coachee_consented_on"
		frappe.throw(
			_("Only the coach and the coachee of this agreement can consent to it."),
			frappe.PermissionError,
			title=_("Not a Party"),
		)

	def activate_after_consent(self):
		# The workflow's Activate transition is open to either party once both have consented; it is
		# checked here and again by the workflow validation on save.
		if not any(t.action == "Activate" for t in get_transitions(self)):
			return
		if would_exceed(*self.capacity_and_load()) and not self.has_capacity_override():
			# Both consents stay recorded; staff make room or record an override, then activate.
			frappe.msgprint(
				_(
					"Both of you have consented. {0} is at capacity, so program staff will activate the agreement once they have made room or recorded an override."
				).format(self.coach_name),
				title=_("Consent Recorded"),
			)
			return
		self.status = lifecycle.ACTIVE
		self.flags.ignore_permissions = True
		self.save()
		self.add_comment("Workflow", _(lifecycle.ACTIVE))

	# --- lifecycle effects ---------------------------------------------------------------------------------

	def on_status_change(self):
		if self.status == lifecycle.RENEWED:
			self.start_successor(self.coach, next_term_start(getdate(self.end_date)))
		elif self.status == lifecycle.REASSIGNED:
			self.start_successor(self.new_coach, self.successor_start_for_reassignment())

	def successor_start_for_reassignment(self):
		# The new coach takes over today; the old agreement ended today (see validate_transition).
		return max(getdate(today()), getdate(self.start_date))

	def start_successor(self, coach: str, start_date):
		successor = frappe.get_doc(
			{
				"doctype": "Coaching Agreement",
				"program": self.program,
				"coachee": self.coachee,
				"coach": coach,
				"start_date": start_date,
				"cadence": self.cadence,
				"meeting_mode": self.meeting_mode,
				"partnership_expectations": self.partnership_expectations,
				"previous_agreement": self.name,
			}
		)
		successor.insert()
		successor.status = lifecycle.AWAITING_CONSENT
		successor.save()
		successor.add_comment("Workflow", _(lifecycle.AWAITING_CONSENT))
		self.db_set("next_agreement", successor.name)
		carry_forward(self.name, successor.name, coach)
		return successor


def validate_coach_can_take_agreements(coach: str) -> None:
	status, full_name = frappe.db.get_value("Coach", coach, ["status", "full_name"])
	if status != "Active":
		frappe.throw(
			_("{0} is {1}; only an active coach who has completed training can take an agreement.").format(
				frappe.bold(full_name), _(status)
			),
			title=_("Coach Not Active"),
		)


def carry_forward(old_agreement: str, new_agreement: str, coach: str) -> None:
	"""Open actions and the latest growth plan follow the relationship into its next agreement, and to its
	coach: the coach's user goes with them, so reminders and notices reach the new coach, never the old one."""
	coach_user = frappe.db.get_value("Coach", coach, "user")
	action = frappe.qb.DocType("Coaching Action")
	(
		frappe.qb.update(action)
		.set(action.agreement, new_agreement)
		.set(action.coach, coach)
		.set(action.coach_user, coach_user)
		.where((action.agreement == old_agreement) & (action.status == "Open"))
	).run()
	latest_plan = frappe.db.get_value(
		"Growth Plan", {"agreement": old_agreement}, "name", order_by="assessment_date desc, creation desc"
	)
	if latest_plan:
		frappe.db.set_value(
			"Growth Plan", latest_plan, {"agreement": new_agreement, "coach": coach, "coach_user": coach_user}
		)


def refresh_relationship_summaries(agreement) -> None:
	"""Keep the read-only summaries on Coach and Coachee in step with the coachee's agreements."""
	coachee = agreement.coachee
	current = frappe.db.get_value(
		"Coaching Agreement",
		{"coachee": coachee, "status": ("in", list(lifecycle.LIVE_STATES))},
		["name", "coach"],
		order_by="start_date desc",
		as_dict=True,
	)
	frappe.db.set_value(
		"Coachee",
		coachee,
		{
			"current_agreement": current.name if current else None,
			"current_coach": current.coach if current else None,
		},
		update_modified=False,
	)
	refresh_coach_loads({agreement.coach, agreement.get("new_coach")})
