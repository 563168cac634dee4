"""Agreement terms and date arithmetic."""

import calendar
from datetime import date, timedelta


def add_months(start: date, months: int) -> date:
	"""Return the same day `months` later, clamped to the last day of a shorter month."""
	month_index = start.month - 1 + months
	year = start.year + month_index // 12
	month = month_index % 12 + 1
	day = min(start.day, calendar.monthrange(year, month)[1])
	return date(year, month, day)


def term_end_date(start: date, commitment_months: int) -> date:
	"""Last day of a commitment that begins on `start`: a 12-month term from 1 March ends on 28/29 February."""
	if commitment_months < 1:
		raise ValueError("commitment_months must be at least 1")
	return add_months(start, commitment_months) - timedelta(days=1)


def next_term_start(end: date) -> date:
	"""A renewed agreement starts the day after the previous one ends."""
	return end + timedelta(days=1)


def is_ordered(start: date | None, end: date | None) -> bool:
	"""Two optional dates are in order when either is missing or start does not come after end."""
	return start is None or end is None or start <= end


def within(day: date, start: date, end: date) -> bool:
	return start <= day <= end


def is_unavailable(day: date, unavailable_from: date | None, unavailable_until: date | None) -> bool:
	"""A coach's absence window; an open-ended window (no `until`) lasts until cleared."""
	if unavailable_from is None:
		return False
	return unavailable_from <= day and (unavailable_until is None or day <= unavailable_until)


def latest_anniversary(start: date, today: date) -> date | None:
	"""The most recent anniversary of `start` on or before `today`; None during the first year.
	A start on 29 February has its anniversary on 28 February in common years."""
	years = today.year - start.year
	if add_months(start, 12 * years) > today:
		years -= 1
	return add_months(start, 12 * years) if years >= 1 else None
