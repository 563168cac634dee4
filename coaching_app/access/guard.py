"""Frappe's own endpoints, made to respect coaching access.

Several of Frappe's whitelisted functions take any DocType and read its rows without the record-level hooks:
`frappe.client.get_count` counts rows with no check at all; the link search lifts every hook when asked to
ignore user permissions; the sidebar's assignment counts filter the DocType with no check. With a `like`
filter each of them answers questions about text one count at a time. For the tables named in
`coaching_app.rules.access.GUARDED_DOCTYPES` (coaching records, their child tables, and Frappe's tables
that refer to them) these overrides answer only from rows the caller may list; every other DocType goes to
Frappe's function unchanged.
"""

import inspect

import frappe
import frappe.client
import frappe.desk.listview
import frappe.desk.search
from frappe import _
from frappe.query_builder.functions import Count

from coaching_app.rules.access import CHILD_TABLE_PARENTS, GUARDED_DOCTYPES
from coaching_app.utils import required


def is_guarded(doctype: str | None) -> bool:
	return doctype in GUARDED_DOCTYPES


def _call(fn, kwargs: dict):
	"""Call Frappe's function with the arguments it takes (the request also carries `cmd` and the like), so
	the override follows Frappe's signature from version to version."""
	accepted = inspect.signature(fn).parameters
	return fn(**{key: value for key, value in kwargs.items() if key in accepted})


def _parent_of(doctype: str) -> str | None:
	return CHILD_TABLE_PARENTS.get(doctype)


def _check_read(doctype: str) -> None:
	parent = _parent_of(doctype)
	if parent:
		frappe.has_permission(parent, "read", throw=True)
	else:
		frappe.has_permission(doctype, "read", throw=True)


@frappe.whitelist(methods=["GET", "POST"])
def get_count(
	doctype: str | None = None,
	filters: str | dict | list | None = None,
	debug: bool = False,
	cache: bool = False,
) -> int:
	"""Stands in for `frappe.client.get_count`: guarded tables are counted among the rows the caller can
	list."""
	required(doctype, "DocType")
	if not is_guarded(doctype):
		return frappe.client.get_count(doctype, filters=filters, debug=debug, cache=cache)
	_check_read(doctype)
	return _count_visible(doctype, _parsed_filters(filters))


def _parsed_filters(filters):
	"""The request's filters as Frappe's list query takes them; text that is not JSON is refused as Frappe's
	own endpoint would refuse it, with a message rather than a server error."""
	if not filters:
		return None
	parsed = _parsed(filters)
	if isinstance(parsed, str):
		frappe.throw(
			_("Filters must be given as a list of conditions or as a mapping of fields to values."),
			title=_("Invalid Filters"),
		)
	return parsed


def _count_visible(doctype: str, filters) -> int:
	"""One COUNT under the caller's list condition, as Frappe's own list count does."""
	rows = frappe.get_list(
		doctype,
		filters=filters,
		fields=[f"count(`tab{doctype}`.`name`) as total_count"],
		parent_doctype=_parent_of(doctype),
		order_by=None,
		limit_page_length=0,
	)
	return rows[0].get("total_count") if rows else 0


@frappe.whitelist(methods=["GET", "POST"])
@frappe.read_only()
def get_group_by_count(
	doctype: str | None = None,
	current_filters: str | dict | list | None = None,
	field: str | None = None,
	**kwargs,
):
	"""Stands in for `frappe.desk.listview.get_group_by_count` (the list sidebar's counts)."""
	required(doctype, "DocType")
	required(field, "Field")
	if not is_guarded(doctype):
		return _call(
			frappe.desk.listview.get_group_by_count,
			{"doctype": doctype, "current_filters": current_filters, "field": field, **kwargs},
		)
	_check_read(doctype)
	filters = _parsed_filters(current_filters)
	if field == "assigned_to":
		return _assignment_counts(doctype, filters)
	meta = frappe.get_meta(doctype)
	if not (meta.has_field(field) or field in ("owner", "modified_by")):
		frappe.throw(_("{0} is not a field of {1}.").format(field, _(doctype)), title=_("Unknown Field"))
	return frappe.get_list(
		doctype,
		filters=filters,
		fields=["count(*) as count", f"`{field}` as name"],
		group_by=f"`tab{doctype}`.`{field}`",
		order_by="count desc",
		limit_page_length=50,
		parent_doctype=_parent_of(doctype),
	)


def _assignment_counts(doctype: str, filters) -> list[dict]:
	"""Assignees of the rows the caller can list, counted in one query: the caller's list query (Frappe's own,
	with the record rules) stands inside it as a subquery, never as a list of names."""
	visible = frappe.get_list(
		doctype,
		filters=filters,
		fields=[f"`tab{doctype}`.`name`"],
		parent_doctype=_parent_of(doctype),
		order_by=None,
		limit_page_length=0,
		run=0,
	)
	return frappe.db.sql(  # static-check: the subquery is Frappe's own list query, its values escaped
		f"""select `tabToDo`.`allocated_to` as name, count(*) as count
		from `tabToDo` inner join `tabUser` on `tabUser`.`name` = `tabToDo`.`allocated_to`
		where `tabToDo`.`status` != 'Cancelled' and `tabUser`.`user_type` = 'System User'
			and `tabToDo`.`reference_type` = %(doctype)s and `tabToDo`.`reference_name` in ({visible})
		group by `tabToDo`.`allocated_to` order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


@frappe.whitelist(methods=["GET", "POST"])
def search_link(**kwargs):
	"""Stands in for `frappe.desk.search.search_link`: a link search on a guarded table never lifts the
	record-level hooks, whatever `ignore_user_permissions` says."""
	doctype = required(kwargs.get("doctype"), "DocType")
	if is_guarded(doctype):
		_check_select(doctype)
		kwargs["ignore_user_permissions"] = False
	return _call(frappe.desk.search.search_link, {"txt": "", **kwargs})


@frappe.whitelist(methods=["GET", "POST"])
def search_widget(**kwargs):
	"""Stands in for `frappe.desk.search.search_widget`, as `search_link` above."""
	doctype = required(kwargs.get("doctype"), "DocType")
	if is_guarded(doctype):
		_check_select(doctype)
		kwargs["ignore_user_permissions"] = False
	return _call(frappe.desk.search.search_widget, {"txt": "", **kwargs})


def _check_select(doctype: str) -> None:
	"""A link field needs select or read on the DocType (on the parent, for a child table)."""
	target = _parent_of(doctype) or doctype
	if not (frappe.has_permission(target, "select") or frappe.has_permission(target, "read")):
		frappe.throw(_("You cannot search {0}.").format(_(doctype)), frappe.PermissionError)


@frappe.whitelist(methods=["GET", "POST"])
def get_workflow_state_count(
	doctype: str | None = None,
	workflow_state_field: str | None = None,
	states: str | list | None = None,
	**kwargs,
):
	"""Stands in for Frappe's workflow sidebar counts, which group any column of any row with a role check
	only: on a guarded table the counts are of readable rows, by the workflow's own state field."""
	import frappe.workflow.doctype.workflow.workflow as workflow

	required(doctype, "DocType")
	if not is_guarded(doctype):
		return _call(
			workflow.get_workflow_state_count,
			{"doctype": doctype, "workflow_state_field": workflow_state_field, "states": states, **kwargs},
		)
	_check_read(doctype)
	state_field = frappe.db.get_value(
		"Workflow", {"document_type": doctype, "is_active": 1}, "workflow_state_field"
	)
	if not state_field or workflow_state_field != state_field:
		frappe.throw(_("{0} is not the workflow state of {1}.").format(workflow_state_field, _(doctype)))
	rows = frappe.get_list(
		doctype,
		fields=[f"`{state_field}`", "count(*) as count"],
		filters={state_field: ["not in", frappe.parse_json(states) or []]},
		group_by=f"`tab{doctype}`.`{state_field}`",
		order_by=None,
	)
	return [row for row in rows if row.get(state_field)]


# --- The request guard ---------------------------------------------------------------------------------------
# Some of Frappe's endpoints take a DocType and a record name and answer about that record (its followers, its
# assignees, its tags, the next record in a list, its title) after a role-level check only; others read a
# whole table past the hooks (tagged documents, ad-hoc dashboard charts, map coordinates). On guarded tables the
# first kind needs read permission on the named record and the second is refused.

NAMED_RECORD_ENDPOINTS = {
	"frappe.desk.form.assign_to.add": ("doctype", "name"),
	"frappe.desk.form.assign_to.add_multiple": ("doctype", "name"),
	"frappe.desk.form.assign_to.get": ("doctype", "name"),
	"frappe.desk.form.document_follow.follow_document": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.unfollow_document": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.get_follow_users": ("doctype", "doc_name"),
	"frappe.desk.form.linked_with.get": ("doctype", "docname"),
	"frappe.desk.form.linked_with.get_submitted_linked_docs": ("doctype", "name"),
	"frappe.desk.form.utils.get_next": ("doctype", "value"),
	"frappe.desk.like.toggle_like": ("doctype", "name"),
	"frappe.desk.doctype.tag.tag.add_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.remove_tag": ("dt", "dn"),
	"frappe.desk.search.get_link_title": ("doctype", "docname"),
	"frappe.desk.notifications.get_open_count": ("doctype", "name"),
	"frappe.client.is_document_amended": ("doctype", "docname"),
	"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews": ("doctype", "docname"),
}

TABLE_READ_ENDPOINTS = {
	"frappe.desk.doctype.tag.tag.get_tagged_docs": "doctype",
	"frappe.desk.doctype.tag.tag.add_tags": "dt",
	"frappe.geo.utils.get_coords": "doctype",
	"frappe.desk.reportview.get_stats": "doctype",
	"frappe.desk.reportview.get_sidebar_stats": "doctype",
	"frappe.desk.reportview.get_filter_dashboard_data": "doctype",
}

# Arguments that name columns and end up inside the SELECT. Frappe 15 lets a subquery through in them (its
# column check passes a column that starts with a backtick), which would read any table of the site: that is
# a hole in Frappe itself, refused here for every DocType. Only what makes a subquery or a second statement is
# refused; column names, aliases, aggregates and sort orders pass as Frappe would take them.
COLUMN_ARGUMENTS = {
	"fields",
	"fieldname",
	"field",
	"filter_fields",
	"group_by",
	"order_by",
	"sort_by",
	"sort_field",
	"sort_order",
	"aggregate_function_based_on",
	"based_on",
	"value_based_on",
	"group_by_based_on",
	"workflow_state_field",
	"searchfield",
}
FILTER_ARGUMENTS = {"filters", "or_filters", "current_filters", "and_filters"}
QUERY_WORDS = ("select", "union", "sleep", "benchmark", "information_schema", "__auth")
STATEMENT_MARKS = (";", "--", "/*")


# Frappe opens a child row on its own after checking only the role permission of its parent DocType.
# Child rows of coaching records are read through their parent record, never alone.
SINGLE_ROW_ENDPOINTS = {
	"frappe.client.get": "doctype",
	"frappe.desk.form.load.getdoc": "doctype",
	"frappe.desk.form.load.get_docinfo": "doctype",
	"frappe.www.printview.get_html_and_style": "doc",
	"frappe.www.printview.get_rendered_raw_commands": "doc",
	"frappe.utils.print_format.download_pdf": "doctype",
	"frappe.utils.print_format.report_to_pdf": "doctype",
	"frappe.website.doctype.web_form.web_form.get_form_data": "doctype",
}
# Pages that render one record named in the query string.
SINGLE_ROW_PAGES = ("/printview", "/printpreview")
RESOURCE_PATHS = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")


def check_request() -> None:
	"""before_request hook."""
	if frappe.session.user == "Administrator":
		return
	arguments = dict(frappe.form_dict)
	resource_doctype = _resource_doctype()
	if resource_doctype is not None:
		if _parent_of(resource_doctype):
			_refuse(_("Open the record that holds these rows instead."))
		_refuse_queries_in_arguments(arguments)
		return
	if _page_path() in SINGLE_ROW_PAGES and _parent_of(arguments.get("doctype")):
		_refuse(_("Open the record that holds these rows instead."))
	method = _method_called()
	if not method:
		return
	_refuse_queries_in_arguments(arguments)
	if method in SINGLE_ROW_ENDPOINTS and _parent_of(
		_doctype_named(arguments.get(SINGLE_ROW_ENDPOINTS[method]))
	):
		_refuse(_("Open the record that holds these rows instead."))
	if method in NAMED_RECORD_ENDPOINTS:
		doctype_arg, name_arg = NAMED_RECORD_ENDPOINTS[method]
		doctype, name = arguments.get(doctype_arg), arguments.get(name_arg)
		if is_guarded(doctype):
			_require_record(doctype, name)
	elif method in TABLE_READ_ENDPOINTS and is_guarded(arguments.get(TABLE_READ_ENDPOINTS[method])):
		_refuse(
			_("This view is not available for {0}.").format(_(arguments.get(TABLE_READ_ENDPOINTS[method])))
		)
	elif method == "frappe.desk.doctype.dashboard_chart.dashboard_chart.get":
		_check_chart(arguments)


def _doctype_named(value) -> str | None:
	"""The DocType an argument names: a DocType's name, or a document given whole (print view takes both)."""
	value = _parsed(value)
	if isinstance(value, dict):
		return value.get("doctype")
	return value if isinstance(value, str) else None


def _page_path() -> str:
	path = frappe.request.path if getattr(frappe, "request", None) else ""
	return path.rstrip("/")


def _resource_doctype() -> str | None:
	"""The DocType of a REST resource path (`/api/resource/<DocType>/...`), or None for any other path."""
	from urllib.parse import unquote

	path = unquote(frappe.request.path) if getattr(frappe, "request", None) else ""
	for prefix in RESOURCE_PATHS:
		if path.startswith(prefix):
			return path[len(prefix) :].split("/", 1)[0]
	return None


def _method_called() -> str | None:
	path = frappe.request.path if getattr(frappe, "request", None) else ""
	if "/method/" in path:
		return path.split("/method/", 1)[1].strip("/") or None
	return frappe.form_dict.get("cmd")


def _refuse(message: str) -> None:
	frappe.throw(message, frappe.PermissionError, title=_("Not Permitted"))


def _require_record(doctype: str, name) -> None:
	parent = _parent_of(doctype)
	if parent or not isinstance(name, str) or not name:
		_refuse(_("Not permitted for {0}.").format(_(doctype)))
	if not frappe.db.exists(doctype, name) or not frappe.has_permission(doctype, "read", doc=name):
		_refuse(_("You cannot read this {0}.").format(_(doctype)))


def _check_chart(arguments: dict) -> None:
	"""A chart is computed only if it keeps the rule for charts (coaching_app/access/charts.py), saved or not; a
	saved chart on the app's own tables is a staff figure. Charts of anything else are Frappe's."""
	from coaching_app.access import charts
	from coaching_app.access.permissions import is_staff

	if arguments.get("chart_name"):
		charts.refuse_stored_chart(arguments["chart_name"])
		document_type = frappe.db.get_value("Dashboard Chart", arguments["chart_name"], "document_type")
		if document_type in charts.APP_TABLES and not is_staff():
			_refuse(_("Only coaching staff can see this chart."))
		return
	chart = _parsed(arguments.get("chart"))
	if chart in (None, ""):
		return
	if not isinstance(chart, dict):
		_refuse(_("A chart must be given as a mapping of its settings."))
	reason = charts.refusal(frappe._dict({"doctype": "Dashboard Chart", **chart}))
	if reason:
		_refuse(reason)


def _parsed(value):
	if isinstance(value, str):
		try:
			return frappe.parse_json(value)
		except Exception:
			return value
	return value


def _refuse_queries_in_arguments(arguments: dict) -> None:
	"""Frappe 15's column check lets a subquery through when the first column starts with a backtick, and its
	list query pastes a filter given as plain text inside a list of filters into SQL as it is; either would
	read any table, coaching records included. Such arguments are refused whatever the DocType. Filters given
	as a record's name (`frappe.db.get_value(doctype, name, field)` in the desk), as a mapping or as a list of
	conditions are Frappe's everyday use and pass."""
	for key, value in _walk(arguments):
		if key in COLUMN_ARGUMENTS and isinstance(value, str) and _looks_like_a_query(value):
			_refuse(_("Field names cannot hold a query."))
		if key in FILTER_ARGUMENTS and not _filters_are_safe(_parsed(value)):
			_refuse(_("Filters must be given as a list of conditions or as a mapping of fields to values."))


def _walk(value, key: str | None = None):
	"""(key, value) pairs of the request's arguments, into JSON strings, dicts and lists of field names."""
	value = _parsed(value) if key in COLUMN_ARGUMENTS | {"chart", "args", "doc", None} else value
	if isinstance(value, dict):
		for inner_key, inner in value.items():
			yield inner_key, inner
			if inner_key in COLUMN_ARGUMENTS | {"chart"} or isinstance(inner, dict):
				yield from _walk(inner, inner_key)
	elif isinstance(value, list) and key in COLUMN_ARGUMENTS:
		for item in value:
			yield key, item if isinstance(item, str) else ""


def _looks_like_a_query(text: str) -> bool:
	import re

	lowered = text.lower()
	if any(mark in lowered for mark in STATEMENT_MARKS):
		return True
	return any(re.search(rf"\b{word}\b", lowered) for word in QUERY_WORDS)


def _filters_are_safe(filters) -> bool:
	"""A record's name (any text or number that is not a list), a mapping of field names to values, or a list
	of conditions (lists or mappings). Refused: a list holding plain text, which Frappe 15 pastes into its SQL,
	and field names that carry a query."""
	if isinstance(filters, dict):
		return all(isinstance(k, str) and not _looks_like_a_query(k) for k in filters)
	if isinstance(filters, list | tuple):
		return all(isinstance(item, list | tuple | dict) for item in filters) and all(
			not (
				isinstance(item, list | tuple)
				and item
				and isinstance(item[0], str)
				and _looks_like_a_query(item[0])
			)
			for item in filters
		)
	return True
