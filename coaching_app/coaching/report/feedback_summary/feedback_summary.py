"""Feedback in aggregate only: per coach, round and the side that answered, never one person's answer.

Anonymous answers are summed up apart from named ones and only within one round: a group mixing named
answers (which staff can read one by one) with anonymous ones, or a total over several rounds set against a
total over fewer, would let one anonymous answer be worked out by subtraction. An anonymous group shows its
averages only once it holds at least the settings' anonymity threshold of answers.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Sum

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.feedback import summarize


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns():
	return [
		{"fieldname": "coach_name", "label": _("Coach"), "fieldtype": "Data", "width": 180},
		{"fieldname": "round_title", "label": _("Round"), "fieldtype": "Data", "width": 200},
		{"fieldname": "respondent_role", "label": _("Answered By"), "fieldtype": "Data", "width": 110},
		{"fieldname": "answers", "label": _("Answers"), "fieldtype": "Data", "width": 100},
		{"fieldname": "responses", "label": _("Responses"), "fieldtype": "Int", "width": 100},
		{"fieldname": "overall", "label": _("Overall"), "fieldtype": "Float", "precision": 2, "width": 90},
		{
			"fieldname": "relationship",
			"label": _("Trust and Rapport"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 130,
		},
		{
			"fieldname": "progress",
			"label": _("Progress Made"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{"fieldname": "note", "label": _("Note"), "fieldtype": "Data", "width": 180},
	]


def data(filters):
	feedback = frappe.qb.DocType("Coaching Feedback")
	round_ = frappe.qb.DocType("Coaching Feedback Round")
	query = (
		frappe.qb.from_(feedback)
		.join(round_)
		.on(round_.name == feedback.round)
		.select(
			feedback.coach,
			feedback.round,
			round_.title.as_("round_title"),
			feedback.respondent_role,
			feedback.is_anonymous,
			Count(feedback.name).as_("responses"),
			Sum(feedback.is_anonymous).as_("anonymous"),
			Avg(feedback.overall_rating).as_("overall"),
			Avg(feedback.relationship_rating).as_("relationship"),
			Avg(feedback.progress_rating).as_("progress"),
		)
		.where(feedback.status == "Submitted")
		.groupby(
			feedback.coach, feedback.round, round_.title, feedback.respondent_role, feedback.is_anonymous
		)
		.orderby(feedback.coach)
		.orderby(feedback.round)
	)
	if filters.program:
		query = query.where(round_.program == filters.program)
	if filters.round:
		query = query.where(feedback.round == filters.round)
	if filters.from_date:
		query = query.where(round_.opens_on >= filters.from_date)
	if filters.to_date:
		query = query.where(round_.opens_on <= filters.to_date)
	threshold = get_settings().feedback_anonymity_threshold
	groups = query.run(as_dict=True)
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
		shown = summarize(group, threshold)
		shown["coach_name"] = coach_names.get(group.coach) or group.coach
		shown["round"] = group.round
		shown["round_title"] = group.round_title or group.round
		shown["respondent_role"] = _(group.respondent_role)
		shown["answers"] = _("Anonymous") if group.is_anonymous else _("Named")
		shown["note"] = _(shown["note"]) if shown["note"] else ""
		rows.append(shown)
	return rows
