"""One session, read by its coachee and its coach: what was agreed, the action steps, and the coachee's
reflection. The coach's private thoughts are a record of their own and never read here."""

from urllib.parse import quote

import frappe
from frappe import _

from coaching_app.portal_dates import portal_date, portal_datetime
from coaching_app.utils import require_login

no_cache = 1

ACTION_FIELDS = ["name", "description", "measure", "due_date", "status", "completed_on", "review_notes"]


def get_context(context):
	context.no_cache = 1
	name = frappe.form_dict.get("name")
	require_login(quote(f"/coaching-session?name={name if isinstance(name, str) else ''}", safe="/"))
	session = load_session(name)
	user = frappe.session.user
	context.session = session
	context.title = _("Session of {0}").format(portal_date(session.session_start))
	context.show_sidebar = True
	context.when = portal_datetime
	context.day = portal_date
	context.is_coachee = user == session.coachee_user
	context.is_coach = user == session.coach_user
	context.can_reflect = context.is_coachee and session.status == "Completed"
	context.actions = actions_of(session)
	context.shared_notes = frappe.utils.sanitize_html(session.shared_notes or "")
	context.parents = [{"route": "/my-sessions", "title": _("My Sessions")}]


def load_session(name) -> "frappe.model.document.Document":
	"""The stored session, if the reader may read it under the session's own rule (its parties, and staff
	only where the coachee shared it)."""
	if not name or not isinstance(name, str) or not frappe.db.exists("Coaching Session", name):
		raise frappe.DoesNotExistError(_("This session does not exist."))
	session = frappe.get_doc("Coaching Session", name)
	if not frappe.has_permission("Coaching Session", "read", session):
		raise frappe.PermissionError(_("You cannot read this session."))
	return session


def actions_of(session) -> list:
	"""The action steps this session set (its step rows, and steps filed under it), then those it reviewed, as
	the reader may list them."""
	created = [row.action for row in session.new_action_steps if row.action]
	reviewed = [row.action for row in session.action_review if row.action]
	rows = frappe.get_list(
		"Coaching Action",
		or_filters={"name": ("in", created + reviewed or [""]), "source_name": session.name},
		fields=[*ACTION_FIELDS, "coachee_user", "source_type", "source_name"],
		order_by="creation asc",
	)
	mine = frappe.session.user
	actions = []
	for row in rows:
		from_here = row.name in created or (
			row.source_type == "Coaching Session" and row.source_name == session.name
		)
		if not from_here and row.name not in reviewed:
			continue
		row.reviewed_here = not from_here
		row.mine = row.coachee_user == mine
		actions.append(row)
	return sorted(actions, key=lambda row: row.reviewed_here)
