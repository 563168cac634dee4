"""Ratings and growth-plan arithmetic."""

RATING_MIN = 1
RATING_MAX = 5


def is_valid_rating(value: int | None) -> bool:
	"""An unset rating (None or 0) is allowed; a set one lies on the 1-5 scale."""
	return value in (None, 0) or (isinstance(value, int) and RATING_MIN <= value <= RATING_MAX)


def average(values: list[int | None]) -> float | None:
	rated = [v for v in values if v]
	return round(sum(rated) / len(rated), 2) if rated else None


def progress_by_characteristic(
	plans: list[tuple[str, dict[str, tuple[int | None, int | None]]]],
) -> dict:
	"""Growth over time from plans given oldest first as (label, {characteristic: (self, coach)}).

	Returns the plan labels, each characteristic's self and coach series (None where unrated) in the
	order characteristics first appear, and the change of each from its first to its latest rating.
	"""
	labels = [label for label, _ in plans]
	names: list[str] = []
	for _, ratings in plans:
		names += [name for name in ratings if name not in names]
	series = {}
	for name in names:
		self_series = [ratings.get(name, (None, None))[0] or None for _, ratings in plans]
		coach_series = [ratings.get(name, (None, None))[1] or None for _, ratings in plans]
		rated = [v for v in self_series if v]
		series[name] = {
			"self": self_series,
			"coach": coach_series,
			"self_change": rated[-1] - rated[0] if len(rated) > 1 else None,
		}
	return {"labels": labels, "characteristics": series}
