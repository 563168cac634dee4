"""Session cadence: how often a relationship meets, and when it has fallen behind."""

from datetime import date, timedelta

WEEKLY = "Weekly"
EVERY_OTHER_WEEK = "Every Other Week"
MONTHLY = "Monthly"

CADENCES = (WEEKLY, EVERY_OTHER_WEEK, MONTHLY)
INTERVAL_DAYS = {WEEKLY: 7, EVERY_OTHER_WEEK: 14, MONTHLY: 31}


def interval_days(cadence: str) -> int:
	try:
		return INTERVAL_DAYS[cadence]
	except KeyError:
		raise ValueError(f"unknown cadence {cadence!r}") from None


def next_session_due(cadence: str, start: date, last_completed: date | None) -> date:
	"""The date by which the next session should have happened."""
	anchor = last_completed or start
	return anchor + timedelta(days=interval_days(cadence))


def is_behind(
	cadence: str, start: date, last_completed: date | None, today: date, grace_days: int = 0
) -> bool:
	"""True once the due date plus grace has passed without a completed session."""
	return today > next_session_due(cadence, start, last_completed) + timedelta(days=max(grace_days, 0))
