"""Dashboard Charts and Number Cards on coaching tables.

A chart or card that anyone builds counts rows with the filters its maker chose: Frappe reads a heatmap with
`frappe.get_all`, past every permission hook, so a heatmap of Coaching Feedback filtered on one respondent
shows that person's anonymous rating, and a chart on Coaching Note with a `like` filter confirms a private
note's wording one guess at a time. Figures about coaching come from the app's own reports, cards and chart,
which count by the program scope (`coaching_app.access.scope`) and the anonymity rules (`coaching_app.access.feedback`).

So no one, System Managers included, creates or saves a Dashboard Chart or Number Card on the app's tables
other than the ones the app ships. Frappe's shared tables that also hold rows about coaching records
(Version, Comment, ToDo, File, Communication, Deleted Document) keep their charts and cards, which Frappe
counts with `frappe.get_list` and so through the permission hooks; only a heatmap on them, read past the
hooks, is refused.
"""

import json
import os

import frappe
from frappe import _

from coaching_app.rules.access import DELETED_COPY, GUARDED_DOCTYPES, REFERENCE_COLUMNS

MODULE = "Coaching"
SHARED_TABLES = frozenset({*REFERENCE_COLUMNS, DELETED_COPY[0]})
APP_TABLES = frozenset(GUARDED_DOCTYPES - SHARED_TABLES)

# The fields that decide what a chart or card counts: a shipped one must still count what its file says.
COUNTING_FIELDS = {
	"Dashboard Chart": (
		"document_type",
		"parent_document_type",
		"chart_type",
		"type",
		"based_on",
		"value_based_on",
		"group_by_type",
		"group_by_based_on",
		"aggregate_function_based_on",
		"filters_json",
		"dynamic_filters_json",
		"source",
		"report_name",
	),
	"Number Card": (
		"document_type",
		"parent_document_type",
		"type",
		"function",
		"aggregate_function_based_on",
		"filters_json",
		"dynamic_filters_json",
		"method",
		"report_name",
	),
}


def refuse_charts_on_coaching_tables(doc, method: str | None = None) -> None:
	"""validate hook of Dashboard Chart and Number Card."""
	if reason := refusal(doc):
		frappe.throw(reason, frappe.PermissionError, title=_("Not Allowed"))


def refuse_stored_chart(chart_name: str | None) -> None:
	"""A saved chart that breaks the rule (saved before it existed) is not computed either: for the request
	guard's check of `frappe.desk.doctype.dashboard_chart.dashboard_chart.get`, for every user."""
	if chart_name and frappe.db.exists("Dashboard Chart", chart_name):
		refuse_charts_on_coaching_tables(frappe.get_doc("Dashboard Chart", chart_name))


def refusal(doc) -> str | None:
	"""Why a chart or card may not count, or None. Serves saving and computing alike."""
	if _reads_a_report_or_method(doc):
		return None
	tables = {doc.get("document_type"), doc.get("parent_document_type")} - {None, ""}
	if tables & APP_TABLES and not is_shipped(doc):
		return _(
			"Charts and number cards on {0} are not allowed: they would count coaching records past who may"
			" see them. Use the reports and figures of the Coaching workspace instead."
		).format(", ".join(_(table) for table in sorted(tables & APP_TABLES)))
	if tables & SHARED_TABLES and _reads_past_permissions(doc):
		return _(
			"A heatmap of {0} is not allowed: it would count rows about coaching records past who may see them."
		).format(", ".join(_(table) for table in sorted(tables & SHARED_TABLES)))
	return None


def _reads_a_report_or_method(doc) -> bool:
	if doc.doctype == "Dashboard Chart":
		return doc.get("chart_type") in ("Custom", "Report")
	# A custom card calls its method, which answers for itself; a report card reads its report.
	return doc.get("type") in ("Custom", "Report")


def _reads_past_permissions(doc) -> bool:
	"""Frappe reads a heatmap chart with `get_all`; every other chart and card with `get_list`."""
	return (
		doc.doctype == "Dashboard Chart"
		and doc.get("type") == "Heatmap"
		and doc.get("chart_type") not in ("Group By", "Custom", "Report")
	)


def is_shipped(doc) -> bool:
	"""One of the app's own standard charts or cards, counting what its file in the app says."""
	if doc.get("module") != MODULE or not doc.get("is_standard") or not doc.get("name"):
		return False
	shipped = _shipped_definition(doc.doctype, doc.name)
	if not shipped:
		return False
	return all(
		_same(doc.get(field), shipped[field])
		for field in COUNTING_FIELDS.get(doc.doctype, ())
		if field in shipped
	)


def _shipped_definition(doctype: str, name: str) -> dict | None:
	folder = frappe.scrub(name)
	path = frappe.get_app_path("coaching_app", "coaching", frappe.scrub(doctype), folder, f"{folder}.json")
	if not os.path.exists(path):
		return None
	with open(path) as file:
		definition = json.load(file)
	return definition if definition.get("name") == name else None


def _same(value, shipped) -> bool:
	empty = (None, "", "[]", 0)
	if value in empty and shipped in empty:
		return True
	return str(value) == str(shipped)
