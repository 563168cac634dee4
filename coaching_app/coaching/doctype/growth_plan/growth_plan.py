# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.access.permissions import is_staff
from coaching_app.input_checks import TableRows
from coaching_app.rules.lifecycle import RUNNING_STATES
from coaching_app.rules.scoring import average, progress_by_characteristic
from coaching_app.utils import required, set_shared_with_staff, validate_agreement_party, validate_rating

SUBMITTED_STATES = ("Submitted", "Reviewed")


class GrowthPlan(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.growth_plan_rating.growth_plan_rating import GrowthPlanRating

		action_plan: DF.Text
		agreement: DF.Link
		areas_to_grow: DF.Text
		assessment_date: DF.Date
		average_coach_rating: DF.Float
		average_self_rating: DF.Float
		coach: DF.Link
		coach_user: DF.Link
		coachee: DF.Link
		coachee_name: DF.Data
		coachee_user: DF.Link
		framework: DF.Link
		naming_series: DF.Literal["GP-.YYYY.-"]
		ratings: DF.Table[GrowthPlanRating]
		shared_with_staff: DF.Check
		status: DF.Literal["Draft", "Submitted", "Reviewed"]
		strengths: DF.Text
	# end: auto-generated types

	def validate(self):
		self.set_coachee_from_user()
		self.validate_editor()
		validate_agreement_party(self)
		self.set_people()
		self.set_framework()
		self.add_framework_characteristics()
		self.validate_characteristics()
		self.validate_ratings()
		self.set_averages()

	@frappe.whitelist(methods=["POST"])
	def share_with_staff(self, share: int | str = 1) -> int:
		"""The coachee's choice to let program staff read this record (1) or not (0)."""
		return set_shared_with_staff(self, share)

	def set_coachee_from_user(self):
		"""A coachee filling in their plan on the web form is its coachee; their latest live agreement is
		its agreement."""
		if self.coachee:
			return
		self.coachee = frappe.db.get_value("Coachee", {"user": frappe.session.user}, "name")
		if self.coachee and not self.agreement:
			self.agreement = frappe.db.get_value(
				"Coaching Agreement",
				{"coachee": self.coachee, "status": ("in", list(RUNNING_STATES))},
				"name",
				order_by="start_date desc",
			)

	def validate_editor(self):
		"""Staff edit anything; the coach adds coach ratings; the coachee may not set their coach's ratings."""
		user = frappe.session.user
		if is_staff(user):
			return
		coachee_user = frappe.db.get_value("Coachee", self.coachee, "user") if self.coachee else None
		coach_user = (
			frappe.db.get_value("Coaching Agreement", self.agreement, "coach_user")
			if self.agreement
			else None
		)
		before = self.get_doc_before_save()
		if user == coach_user:
			if before and self.coachee_part() != before.coachee_part():
				frappe.throw(
					_(
						"The coachee's self ratings and texts are hers to write; add your ratings beside them."
					),
					frappe.PermissionError,
					title=_("The Coachee's Plan"),
				)
			return
		if user != coachee_user:
			frappe.throw(_("This growth plan belongs to someone else."), frappe.PermissionError)
		if before and before.status in SUBMITTED_STATES and self.coachee_part() != before.coachee_part():
			frappe.throw(
				_(
					"This growth plan was submitted, and your coach works from it as it is. Start a new plan to record how things look now."
				),
				title=_("Plan Submitted"),
			)
		previous = {r.characteristic: r.coach_rating for r in (before.ratings if before else [])}
		for row in self.ratings:
			row.coach_rating = previous.get(row.characteristic)
		# Reviewing is the coach's step; the coachee submits.
		if self.status == "Reviewed" and (before.status if before else None) != "Reviewed":
			self.status = before.status if before and before.status != "Draft" else "Submitted"

	def coachee_part(self) -> tuple:
		"""What the coachee wrote: fixed once the plan is submitted."""
		return (
			str(self.assessment_date or ""),
			*(self.get(field) or "" for field in ("strengths", "areas_to_grow", "action_plan")),
			tuple(sorted((row.characteristic, row.self_rating or 0) for row in self.ratings)),
		)

	def set_people(self):
		"""Set here rather than fetched: the web form leaves the coachee to `set_coachee_from_user`, after
		the fetch has run."""
		self.coachee_user = frappe.db.get_value("Coachee", self.coachee, "user")
		self.coachee_name = frappe.db.get_value("Coachee", self.coachee, "full_name")
		if self.agreement:
			self.coach, self.coach_user = frappe.db.get_value(
				"Coaching Agreement", self.agreement, ["coach", "coach_user"]
			)

	def set_framework(self):
		if not self.framework:
			self.framework = framework_of(frappe.db.get_value("Coachee", self.coachee, "program"))
		if not self.framework:
			frappe.throw(
				_("Choose a Growth Framework: the coachee's program does not name one."),
				title=_("Framework Required"),
			)

	def framework_characteristics(self) -> list[str]:
		return frappe.get_doc("Growth Framework", self.framework).ordered_characteristics()

	def add_framework_characteristics(self):
		"""A new plan lists every core characteristic of its framework, ready to rate."""
		if self.ratings:
			return
		for characteristic in self.framework_characteristics():
			self.append("ratings", {"characteristic": characteristic})

	def validate_characteristics(self):
		allowed = set(self.framework_characteristics())
		seen = set()
		for row in self.ratings:
			if row.characteristic not in allowed:
				frappe.throw(
					_("Row {0}: {1} is not a core characteristic of {2}.").format(
						row.idx, frappe.bold(row.characteristic), frappe.bold(self.framework)
					),
					title=_("Unknown Characteristic"),
				)
			if row.characteristic in seen:
				frappe.throw(
					_("Row {0}: {1} is rated twice.").format(row.idx, frappe.bold(row.characteristic)),
					title=_("Duplicate Characteristic"),
				)
			seen.add(row.characteristic)

	def validate_ratings(self):
		for row in self.ratings:
			validate_rating(row.self_rating, "Self Rating", row.idx)
			validate_rating(row.coach_rating, "Coach Rating", row.idx)

	def set_averages(self):
		self.average_self_rating = average([row.self_rating for row in self.ratings])
		self.average_coach_rating = average([row.coach_rating for row in self.ratings])


# Read-only: the desk form calls it with POST, a portal page with GET.
@frappe.whitelist(methods=["GET", "POST"])
def get_growth_progress(coachee: str | None = None) -> dict:
	"""Self and coach ratings per core characteristic across the coachee's plans, oldest first."""
	required(coachee, "Coachee")
	frappe.get_doc("Coachee", coachee).check_permission("read")
	plans = frappe.get_list(
		"Growth Plan",
		filters={"coachee": coachee, "status": ("in", ["Submitted", "Reviewed"])},
		fields=["name", "assessment_date"],
		order_by="assessment_date asc, creation asc",
	)
	if not plans:
		return progress_by_characteristic([])
	rows = frappe.get_all(
		"Growth Plan Rating",
		filters={"parenttype": "Growth Plan", "parent": ("in", [p.name for p in plans])},
		fields=["parent", "characteristic", "self_rating", "coach_rating"],
		order_by="idx asc",
	)
	by_plan: dict[str, dict] = {p.name: {} for p in plans}
	for row in rows:
		by_plan[row.parent][row.characteristic] = (row.self_rating, row.coach_rating)
	return progress_by_characteristic([(str(p.assessment_date), by_plan[p.name]) for p in plans])


@frappe.whitelist(methods=["GET", "POST"])
def characteristics_for_new_plan() -> list[str]:
	"""The signed-in coachee's core characteristics, so a new plan on the web form lists them before its first
	save. Empty for anyone without a coachee record or whose program names no framework."""
	coachee = frappe.db.get_value("Coachee", {"user": frappe.session.user}, "name")
	if not coachee:
		return []
	doc = frappe.get_doc("Coachee", coachee)
	doc.check_permission("read")
	framework = framework_of(doc.program)
	return frappe.get_doc("Growth Framework", framework).ordered_characteristics() if framework else []


def framework_of(program: str | None) -> str | None:
	"""The growth framework a program rates its coachees on."""
	return frappe.db.get_value("Coaching Program", program, "growth_framework") if program else None
