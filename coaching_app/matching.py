"""Gathering the facts the pure ranking in rules/matching.py needs, in a fixed number of queries."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from coaching_app.access.feedback import coach_rating
from coaching_app.access.scope import filters_in_programs, programs_of_staff, where_in_programs
from coaching_app.cadence import running_relationships
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.capacity import free_capacity
from coaching_app.rules.lifecycle import COMPLETED, REASSIGNED, RENEWED, RUNNING_STATES, TERMINATED
from coaching_app.rules.matching import Candidate, Record, cadence_record, rank
from coaching_app.training import overdue_coaches, training_blocks
from coaching_app.utils import required

COMPLETED_OR_RENEWED = (COMPLETED, RENEWED)
ENDED_EARLY = (TERMINATED, REASSIGNED)


def wanted_skills(coachee: str) -> set[str]:
	"""Skills the coachee named as goals, plus any skill named in their latest growth plan's areas to grow."""
	goals = set(
		frappe.get_all(
			"Coachee Goal Skill", filters={"parenttype": "Coachee", "parent": coachee}, pluck="skill"
		)
	)
	areas = frappe.db.get_value(
		"Growth Plan", {"coachee": coachee}, "areas_to_grow", order_by="assessment_date desc, creation desc"
	)
	if areas:
		text = areas.casefold()
		goals |= {
			skill for skill in frappe.get_all("Coaching Skill", pluck="name") if skill.casefold() in text
		}
	return goals


def track_records(coaches: list[str], programs: list[str] | None, today=None) -> dict[str, Record]:
	"""Each coach's track record within `programs` (None: every program), the caller's programs when staff
	rank coaches: a figure never carries what a program the reader does not run holds. Four queries."""
	today = getdate(today)
	records = {coach: Record() for coach in coaches}
	if not coaches:
		return records
	for coach, (average, people, rounds) in coach_rating(coaches, programs).items():
		record = records[coach]
		record.rating, record.rating_people, record.rating_rounds = average, people, rounds
	running = dict(
		frappe.get_all(
			"Coaching Agreement",
			filters=filters_in_programs(
				{"status": ("in", list(RUNNING_STATES)), "coach": ("in", coaches)}, programs
			),
			fields=["name", "coach"],
			as_list=True,
		)
	)
	by_coach: dict[str, list] = {}
	for row in running_relationships(today):
		if row.name in running:
			last = getdate(row.last_session) if row.last_session else None
			by_coach.setdefault(running[row.name], []).append(
				(row.cadence or "Monthly", getdate(row.start_date), last)
			)
	grace = get_settings().cadence_grace_days or 0
	for coach, relationships in by_coach.items():
		records[coach].on_cadence, records[coach].cadence_tracked = cadence_record(
			relationships, today, grace
		)
	agreement = frappe.qb.DocType("Coaching Agreement")
	query = (
		frappe.qb.from_(agreement)
		.select(agreement.coach, agreement.status, Count(agreement.name).as_("agreements"))
		.where(agreement.coach.isin(coaches) & agreement.status.isin([*COMPLETED_OR_RENEWED, *ENDED_EARLY]))
		.groupby(agreement.coach, agreement.status)
	)
	for row in where_in_programs(query, agreement.program, programs).run(as_dict=True):
		if row.status in COMPLETED_OR_RENEWED:
			records[row.coach].completed += int(row.agreements)
		else:
			records[row.coach].ended_early += int(row.agreements)
	return records


def candidates(program: str | None) -> list[Candidate]:
	coaches = frappe.get_all(
		"Coach",
		filters={"status": "Active"},
		fields=[
			"name",
			"full_name",
			"status",
			"capacity",
			"current_load",
			"last_session_date",
			"unavailable_from",
			"unavailable_until",
		],
	)
	names = [c.name for c in coaches] or [""]
	skills: dict[str, dict[str, str]] = {}
	for row in frappe.get_all(
		"Coach Skill",
		filters={"parenttype": "Coach", "parent": ("in", names)},
		fields=["parent", "skill", "level"],
	):
		skills.setdefault(row.parent, {})[row.skill] = row.level
	programs: dict[str, set[str]] = {}
	for row in frappe.get_all(
		"Coach Program",
		filters={"parenttype": "Coach", "parent": ("in", names)},
		fields=["parent", "program"],
	):
		programs.setdefault(row.parent, set()).add(row.program)
	coaches = [
		c
		for c in coaches
		# A coach who lists programs coaches only in those; one who lists none coaches in any.
		if not program or not programs.get(c.name) or program in programs[c.name]
	]
	# Nor is a coachee offered a coach who is past due for the training her program requires.
	untrained = training_blocks([c.name for c in coaches], program)
	coaches = [c for c in coaches if c.name not in untrained]
	records = track_records([c.name for c in coaches], programs_of_staff())
	return [
		Candidate(
			name=c.name,
			full_name=c.full_name,
			status=c.status,
			capacity=c.capacity or 0,
			load=c.current_load or 0,
			skills=skills.get(c.name, {}),
			last_session=getdate(c.last_session_date) if c.last_session_date else None,
			unavailable_from=getdate(c.unavailable_from) if c.unavailable_from else None,
			unavailable_until=getdate(c.unavailable_until) if c.unavailable_until else None,
			record=records[c.name],
		)
		for c in coaches
	]


def pool_coaches(fields: tuple[str, ...] = ()) -> list[frappe._dict]:
	"""Active coach-pool coaches by name (not those past due for a training their program requires), each with its `skills` (sorted) and whether it `has_room` for a
	booking; `fields` adds Coach columns. The pool directory and the request form both read it."""
	untrained = overdue_coaches()
	coaches = [
		coach
		for coach in frappe.get_all(
			"Coach",
			filters={"in_coach_pool": 1, "status": "Active"},
			fields=["name", "full_name", "capacity", "current_load", *fields],
			order_by="full_name asc",
		)
		# A coach past due for the training her program requires takes no new bookings.
		if coach.name not in untrained
	]
	skills: dict[str, list[str]] = {}
	if coaches:
		for row in frappe.get_all(
			"Coach Skill",
			filters={"parenttype": "Coach", "parent": ("in", [c.name for c in coaches])},
			fields=["parent", "skill"],
		):
			skills.setdefault(row.parent, []).append(row.skill)
	for coach in coaches:
		coach.skills = sorted(skills.get(coach.name, []))
		coach.has_room = free_capacity(coach.capacity or 0, coach.current_load or 0) > 0
	return coaches


@frappe.whitelist(methods=["GET", "POST"])
def suggest_coaches(
	coachee: str | None = None, exclude_coach: str | None = None, limit: int = 5
) -> list[dict]:
	"""Coaches ranked for a coachee, with the reasons for each rank; for staff creating or reassigning."""
	required(coachee, "Coachee")
	frappe.has_permission("Coaching Agreement", "create", throw=True)
	frappe.get_doc("Coachee", coachee).check_permission("read")
	program = frappe.db.get_value("Coachee", coachee, "program")
	pool = [c for c in candidates(program) if c.name != exclude_coach]
	ranked = rank(pool, wanted_skills(coachee), getdate(), limit=int(limit), translate=_)
	return [
		{"coach": s.coach, "full_name": s.full_name, "score": s.score, "reasons": s.reasons} for s in ranked
	]
