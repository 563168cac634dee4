"""How the app's web forms meet the people who fill them in.

Link fields: Frappe turns a web form's Link field into a list of the records the user created (or, with
"allow read on all link options", of every record with no permission check): a coach would find no agreement
to log a session against, or every agreement of the site. Each form's get_context replaces that list with
exactly what this user may pick, by readable name. Tables: one card of labelled fields per row on a phone
(templates/web_form). Titles and help: what the person does, and what each rating means."""

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.utils import formatdate

from coaching_app.access.permissions import coach_of_user
from coaching_app.matching import pool_coaches
from coaching_app.rules.lifecycle import RUNNING_STATES


def offer(context, fieldname: str, options: list[dict]) -> None:
	"""Give the web form's field `fieldname` these {value, label} options."""
	for field in context.get("web_form_doc", {}).get("web_form_fields") or []:
		if field.get("fieldname") == fieldname:
			field["fieldtype"] = "Autocomplete"
			field["options"] = json.dumps(options, default=str)


def current_value(context, fieldname: str):
	doc = context.get("reference_doc")
	return doc.get(fieldname) if doc else None


def agreements_to_log(user: str, keep: str | None = None) -> list[dict]:
	"""The coach's running agreements, as "coachee, start to end"; `keep` is the agreement of the session
	being edited, offered even after it ended so the form shows it by name."""
	coach = coach_of_user(user)
	if not coach:
		return []
	rows = frappe.get_all(
		"Coaching Agreement",
		filters={"coach": coach, "status": ("in", sorted(RUNNING_STATES))},
		fields=["name", "coachee_name", "start_date", "end_date"],
		order_by="coachee_name asc, start_date desc",
	)
	if keep and keep not in {row.name for row in rows}:
		rows += frappe.get_all(
			"Coaching Agreement",
			filters={"name": keep, "coach": coach},
			fields=["name", "coachee_name", "start_date", "end_date"],
		)
	return [
		{
			"value": row.name,
			"label": _("{0}, {1} to {2}").format(
				row.coachee_name, formatdate(row.start_date), formatdate(row.end_date)
			),
		}
		for row in rows
	]


def skills() -> list[dict]:
	return [
		{"value": name, "label": name}
		for name in frappe.get_all("Coaching Skill", pluck="name", order_by="name asc")
	]


def pool_coaches_with_room(keep: str | None = None) -> list[dict]:
	"""Active pool coaches with room for a booking, each with their skills; `keep` is the coach already named
	on the request being viewed."""
	options = [
		{
			"value": coach.name,
			"label": _("{0} ({1})").format(coach.full_name, ", ".join(coach.skills))
			if coach.skills
			else coach.full_name,
		}
		for coach in pool_coaches()
		if coach.has_room or coach.name == keep
	]
	if keep and keep not in {o["value"] for o in options}:
		options.append({"value": keep, "label": frappe.db.get_value("Coach", keep, "full_name") or keep})
	return options


PHONE_LAYOUT = Path(__file__).parent / "templates" / "web_form"


def use_phone_layout(context, style: str = "") -> None:
	"""Tables a person can fill in on a phone: each row a card of labelled fields (templates/web_form)."""
	context.style = "\n".join(
		filter(None, [context.get("style"), (PHONE_LAYOUT / "phone.css").read_text(), style])
	)
	context.script = "\n".join(filter(None, [context.get("script"), (PHONE_LAYOUT / "phone.js").read_text()]))


def name_new_form(context, title: str) -> None:
	"""A new record's form is called by what the person does ("Log a Session"), not "New Log a Session"."""
	if frappe.form_dict.get("is_new") or (frappe.form_dict.get("name") or "") == "new":
		context.title = title


def set_columns(context, table: str, columns: dict[str, dict]) -> None:
	"""Change how a web form table shows its columns ({fieldname: {property: value}}), on this form only."""
	for field in context.get("web_form_doc", {}).get("web_form_fields") or []:
		if field.get("fieldname") != table:
			continue
		for column in field.get("fields") or []:
			column.update(columns.get(column.get("fieldname"), {}))


def describe(context, fieldname: str, description: str) -> None:
	for field in context.get("web_form_doc", {}).get("web_form_fields") or []:
		if field.get("fieldname") == fieldname:
			field["description"] = description
