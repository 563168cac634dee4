"""Every value the app accepts is checked before the database sees it: a date that exists, a number where a
number belongs, text that fits its column, rows where a table belongs. A bad value is answered with a
translated `frappe.ValidationError` (HTTP 417) naming the field, never a database error or a traceback.

Two ways in: `check_document` runs in `before_validate` of every coaching DocType (hooks.py lists them),
whoever saves (desk, REST, web form, import); the `*_value` helpers check the arguments of the app's own
whitelisted functions. `table_value` is for controllers whose table fields must refuse anything but rows
already when the document is built from a request, before any event runs."""

import datetime
import math
import re

import frappe
from frappe import _
from frappe.model.base_document import BaseDocument

# Text kept in a `text` column (64 KB on MariaDB, up to 4 bytes a character): limits a person can see.
TEXT_LIMITS = {"Small Text": 10_000, "Text": 16_000}
DATE_TYPES = {"Date": "date", "Datetime": "datetime"}
WHOLE_NUMBER_TYPES = {"Int", "Check"}
NUMBER_TYPES = {"Float", "Currency", "Percent", "Rating"}
TEXT_TYPES = {
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"Markdown Editor",
	"HTML Editor",
	"Code",
	"Read Only",
	"Phone",
	"Autocomplete",
	"Select",
	"Link",
	"Dynamic Link",
	"Attach",
	"Attach Image",
	"Color",
	"Barcode",
	"Password",
}
# Values a DocType's meaning bounds beyond its column: (DocType, field) -> (lowest, highest or None).
RANGES = {
	("Coach", "capacity"): (0, None),
	("Coaching Settings", "pool_booking_weight"): (0, 1),
	("Coaching Session", "duration_minutes"): (0, 24 * 60),
}
INTEGER = re.compile(r"^[+-]?\d+$")
# How Frappe stores and sends dates and times (a "T" and a zone as ISO 8601 clients write them are accepted).
ISO_MOMENT = re.compile(
	r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?"
	r"(?:Z|[+-]\d{2}:?\d{2})?$"
)


def check_document(doc, method: str | None = None) -> None:
	"""doc_events `before_validate`: each field of the document and of its rows, by its field type."""
	check_fields(doc)
	for table in doc.meta.get_table_fields():
		for row in doc.get(table.fieldname) or []:
			check_fields(row, row_of=doc)


def check_fields(doc, row_of=None) -> None:
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if value is None or value == "" or df.fieldtype in ("Table", "Table MultiSelect"):
			continue
		label = field_label(doc, df, row_of)
		if df.fieldtype in DATE_TYPES:
			stored_form = date_value(value, label, DATE_TYPES[df.fieldtype])
			if isinstance(value, str) and value != stored_form:
				doc.set(df.fieldname, stored_form)
		elif df.fieldtype in WHOLE_NUMBER_TYPES:
			value = whole_number_value(value, label)
		elif df.fieldtype in NUMBER_TYPES:
			value = number_value(value, label)
		elif df.fieldtype in TEXT_TYPES:
			doc.set(df.fieldname, text_value(value, label, text_limit(df)))
		bounds = RANGES.get((doc.doctype, df.fieldname))
		if bounds:
			in_range(value, label, *bounds)


def field_label(doc, df, row_of=None) -> str:
	label = _(df.label or df.fieldname)
	return _("Row {0}: {1}").format(doc.idx, label) if row_of is not None else label


def text_limit(df) -> int | None:
	if df.fieldtype in TEXT_LIMITS:
		return TEXT_LIMITS[df.fieldtype]
	column, length = frappe.db.type_map.get(df.fieldtype, (None, None))
	if column == "varchar":
		return int(df.get("length") or 0) or int(length or 140)
	return None


# --- single values, for controllers and whitelisted functions -------------------------------------------------


def invalid(message: str) -> None:
	frappe.throw(message, frappe.ValidationError, title=_("Invalid Value"))


def date_value(value, label: str, kind: str = "date"):
	"""A date (kind "date") or a date and time (kind "datetime") that exists, as Frappe stores it; an empty
	value stays empty."""
	if value in (None, ""):
		return None
	if isinstance(value, datetime.datetime):
		parsed = value
	elif isinstance(value, datetime.date):
		parsed = datetime.datetime.combine(value, datetime.time())
	elif isinstance(value, str):
		parsed = iso_moment(value)
	else:
		parsed = None
	if parsed is None or not 1000 <= parsed.year <= 9999:
		invalid(
			_("{0}: {1} is not a date that exists.").format(label, frappe.bold(str(value)[:64]))
			if kind == "date"
			else _("{0}: {1} is not a date and time that exist.").format(label, frappe.bold(str(value)[:64]))
		)
	if kind == "date":
		return parsed.date().isoformat()
	return parsed.isoformat(sep=" ")


def iso_moment(text: str) -> datetime.datetime | None:
	"""The moment a "YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]" text names, or None when it names none (30 February,
	month 13, or another shape: Frappe's own parser would read "-1" as the first of this month)."""
	match = ISO_MOMENT.match(text.strip()) if len(text) <= 64 else None
	if not match:
		return None
	year, month, day, hour, minute, second, fraction = match.groups()
	try:
		return datetime.datetime(
			int(year),
			int(month),
			int(day),
			int(hour or 0),
			int(minute or 0),
			int(second or 0),
			int((fraction or "0").ljust(6, "0")),
		)
	except ValueError:
		return None


def whole_number_value(value, label: str) -> int | None:
	if value in (None, ""):
		return None
	if isinstance(value, bool):
		return int(value)
	if isinstance(value, int):
		return value
	if isinstance(value, float) and value.is_integer():
		return int(value)
	if isinstance(value, str) and INTEGER.match(value.strip()) and len(value.strip()) <= 18:
		return int(value.strip())
	invalid(_("{0} must be a whole number, not {1}.").format(label, frappe.bold(str(value)[:64])))


def number_value(value, label: str) -> float | None:
	if value in (None, ""):
		return None
	number = None
	if isinstance(value, bool):
		number = float(value)
	elif isinstance(value, int | float):
		number = float(value)
	elif isinstance(value, str) and len(value) <= 64:
		try:
			number = float(value.strip().replace(",", ""))
		except ValueError:
			number = None
	if number is None or not math.isfinite(number):
		invalid(_("{0} must be a number, not {1}.").format(label, frappe.bold(str(value)[:64])))
	return number


def in_range(value, label: str, lowest=None, highest=None) -> None:
	if value in (None, ""):
		return
	if (lowest is not None and value < lowest) or (highest is not None and value > highest):
		if highest is None:
			message = _("{0} must be at least {1}.").format(label, lowest)
		else:
			message = _("{0} must be between {1} and {2}.").format(label, lowest, highest)
		invalid(message)


def text_value(value, label: str, limit: int | None = None) -> str | None:
	"""Text, or a number written as text; at most `limit` characters."""
	if value is None:
		return None
	if isinstance(value, int | float) and not isinstance(value, bool):
		value = str(value)
	if not isinstance(value, str):
		invalid(_("{0} must be text.").format(label))
	if limit and len(value) > limit:
		invalid(
			_("{0} is {1} characters long; at most {2} fit.").format(
				label,
				frappe.format(len(value), {"fieldtype": "Int"}),
				frappe.format(limit, {"fieldtype": "Int"}),
			)
		)
	return value


def rows_value(value, label: str) -> list:
	"""A table's value: a list of rows (dictionaries or documents); nothing else."""
	if value in (None, ""):
		return []
	if isinstance(value, list | tuple) and all(isinstance(row, dict | BaseDocument) for row in value):
		return list(value)
	invalid(_("{0} must be a list of rows.").format(label))


def table_value(doc, key: str, value, as_value: bool = False):
	"""For a controller's `set`: a table field set from a request (REST, web form, `frappe.get_doc(dict)`)
	takes a list of rows or nothing, and anything else is refused with a message instead of failing while
	Frappe builds the document, before any event could look at it."""
	if as_value or key not in getattr(doc, "_table_fieldnames", ()):
		return value
	df = doc.meta.get_field(key) if getattr(doc, "doctype", None) else None
	return rows_value(value, _(df.label) if df and df.label else key)


class TableRows:
	"""Mixed into the app's controllers before `Document`: every way Frappe fills a table field from a request
	(`set` on Frappe 15, `update` and `extend` on later versions) takes a list of rows or nothing, and anything
	else is refused with a message instead of failing while Frappe builds the document."""

	def set(self, key, value, as_value=False):
		return super().set(key, table_value(self, key, value, as_value), as_value=as_value)

	def extend(self, key, value):
		return super().extend(key, table_value(self, key, value))


def refuses_non_rows(controller) -> bool:
	"""Whether a controller checks its table fields with `table_value` (it defines its own `set`)."""
	return controller.set is not BaseDocument.set
