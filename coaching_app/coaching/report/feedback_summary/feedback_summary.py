"""Feedback in aggregate only: per coach and the side that answered, never one person's answer.

A group that holds any anonymous answer shows its averages only once it has at least the settings'
anonymity threshold of responses; below that it says so instead.
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
		{"fieldname": "coach", "label": _("Coach"), "fieldtype": "Link", "options": "Coach", "width": 180},
		{"fieldname": "respondent_role", "label": _("Answered By"), "fieldtype": "Data", "width": 110},
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
			feedback.respondent_role,
			Count(feedback.name).as_("responses"),
			Sum(feedback.is_anonymous).as_("anonymous"),
			Avg(feedback.overall_rating).as_("overall"),
			Avg(feedback.relationship_rating).as_("relationship"),
			Avg(feedback.progress_rating).as_("progress"),
		)
		.where(feedback.status == "Submitted")
		.groupby(feedback.coach, feedback.respondent_role)
		.orderby(feedback.coach)
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
	rows = []
	for group in query.run(as_dict=True):
		shown = summarize(group, threshold)
		shown["respondent_role"] = _(group.respondent_role)
		shown["note"] = _(shown["note"]) if shown["note"] else ""
		rows.append(shown)
	return rows
