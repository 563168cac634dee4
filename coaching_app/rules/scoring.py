"""Ratings and growth-plan arithmetic."""

RATING_MIN = 1
RATING_MAX = 5


def is_valid_rating(value: int | None) -> bool:
	"""An unset rating (None or 0) is allowed; a set one lies on the 1-5 scale."""
	return value in (None, 0) or (isinstance(value, int) and RATING_MIN <= value <= RATING_MAX)


def average(values: list[int | None]) -> float | None:
	rated = [v for v in values if v]
	return round(sum(rated) / len(rated), 2) if rated else None


def rating_changes(earlier: dict[str, int | None], latest: dict[str, int | None]) -> dict[str, int | None]:
	"""Per characteristic, latest minus earlier; None where either plan left it unrated."""
	return {
		name: (latest[name] - earlier[name]) if latest.get(name) and earlier.get(name) else None
		for name in latest
	}
