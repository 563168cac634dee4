"""Dates and times on the portal pages, written the way people write them ("Sat 12 Dec, 10:00"), in the
reader's language and time zone, never as the stored `2026-12-12 10:00:00`."""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import frappe
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_datetime_format
from frappe.utils import get_datetime, get_system_timezone, getdate, now_datetime

# English in the house style of the programs' own writing: weekday, day, month, no commas in between.
ENGLISH_DAY_FIRST = "EEE d MMM"
ENGLISH_MONTH_FIRST = "EEE MMM d"


def user_locale() -> Locale:
	"""The reader's language as a babel locale; a language babel does not know falls back to English."""
	lang = (frappe.local.lang or "en").replace("-", "_")
	try:
		return Locale.parse(lang)
	except (UnknownLocaleError, ValueError):
		return Locale.parse("en")


def user_time_zone(user: str | None = None) -> str:
	"""The reader's own time zone (User settings), else the site's."""
	user = user or frappe.session.user
	zone = frappe.db.get_value("User", user, "time_zone") if user and user != "Guest" else None
	return zone or get_system_timezone()


def in_user_time_zone(value, user: str | None = None) -> datetime:
	"""A stored datetime (naive, in the site's time zone) as the reader's wall-clock time."""
	moment = get_datetime(value)
	try:
		system, own = ZoneInfo(get_system_timezone()), ZoneInfo(user_time_zone(user))
	except (ZoneInfoNotFoundError, ValueError):
		return moment
	if system == own:
		return moment
	return moment.replace(tzinfo=system).astimezone(own).replace(tzinfo=None)


def portal_date(value, today: date | None = None) -> str:
	"""A day as people write it: "Sat 12 Dec", with the year when it is not this year."""
	if not value:
		return ""
	day = getdate(value)
	return _day(day, today or in_user_time_zone(now_datetime()).date())


def portal_datetime(value, user: str | None = None) -> str:
	"""A moment as people write it, in the reader's time zone: "Sat 12 Dec, 10:00"."""
	if not value:
		return ""
	moment = in_user_time_zone(value, user)
	today = in_user_time_zone(now_datetime(), user).date()
	locale = user_locale()
	time = format_skeleton("Hm", moment, locale=locale)
	# The locale's own way of joining a day and a time ("{1}, {0}" in English, "{1} {0}" in Dutch).
	joined = get_datetime_format("medium", locale=locale)
	return joined.replace("{1}", _day(moment.date(), today)).replace("{0}", time)


def _day(day: date, today: date) -> str:
	locale = user_locale()
	with_year = day.year != today.year
	if locale.language == "en":
		pattern = ENGLISH_MONTH_FIRST if _month_first(locale) else ENGLISH_DAY_FIRST
		return format_date(day, pattern + (" y" if with_year else ""), locale=locale)
	return format_skeleton("yMMMEd" if with_year else "MMMEd", day, locale=locale)


def _month_first(locale: Locale) -> bool:
	"""Plain English has no fixed order; the site's date format (mm-dd-yyyy or dd-mm-yyyy) tells it."""
	territory = locale.territory
	if territory:
		return territory == "US"
	return (frappe.db.get_default("date_format") or "dd-mm-yyyy").lower().startswith("mm")
