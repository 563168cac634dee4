"""My sessions: every session of the signed-in coachee, and of the coach's relationships, latest first, twenty
to a page, each opening its own page."""

import frappe
from frappe import _
from frappe.utils import cint

from coaching_app.portal_dates import portal_datetime
from coaching_app.utils import require_login

no_cache = 1
PAGE_LENGTH = 20


def get_context(context):
	context.no_cache = 1
	require_login("/my-sessions")
	user = frappe.session.user
	context.title = _("My Sessions")
	context.show_sidebar = True
	context.when = portal_datetime
	page = max(cint(frappe.form_dict.get("page")) or 1, 1)
	# Read through the session's own list rule, then narrowed to the reader's own relationships: a coach who
	# is also staff does not list the sessions coachees shared with staff here.
	rows = frappe.get_list(
		"Coaching Session",
		filters={"status": ("!=", "Cancelled")},
		or_filters={"coachee_user": user, "coach_user": user},
		fields=[
			"name",
			"session_start",
			"status",
			"coachee_name",
			"coach_name",
			"coachee_user",
			"coach_user",
		],
		order_by="session_start desc, name desc",
		limit_start=(page - 1) * PAGE_LENGTH,
		limit_page_length=PAGE_LENGTH + 1,
	)
	context.sessions = rows[:PAGE_LENGTH]
	context.page = page
	context.has_next = len(rows) > PAGE_LENGTH
	context.user = user
