"""My coaching: a coachee's relationship at a glance, and a coach's week."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime

from coaching_app.access.permissions import offered_condition
from coaching_app.api import feed_url
from coaching_app.portal_dates import portal_date, portal_datetime
from coaching_app.portal_render import render_body
from coaching_app.rules.lifecycle import LIVE_STATES, RENEWAL_DUE
from coaching_app.training import trainings_of
from coaching_app.utils import require_login

no_cache = 1


def get_context(context):
	context.no_cache = 1
	user = frappe.session.user
	require_login("/my-coaching")
	context.title = _("My Coaching")
	context.show_sidebar = True
	context.portal_date = portal_date
	context.portal_datetime = portal_datetime
	context.as_coachee = coachee_view(user)
	context.as_coach = coach_view(user)
	context.my_requests = requests_of(user)
	context.trainings = trainings_of(user)
	token = frappe.db.get_value("Coaching Calendar Feed", user, "token")
	context.calendar_feed_url = feed_url(token) if token else None
	context.page_body = render_body("coaching_app/templates/pages/my_coaching_body.html", context)


def coachee_view(user):
	coachee = frappe.db.get_value("Coachee", {"user": user}, ["name", "full_name"], as_dict=True)
	if not coachee:
		return None
	agreement = frappe.db.get_value(
		"Coaching Agreement",
		{"coachee": coachee.name, "status": ("in", list(LIVE_STATES))},
		[
			"name",
			"coach",
			"coach_name",
			"start_date",
			"end_date",
			"status",
			"cadence",
			"partnership_expectations",
			"coachee_consented_on",
		],
		order_by="start_date desc",
		as_dict=True,
	)
	# Coaching is a partnership of two stories: the coachee reads her coach's before they first meet.
	coach_profile = (
		frappe.db.get_value(
			"Coach", agreement.coach, ["bio", "story", "passions", "what_i_bring"], as_dict=True
		)
		if agreement
		else None
	)
	next_session = frappe.db.get_value(
		"Coaching Session",
		{"coachee": coachee.name, "status": "Scheduled", "session_start": (">=", now_datetime())},
		["name", "session_start", "location", "agenda"],
		order_by="session_start asc",
		as_dict=True,
	)
	actions = frappe.get_all(
		"Coaching Action",
		filters={"coachee": coachee.name, "status": "Open"},
		fields=["name", "description", "measure", "due_date"],
		order_by="due_date asc",
	)
	recent_sessions = frappe.get_all(
		"Coaching Session",
		filters={"coachee": coachee.name, "status": ("!=", "Cancelled")},
		fields=["name", "session_start", "status", "shared_with_staff"],
		order_by="session_start desc",
		limit=5,
	)
	plan = frappe.db.get_value(
		"Growth Plan",
		{"coachee": coachee.name},
		[
			"name",
			"assessment_date",
			"status",
			"average_self_rating",
			"average_coach_rating",
			"areas_to_grow",
			"shared_with_staff",
		],
		order_by="assessment_date desc, creation desc",
		as_dict=True,
	)
	return frappe._dict(
		coachee=coachee,
		agreement=agreement,
		next_session=next_session,
		actions=actions,
		plan=plan,
		recent_sessions=recent_sessions,
		coach_profile=coach_profile,
	)


# A coach's lists are read a page at a time, so a coach of 5,000 coachees gets her page as fast as a coach of
# 20: the page number of each list is in the address (?coachees=2), and the pager shows where she is.
COACHEES_PER_PAGE = 25
SHORT_LIST = 10


def paged(doctype: str, filters: dict, fields: list, order_by: str, param: str, per_page: int):
	"""One page of a coach's list and its pager: the page asked for in the address (the first when that page
	is empty or not a number). Reads one row more than a page to know whether another follows, and counts
	nothing, so the page costs the same for a coach of 5,000 as for a coach of 20."""

	def read(page: int) -> list:
		return frappe.get_all(
			doctype,
			filters=filters,
			fields=fields,
			order_by=order_by,
			limit_start=(page - 1) * per_page,
			limit_page_length=per_page + 1,
		)

	page = max(cint(frappe.form_dict.get(param)) or 1, 1)
	rows = read(page)
	if not rows and page > 1:
		page, rows = 1, read(1)
	more = len(rows) > per_page
	rows = rows[:per_page]
	first = (page - 1) * per_page + 1
	return rows, frappe._dict(
		param=param,
		page=page,
		more=more,
		first=first,
		last=first + len(rows) - 1,
		shown=page > 1 or more,
	)


def coach_view(user):
	coach = frappe.db.get_value(
		"Coach",
		{"user": user},
		["name", "full_name", "capacity", "current_load"],
		as_dict=True,
	)
	if not coach:
		return None
	agreements, agreements_pager = paged(
		"Coaching Agreement",
		{"coach": coach.name, "status": ("in", list(LIVE_STATES))},
		["name", "coachee_name", "status", "end_date", "partnership_expectations", "coach_consented_on"],
		"coachee_name asc, name asc",
		"coachees",
		COACHEES_PER_PAGE,
	)
	renewals, renewals_pager = paged(
		"Coaching Agreement",
		{"coach": coach.name, "status": RENEWAL_DUE},
		["name", "coachee_name", "end_date"],
		"end_date asc, name asc",
		"renewals",
		SHORT_LIST,
	)
	upcoming = frappe.get_all(
		"Coaching Session",
		filters={"coach": coach.name, "status": "Scheduled", "session_start": (">=", now_datetime())},
		fields=["name", "coachee_name", "session_start", "location"],
		order_by="session_start asc",
		limit=10,
	)
	overdue, overdue_pager = paged(
		"Coaching Action",
		{"coach": coach.name, "status": "Open", "due_date": ("<", getdate())},
		["coachee_name", "description", "due_date"],
		"due_date asc, name asc",
		"overdue",
		SHORT_LIST,
	)
	return frappe._dict(
		coach=coach,
		agreements=agreements,
		agreements_pager=agreements_pager,
		upcoming=upcoming,
		overdue=overdue,
		overdue_pager=overdue_pager,
		renewals=renewals,
		renewals_pager=renewals_pager,
		offers=offers_to(coach, user),
	)


REQUEST_FIELDS = ["name", "requester_name", "skill", "preferred_date", "preferred_coach", "request_details"]


def offers_to(coach, user) -> list:
	"""Open coach-pool requests this coach may take, oldest first (the pool's routing: `offered_condition`)."""
	columns = ", ".join(f"`tabCoaching Request`.`{field}`" for field in REQUEST_FIELDS)
	return frappe.db.sql(  # static-check: the condition is the permission module's own, every value escaped
		f"select {columns} from `tabCoaching Request` where {offered_condition(coach.name, user)}"
		" order by `tabCoaching Request`.`creation` asc",
		as_dict=True,
	)


def requests_of(user) -> list:
	"""The user's own coach-pool requests, latest first, with who took them and when they meet."""
	requests = frappe.get_all(
		"Coaching Request",
		filters={"requester": user},
		fields=["name", "skill", "status", "assigned_coach", "session", "decline_reason", "creation"],
		order_by="creation desc",
		limit=5,
	)
	for request in requests:
		request.coach_name = (
			frappe.db.get_value("Coach", request.assigned_coach, "full_name")
			if request.assigned_coach
			else None
		)
		request.session_start = (
			frappe.db.get_value("Coaching Session", request.session, "session_start")
			if request.session
			else None
		)
	return requests
