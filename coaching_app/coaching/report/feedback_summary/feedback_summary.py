"""Feedback in aggregate only: per coach, round and the side that answered, never one person's answer. The
figures and the rules that keep anonymous answers anonymous live in `coaching_app.access.feedback.summary`.
"""

import frappe
from frappe import _

from coaching_app.access.feedback import summary


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
		{"fieldname": "people", "label": _("People"), "fieldtype": "Int", "width": 90},
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
	return summary(filters)
