"""Program scope for every staff figure: which programs a staff member's reports, number cards, charts and
notices cover.

The rule itself is `permissions.managed_programs` (a program that names managers is run by them, one that
names none by every Coaching Manager, System Managers run every program); lists and forms apply it through
the permission hooks. Figures read with `frappe.qb` or `get_all` to count past the content rule, so they
take their programs from here and filter by them themselves.
"""

import frappe
from frappe import _
from pypika.terms import ExistsCriterion

from coaching_app.access.permissions import is_staff, managed_programs
from coaching_app.rules.lifecycle import MANAGER

# A list that matches no program: `isin([])` is not valid SQL.
NOTHING = [""]


def programs_of_staff(user: str | None = None) -> list[str] | None:
	"""The programs `user` runs as staff: None for every program (System Managers and Administrator), a list
	(maybe empty) otherwise. Someone who is not staff runs none."""
	user = user or frappe.session.user
	if not is_staff(user):
		return []
	return managed_programs(user)


def programs_for_figures(program: str | None = None, user: str | None = None) -> list[str] | None:
	"""The programs a figure may cover: the caller's programs, narrowed to `program` when the figure is
	filtered by one. A program the caller does not run is refused with a message, never answered."""
	programs = programs_of_staff(user)
	if not program:
		return programs
	if programs is not None and program not in programs:
		frappe.throw(
			_("You do not run program {0}, so its figures are not shown to you.").format(
				frappe.bold(program)
			),
			frappe.PermissionError,
			title=_("Not Your Program"),
		)
	return [program]


def in_programs(column, programs: list[str] | None):
	"""A `frappe.qb` condition keeping rows of `programs` (None: every program)."""
	if programs is None:
		return None
	return column.isin(programs or NOTHING)


def where_in_programs(query, column, programs: list[str] | None):
	condition = in_programs(column, programs)
	return query if condition is None else query.where(condition)


def filters_in_programs(filters: dict, programs: list[str] | None, field: str = "program") -> dict:
	"""`get_all` filters narrowed to `programs`."""
	if programs is not None:
		filters[field] = ("in", programs or NOTHING)
	return filters


def coaches_in_programs(programs: list[str] | None) -> list[str] | None:
	"""Coaches who list one of `programs` or hold an agreement in one (None: every coach). Coaches are shared
	between programs; a figure about a coach counts only what belongs to the programs asked for."""
	if programs is None:
		return None
	if not programs:
		return []
	coach = frappe.qb.DocType("Coach")
	return (
		frappe.qb.from_(coach)
		.select(coach.name)
		.where(coach_in_programs(coach, programs))
		.orderby(coach.name)
		.run(pluck=True)
	)


def coach_in_programs(coach, programs: list[str]):
	"""The condition "the Coach row `coach` lists one of `programs` or holds an agreement in one", asked of each
	coach by index rather than by reading every agreement of the programs (a program of 100,000 agreements has
	a few thousand coaches)."""
	listed = frappe.qb.DocType("Coach Program")
	agreement = frappe.qb.DocType("Coaching Agreement")
	return ExistsCriterion(
		frappe.qb.from_(listed)
		.select(listed.name)
		.where((listed.parent == coach.name) & (listed.parenttype == "Coach") & listed.program.isin(programs))
	) | ExistsCriterion(
		frappe.qb.from_(agreement)
		.select(agreement.name)
		.where((agreement.coach == coach.name) & agreement.program.isin(programs))
	)


def program_managers(program: str | None) -> list[str]:
	"""Who hears a staff notice about a record of `program`: the users its Managers table names, or every
	Coaching Manager when it names none. A record of no program (a coach who lists none and coaches nobody)
	belongs to every program alike, so every Coaching Manager hears of it. Only enabled users are told."""
	named = []
	if program:
		named = frappe.get_all(
			"Coaching Program Manager",
			filters={"parenttype": "Coaching Program", "parent": program},
			pluck="user",
		)
	if not named:
		has_role = frappe.qb.DocType("Has Role")
		named = (
			frappe.qb.from_(has_role)
			.select(has_role.parent)
			.distinct()
			.where((has_role.role == MANAGER) & (has_role.parenttype == "User"))
		).run(pluck=True)
	if not named:
		return []
	return sorted(frappe.get_all("User", filters={"name": ("in", named), "enabled": 1}, pluck="name"))
