"""Factories for integration tests. Each makes a valid record with sensible defaults and returns it."""

import frappe
from frappe.utils import add_days, getdate, now_datetime, today

from coaching_app.rules import lifecycle

DEFAULT_CHARACTERISTICS = ("Integrity", "Courage", "Compassion", "Wisdom", "Perseverance")


def unique(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=8)}"


def make_user(email: str | None = None, roles: tuple[str, ...] = (), first_name: str | None = None) -> str:
	"""An enabled user with `roles`.

	Written with `db_insert`: the User controller's side work (contacts, notification settings, password
	prompts) is not what these tests are about and costs seconds per user on some Frappe versions."""
	email = email or f"{unique('user')}@example.com"
	if not frappe.db.exists("User", email):
		desk = any(frappe.db.get_value("Role", role, "desk_access") for role in roles)
		user = frappe.get_doc(
			{
				"doctype": "User",
				"name": email,
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"full_name": first_name or email.split("@")[0],
				"enabled": 1,
				"user_type": "System User" if desk else "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": role} for role in roles],
			}
		)
		user.db_insert()
		for row in user.roles:
			row.db_insert()
	elif missing := set(roles) - set(frappe.get_roles(email)):
		user = frappe.get_doc("User", email)
		user.flags.ignore_permissions = True
		user.add_roles(*missing)
	return email


def make_framework(name: str | None = None, characteristics=DEFAULT_CHARACTERISTICS):
	return frappe.get_doc(
		{
			"doctype": "Growth Framework",
			"framework_name": name or unique("Framework"),
			"characteristics": [{"characteristic": c} for c in characteristics],
		}
	).insert(ignore_permissions=True)


def make_program(name: str | None = None, framework: str | None = None, **values):
	return frappe.get_doc(
		{
			"doctype": "Coaching Program",
			"program_name": name or unique("Program"),
			"growth_framework": framework or make_framework().name,
			**values,
		}
	).insert(ignore_permissions=True)


def make_skill(name: str | None = None) -> str:
	name = name or unique("Skill")
	if not frappe.db.exists("Coaching Skill", name):
		frappe.get_doc({"doctype": "Coaching Skill", "skill_name": name}).insert(ignore_permissions=True)
	return name


def make_coach(user: str | None = None, status: str = "Active", capacity: int = 5, **values):
	user = user or make_user(roles=("Coach",))
	doc = {
		"doctype": "Coach",
		"user": user,
		"full_name": values.pop("full_name", user.split("@")[0]),
		"status": status,
		"capacity": capacity,
		"training_completed_on": add_days(today(), -30) if status == "Active" else None,
		**values,
	}
	return frappe.get_doc(doc).insert(ignore_permissions=True)


def make_coachee(program: str, user: str | None = None, **values):
	user = user or make_user(roles=("Coachee",))
	return frappe.get_doc(
		{
			"doctype": "Coachee",
			"user": user,
			"full_name": values.pop("full_name", user.split("@")[0]),
			"program": program,
			**values,
		}
	).insert(ignore_permissions=True)


def make_agreement(
	coach: str, coachee: str, program: str, start_date=None, status: str = lifecycle.DRAFT, **values
):
	"""An agreement in `status`, reached the way the app reaches it: running states carry both consents."""
	agreement = frappe.get_doc(
		{
			"doctype": "Coaching Agreement",
			"coach": coach,
			"coachee": coachee,
			"program": program,
			"start_date": start_date or today(),
			"partnership_expectations": "<p>We meet every other week, keep confidences and come prepared.</p>",
			**values,
		}
	).insert(ignore_permissions=True)
	if status == lifecycle.DRAFT:
		return agreement
	consented = now_datetime()
	updates = {"status": status, "live_key": lifecycle.live_key(coachee, program, status)}
	if status != lifecycle.AWAITING_CONSENT:
		updates.update(coach_consented_on=consented, coachee_consented_on=consented)
	# Set directly: these tests start from a state, they do not exercise the path to it.
	frappe.db.set_value("Coaching Agreement", agreement.name, updates)
	agreement.reload()
	return agreement


def give_both_consents(agreement: str) -> None:
	"""Both parties' consent timestamps, written directly: for tests that start after consent was given."""
	consented = now_datetime()
	frappe.db.set_value(
		"Coaching Agreement", agreement, {"coach_consented_on": consented, "coachee_consented_on": consented}
	)


def make_relationship(status: str = lifecycle.ACTIVE, start_date=None, program=None, **agreement_values):
	"""Program, coach, coachee and an agreement between them, in one call."""
	program = program or make_program().name
	coach = make_coach()
	coachee = make_coachee(program)
	agreement = make_agreement(
		coach.name, coachee.name, program, start_date=start_date, status=status, **agreement_values
	)
	return frappe._dict(program=program, coach=coach, coachee=coachee, agreement=agreement)


def make_managed_relationship(manager: str, status: str = lifecycle.ACTIVE, **values):
	"""A relationship in a program of its own that names `manager` under Managers, as a System Manager
	would set it up."""
	rel = make_relationship(status=status, **values)
	program = frappe.get_doc("Coaching Program", rel.program)
	program.append("managers", {"user": manager})
	program.save(ignore_permissions=True)
	return rel


def make_session(agreement: str, start=None, **values):
	return frappe.get_doc(
		{
			"doctype": "Coaching Session",
			"agreement": agreement,
			"session_start": start or now_datetime(),
			**values,
		}
	).insert(ignore_permissions=True)


def make_note(session: str, author: str, content: str = "A private thought"):
	"""A private note written by `author` (the session's coach) through the permission checks, as the coach
	would write it; the current user is restored afterwards."""
	previous = frappe.session.user
	frappe.set_user(author)
	try:
		return frappe.get_doc({"doctype": "Coaching Note", "session": session, "content": content}).insert()
	finally:
		frappe.set_user(previous)


def make_action(coachee: str, agreement: str | None = None, **values):
	return frappe.get_doc(
		{
			"doctype": "Coaching Action",
			"coachee": coachee,
			"agreement": agreement,
			"description": values.pop("description", "Ask for feedback in two meetings"),
			"measure": values.pop("measure", "Two written notes of feedback received"),
			**values,
		}
	).insert(ignore_permissions=True)


def day(offset: int = 0):
	return getdate(add_days(today(), offset))


def emails_about(reference_name: str, text: str | None = None) -> list[frappe._dict]:
	"""Queued emails about a record (optionally containing `text`), each with its recipients.

	Email is the one channel every supported Frappe version delivers for a Notification; the desk
	notification rides along only on some versions."""
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_name": reference_name},
		fields=["name", "message"],
		order_by="creation",
	)
	found = []
	for email in queued:
		body = _readable(email.message or "")
		if text and text not in body:
			continue
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": email.name}, pluck="recipient"
		)
		found.append(frappe._dict(name=email.name, body=body, recipients=set(recipients)))
	return found


def _readable(message: str) -> str:
	"""Subject and decoded text of a queued MIME message."""
	from email import message_from_string
	from email.header import decode_header, make_header

	parsed = message_from_string(message)
	parts = [str(make_header(decode_header(parsed.get("Subject", ""))))]
	for part in parsed.walk():
		if part.get_content_maintype() == "text":
			payload = part.get_payload(decode=True) or b""
			parts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
	return "\n".join(parts)


def emailed(reference_name: str, text: str | None = None) -> set[str]:
	"""Everyone emailed about a record, optionally only by emails containing `text`."""
	return set().union(*(e.recipients for e in emails_about(reference_name, text)))


def make_feedback_round(program: str, **values):
	"""A program feedback round open for the next 30 days unless told otherwise."""
	return frappe.get_doc(
		{
			"doctype": "Coaching Feedback Round",
			"title": values.pop("title", "Yearly feedback"),
			"program": program,
			"opens_on": values.pop("opens_on", today()),
			"closes_on": values.pop("closes_on", add_days(today(), 30)),
			**values,
		}
	).insert(ignore_permissions=True)


def app_whitelisted_functions() -> list:
	"""Every function of this app that Frappe's HTTP layer may run, found by importing each of its modules
	(tests and patches aside), so a new endpoint cannot be left out of the guest checks."""
	import importlib
	import pkgutil

	import coaching_app

	for info in pkgutil.walk_packages(coaching_app.__path__, "coaching_app."):
		leaf = info.name.rsplit(".", 1)[-1]
		if ".tests" in info.name or ".patches" in info.name or leaf.startswith("test_"):
			continue
		importlib.import_module(info.name)
	return sorted(
		(fn for fn in frappe.whitelisted if fn.__module__.startswith("coaching_app.")),
		key=lambda fn: f"{fn.__module__}.{fn.__qualname__}",
	)


def make_employee(user: str, reports_to: str | None = None) -> str:
	"""An Employee for `user`, as the installed Employee DocType requires it: the line-manager suite's
	stand-in, or HRMS's, whose mandatory fields (name, gender, dates of birth and joining, company, ...) are
	filled from what the site already has. Raises unittest.SkipTest on a site with nothing to link to."""
	import unittest

	from frappe.utils import add_years

	first_name = frappe.db.get_value("User", user, "first_name") or "Employee"
	values = {"doctype": "Employee", "user_id": user, "reports_to": reports_to, "first_name": first_name}
	dates = {"date_of_birth": add_years(today(), -35), "date_of_joining": add_years(today(), -3)}
	for field in frappe.get_meta("Employee").fields:
		if not field.reqd or field.default or values.get(field.fieldname):
			continue
		if field.fieldtype == "Date":
			values[field.fieldname] = dates.get(field.fieldname, today())
		elif field.fieldtype == "Select":
			values[field.fieldname] = next(o for o in (field.options or "").split("\n") if o.strip())
		elif field.fieldtype == "Link":
			linked = frappe.db.get_value(field.options, {}, "name", order_by="creation asc")
			if not linked:
				raise unittest.SkipTest(f"The site has no {field.options} to give an Employee.")
			values[field.fieldname] = linked
		else:
			values[field.fieldname] = first_name
	return frappe.get_doc(values).insert(ignore_permissions=True).name


def answer_feedback(
	round_name: str, agreement: str, rating: int, respondent_role: str = "Coachee", anonymous=1
):
	"""The agreement's coach or coachee answers their request of a round, as they would on the feedback page
	(the request is made first if the round has not asked yet); returns the answer."""
	from coaching_app.feedback import request_feedback

	filters = {"round": round_name, "agreement": agreement, "respondent_role": respondent_role}
	if not frappe.db.exists("Coaching Feedback", filters):
		request_feedback(round_name, [agreement])
	name = frappe.db.get_value("Coaching Feedback", filters)
	respondent = frappe.db.get_value("Coaching Feedback", name, "respondent")
	previous = frappe.session.user
	frappe.set_user(respondent)
	try:
		doc = frappe.get_doc("Coaching Feedback", name)
		doc.update(
			{
				"is_anonymous": anonymous,
				"overall_rating": rating,
				"relationship_rating": rating,
				"progress_rating": rating,
			}
		)
		return doc.save()
	finally:
		frappe.set_user(previous)


def open_page(path: str, **query) -> tuple[int, str]:
	"""A portal page as Frappe's web request handling renders it, for the signed-in user: status code and
	HTML."""
	from frappe.utils import set_request
	from frappe.website.serve import get_response

	set_request(method="GET", path=f"/{path}")
	previous = dict(frappe.form_dict)
	frappe.form_dict.update(query)
	try:
		response = get_response(path)
	finally:
		frappe.local.form_dict = frappe._dict(previous)
	return response.status_code, frappe.safe_decode(response.get_data())
