# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.input_checks import TableRows
from coaching_app.utils import ensure_role, required, validate_date_order


class Coach(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.coach_program.coach_program import CoachProgram
		from coaching_app.coaching.doctype.coach_skill.coach_skill import CoachSkill

		bio: DF.TextEditor
		capacity: DF.Int
		current_load: DF.Float
		full_name: DF.Data
		grew_from_coachee: DF.Link
		in_coach_pool: DF.Check
		inactive_notified_on: DF.Date
		last_session_date: DF.Date
		passions: DF.SmallText
		programs: DF.TableMultiSelect[CoachProgram]
		show_bio_in_pool: DF.Check
		skills: DF.Table[CoachSkill]
		story: DF.Text
		status: DF.Literal["In Training", "Active", "Inactive", "Alumni"]
		training_completed_on: DF.Date
		training_evidence: DF.Attach
		training_record: DF.Link
		unavailable_from: DF.Date
		unavailable_until: DF.Date
		user: DF.Link
		what_i_bring: DF.SmallText
	# end: auto-generated types

	def validate(self):
		self.validate_user_is_free()
		self.set_default_capacity()
		validate_date_order(self, "unavailable_from", "unavailable_until")
		self.validate_training_gate()
		self.validate_unique_skills()

	def on_update(self):
		ensure_role(self.user, "Coach")

	def validate_user_is_free(self):
		other = frappe.db.get_value("Coach", {"user": self.user, "name": ("!=", self.name)}, "name")
		if other:
			frappe.throw(
				_("{0} already has a coach record: {1}.").format(frappe.bold(self.user), frappe.bold(other)),
				frappe.DuplicateEntryError,
				title=_("Duplicate Coach"),
			)

	def set_default_capacity(self):
		if self.capacity is None or (self.is_new() and not self.capacity):
			self.capacity = get_settings().default_coach_capacity

	def validate_training_gate(self):
		if self.training_completed_on and getdate(self.training_completed_on) > getdate(today()):
			frappe.throw(
				_("Training cannot be completed on a future date."), title=_("Invalid Training Date")
			)
		if self.status == "Active" and not self.training_completed_on:
			frappe.throw(
				_("Record the date training was completed before making {0} an active coach.").format(
					frappe.bold(self.full_name)
				),
				title=_("Training Not Complete"),
			)

	def validate_unique_skills(self):
		seen = set()
		for row in self.skills:
			if row.skill in seen:
				frappe.throw(
					_("Row {0}: skill {1} is listed twice.").format(row.idx, frappe.bold(row.skill)),
					title=_("Duplicate Skill"),
				)
			seen.add(row.skill)


@frappe.whitelist(methods=["GET", "POST"])
def get_lineage(coach: str | None = None) -> dict:
	"""Who coached this coach, whom they coach, and which of their coachees became coaches themselves. Read
	through the caller's own permissions: program staff see the relationships of the programs they run, a
	coach their own, and a coachee is named only to someone who may read that coachee."""
	required(coach, "Coach")
	doc = frappe.get_doc("Coach", coach)
	doc.check_permission("read")
	coached_by = []
	if doc.grew_from_coachee and _readable_coachees([doc.grew_from_coachee]):
		coached_by = frappe.get_list(
			"Coaching Agreement",
			filters={"coachee": doc.grew_from_coachee, "status": ("!=", "Draft")},
			fields=["coach", "coach_name"],
			distinct=True,
			order_by="coach_name asc",
			limit_page_length=0,
		)
	agreements = frappe.get_list(
		"Coaching Agreement",
		filters={"coach": coach, "status": ("!=", "Draft")},
		fields=["coachee", "coachee_name"],
		distinct=True,
		order_by="coachee_name asc",
		limit_page_length=0,
	)
	readable = _readable_coachees([row.coachee for row in agreements])
	coachees = [row for row in agreements if row.coachee in readable]
	now_coaching = frappe.get_all(
		"Coach",
		filters={"grew_from_coachee": ("in", sorted(readable) or [""])},
		fields=["name as coach", "full_name", "status"],
	)
	return {"coached_by": coached_by, "coachees": coachees, "coachees_who_coach": now_coaching}


def _readable_coachees(names: list[str]) -> set[str]:
	if not names:
		return set()
	return set(frappe.get_list("Coachee", filters={"name": ("in", names)}, pluck="name", limit_page_length=0))
