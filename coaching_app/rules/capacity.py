"""One capacity model for ongoing coachees and ad-hoc coach-pool bookings."""

from math import isclose

# A pool booking is a single conversation, lighter than an ongoing relationship.
DEFAULT_POOL_BOOKING_WEIGHT = 0.25


def coach_load(running_agreements: int, open_pool_bookings: int, pool_weight: float) -> float:
	return round(running_agreements + open_pool_bookings * pool_weight, 2)


def free_capacity(capacity: int, load: float) -> float:
	return round(max(capacity - load, 0.0), 2)


def would_exceed(capacity: int, load: float, added: float = 1.0) -> bool:
	"""True when taking on `added` more would take the coach beyond capacity."""
	total = load + added
	return total > capacity and not isclose(total, capacity)


def is_over_capacity(capacity: int, load: float) -> bool:
	return load > capacity and not isclose(load, capacity)
