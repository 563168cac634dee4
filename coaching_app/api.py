"""Whitelisted endpoints that belong to no single DocType."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import (
	add_to_date,
	get_datetime,
	get_system_timezone,
	get_url,
	get_url_to_form,
	now_datetime,
)

from coaching_app.rules.ical import Event, calendar
from coaching_app.utils import required

FEED_PATH = "/api/method/coaching_app.api.session_feed"
FEED_STATUS = {
	"Scheduled": "CONFIRMED",
	"Completed": "CONFIRMED",
	"Cancelled": "CANCELLED",
	"No Show": "CANCELLED",
}


def feed_url(token: str) -> str:
	return get_url(f"{FEED_PATH}?token={token}")


def _require_login() -> str:
	if frappe.session.user == "Guest":
		frappe.throw(_("Please log in to manage your calendar feed."), frappe.PermissionError)
	return frappe.session.user


@frappe.whitelist(methods=["POST"])
def give_consent(agreement: str | None = None) -> str:
	"""The portal's consent button: the signed-in coach or coachee accepts their own agreement."""
	required(agreement, "Agreement")
	doc = frappe.get_doc("Coaching Agreement", agreement)
	doc.check_permission("read")
	return doc.record_consent()


@frappe.whitelist(methods=["POST"])
def set_session_agenda(session: str | None = None, agenda: str | None = None) -> str:
	"""My Coaching's agenda box: the coachee writes what she wants to take away from her next session."""
	required(session, "Session")
	doc = frappe.get_doc("Coaching Session", session)
	doc.check_permission("read")
	return doc.set_agenda(agenda)


@frappe.whitelist(methods=["POST"])
def share_with_staff(doctype: str | None = None, name: str | None = None, share: int | str = 1) -> int:
	"""My Coaching's share switch: the coachee shares one session or growth plan with program staff, or takes
	it back."""
	from coaching_app.access.permissions import SHAREABLE_WITH_STAFF

	required(doctype, "DocType")
	required(name, "Name")
	if doctype not in SHAREABLE_WITH_STAFF:
		frappe.throw(_("Only sessions and growth plans can be shared with program staff."))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return doc.share_with_staff(share)


@frappe.whitelist(methods=["POST"])
def accept_request(request: str | None = None, session_start: str | None = None, location: str | None = None):
	"""My Coaching's Accept: the coach offered a coach-pool request takes it and sets the first meeting."""
	doc = _request(request)
	doc.check_permission("read")
	return doc.accept(session_start=session_start, location=location)


@frappe.whitelist(methods=["POST"])
def decline_request(request: str | None = None, reason: str | None = None) -> None:
	"""My Coaching's Decline: the coach a request names hands it on to the pool, with a reason."""
	doc = _request(request)
	doc.check_permission("read")
	doc.decline(reason=reason)


@frappe.whitelist(methods=["POST"])
def cancel_request(request: str | None = None) -> None:
	"""My Coaching's Cancel: the requester withdraws their request."""
	doc = _request(request)
	doc.check_permission("read")
	doc.cancel_request()


def _request(name: str | None):
	return frappe.get_doc("Coaching Request", required(name, "Coaching Request"))


@frappe.whitelist(methods=["POST"])
def get_calendar_feed_url() -> str:
	"""The signed-in user's private calendar address, created on first use."""
	user = _require_login()
	token = frappe.db.get_value("Coaching Calendar Feed", user, "token")
	if not token:
		feed = frappe.get_doc({"doctype": "Coaching Calendar Feed", "user": user})
		feed.insert(ignore_permissions=True)
		token = feed.token
	return feed_url(token)


@frappe.whitelist(methods=["POST"])
def reset_calendar_feed() -> str:
	"""Revoke the old address (anyone holding it loses access at once) and return a new one."""
	user = _require_login()
	if not frappe.db.exists("Coaching Calendar Feed", user):
		return get_calendar_feed_url()
	feed = frappe.get_doc("Coaching Calendar Feed", user)
	feed.regenerate_token()
	return feed_url(feed.token)


@frappe.whitelist(methods=["POST"])
def revoke_calendar_feed() -> None:
	user = _require_login()
	frappe.db.delete("Coaching Calendar Feed", {"user": user})


# Guest access: calendar applications fetch the feed without a session; the unguessable token in the
# address is the credential, and it can be revoked by its owner at any time.
@frappe.whitelist(allow_guest=True, methods=["GET"])
def session_feed(token: str = "") -> None:
	user = frappe.db.get_value("Coaching Calendar Feed", {"token": token}, "user") if token else None
	if not user:
		frappe.throw(_("This calendar address is not valid or was revoked."), frappe.PermissionError)
	frappe.db.set_value("Coaching Calendar Feed", user, "last_used_on", now_datetime(), update_modified=False)
	frappe.local.response.filename = "coaching-sessions.ics"
	frappe.local.response.filecontent = calendar(_("Coaching sessions"), sessions_for_feed(user), now_utc())
	frappe.local.response.type = "download"
	frappe.local.response.content_type = "text/calendar; charset=utf-8"


def now_utc() -> datetime:
	return datetime.now(timezone.utc).replace(tzinfo=None)


def to_utc(moment) -> datetime:
	local = get_datetime(moment).replace(tzinfo=ZoneInfo(get_system_timezone()))
	return local.astimezone(timezone.utc).replace(tzinfo=None)


def sessions_for_feed(user: str) -> list[Event]:
	"""The user's own sessions, as coach or as coachee, from 90 days back; never private notes."""
	session = frappe.qb.DocType("Coaching Session")
	rows = (
		frappe.qb.from_(session)
		.select(
			session.name,
			session.session_start,
			session.session_end,
			session.duration_minutes,
			session.coach_user,
			session.coach_name,
			session.coachee_name,
			session.location,
			session.status,
			session.agenda,
			session.first_session,
		)
		.where(
			((session.coach_user == user) | (session.coachee_user == user))
			& (session.session_start >= add_to_date(now_datetime(), days=-90))
		)
		.orderby(session.session_start)
	).run(as_dict=True)
	host = frappe.local.site
	events = []
	for row in rows:
		other = row.coachee_name if row.coach_user == user else row.coach_name
		title = (
			_("Coaching with {0} (first session)") if row.first_session else _("Coaching with {0}")
		).format(other)
		end = row.session_end or add_to_date(row.session_start, minutes=row.duration_minutes or 60)
		events.append(
			Event(
				uid=f"{row.name}@{host}",
				start=to_utc(row.session_start),
				end=to_utc(end),
				summary=title,
				description=row.agenda or "",
				location=row.location or "",
				status=FEED_STATUS.get(row.status, "CONFIRMED"),
				url=get_url_to_form("Coaching Session", row.name),
			)
		)
	return events
