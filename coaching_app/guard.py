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


def _names_visible(doctype: str, filters) -> list[str]:
	return frappe.get_list(
		doctype,
		filters=filters,
		pluck="name",
		limit_page_length=0,
		parent_doctype=_parent_of(doctype),
		order_by=None,
	)


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
	return len(_names_visible(doctype, frappe.parse_json(filters) if filters else None))


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
	filters = frappe.parse_json(current_filters) if current_filters else None
	if field == "assigned_to":
		return _assignment_counts(doctype, _names_visible(doctype, filters))
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


def _assignment_counts(doctype: str, names: list[str]) -> list[dict]:
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	user = frappe.qb.DocType("User")
	count = Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.join(user)
		.on(user.name == todo.allocated_to)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(names)
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
	).run(as_dict=True)


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
