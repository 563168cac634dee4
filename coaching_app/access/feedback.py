"""The one place that reads feedback answers for staff: `summary` gives them in aggregate only and
`coach_rating` a coach's average for matching, both counting people, not answers, against the anonymity
floor (see their notes)."""

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Date, Sum

from coaching_app.access.scope import programs_for_figures, where_in_programs
from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.feedback import anonymity_threshold, summarize


def anonymity_threshold_in_force() -> int:
	return anonymity_threshold(get_settings().feedback_anonymity_threshold)


def _counted_answers():
	"""Submitted answers joined to their round, as every figure counts them: an anonymous answer only when it
	came by the round's closing day, so a released figure never moves. Returns the two tables and the query."""
	feedback = frappe.qb.DocType("Coaching Feedback")
	round_ = frappe.qb.DocType("Coaching Feedback Round")
	in_time = (feedback.is_anonymous == 0) | (Date(feedback.submitted_on) <= round_.closes_on)
	query = (
		frappe.qb.from_(feedback)
		.join(round_)
		.on(round_.name == feedback.round)
		.where((feedback.status == "Submitted") & in_time)
	)
	return feedback, round_, query


def summary(filters: dict | None = None) -> list[dict]:
	"""Feedback in aggregate for the caller's programs: one row per coach, round, answering side and kind
	of answer. `filters` may name a program, a round and a range of opening dates."""
	filters = frappe._dict(filters or {})
	programs = programs_for_figures(filters.program)
	feedback, round_, query = _counted_answers()
	query = (
		query.select(
			feedback.coach,
			feedback.round,
			round_.title.as_("round_title"),
			round_.status.as_("round_status"),
			feedback.respondent_role,
			feedback.is_anonymous,
			Count(feedback.name).as_("responses"),
			Count(feedback.respondent).distinct().as_("people"),
			Sum(feedback.is_anonymous).as_("anonymous"),
			Avg(feedback.overall_rating).as_("overall"),
			Avg(feedback.relationship_rating).as_("relationship"),
			Avg(feedback.progress_rating).as_("progress"),
		)
		.groupby(
			feedback.coach,
			feedback.round,
			round_.title,
			round_.status,
			feedback.respondent_role,
			feedback.is_anonymous,
		)
		.orderby(feedback.coach)
		.orderby(feedback.round)
	)
	query = where_in_programs(query, round_.program, programs)
	if filters.round:
		query = query.where(feedback.round == filters.round)
	if filters.from_date:
		query = query.where(round_.opens_on >= filters.from_date)
	if filters.to_date:
		query = query.where(round_.opens_on <= filters.to_date)
	groups = query.run(as_dict=True)
	threshold = anonymity_threshold_in_force()
	coach_names = dict(
		frappe.get_all(
			"Coach",
			filters={"name": ("in", list({g.coach for g in groups}) or [""])},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	rows = []
	for group in groups:
		shown = summarize(group, threshold, released=group.round_status == "Closed")
		shown["coach_name"] = coach_names.get(group.coach) or group.coach
		shown["round"] = group.round
		shown["round_title"] = group.round_title or group.round
		shown["respondent_role"] = _(group.respondent_role)
		shown["answers"] = _("Anonymous") if group.is_anonymous else _("Named")
		shown["note"] = _(shown["note"]) if shown["note"] else ""
		rows.append(shown)
	return rows


def coach_rating(coaches: list[str], programs: list[str] | None = None) -> dict[str, tuple[float, int, int]]:
	"""Coachees' overall rating of each coach for ranking, as {coach: (average, people, rounds)}, over the
	closed rounds of `programs` (None: every program).

	The same rules as `summary`: a group of answers (one round, one kind, named or anonymous) counts only
	once its round is closed and at least the anonymity threshold of different coachees rated in it, so the
	figure is a union of groups each of which staff may see on its own, and taking one figure from another
	never isolates a smaller group, let alone one answer. Coaches without such a group are left out.
	"""
	if not coaches:
		return {}
	feedback, round_, query = _counted_answers()
	query = (
		query.select(
			feedback.coach,
			feedback.round,
			feedback.is_anonymous,
			feedback.respondent,
			Count(feedback.name).as_("answers"),
			Sum(feedback.overall_rating).as_("total"),
		)
		.where(
			(feedback.respondent_role == "Coachee")
			& (feedback.overall_rating >= 1)
			& (round_.status == "Closed")
			& feedback.coach.isin(coaches)
		)
		.groupby(feedback.coach, feedback.round, feedback.is_anonymous, feedback.respondent)
	)
	query = where_in_programs(query, round_.program, programs)
	groups: dict[tuple, list] = {}
	for row in query.run(as_dict=True):
		groups.setdefault((row.coach, row.round, int(row.is_anonymous or 0)), []).append(row)
	threshold = anonymity_threshold_in_force()
	tally: dict[str, dict] = {}
	for (coach, round_name, _kind), people in groups.items():
		if len(people) < threshold:
			continue
		seen = tally.setdefault(coach, {"answers": 0, "total": 0, "people": set(), "rounds": set()})
		seen["answers"] += sum(int(p.answers) for p in people)
		seen["total"] += sum(int(p.total or 0) for p in people)
		seen["people"].update(p.respondent for p in people)
		seen["rounds"].add(round_name)
	return {
		coach: (round(seen["total"] / seen["answers"], 2), len(seen["people"]), len(seen["rounds"]))
		for coach, seen in tally.items()
	}
