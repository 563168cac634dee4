"""A coach's load: running agreements plus accepted pool bookings weighted by the settings. This module is
the one place that counts it, stores it on the Coach and keeps it true; `rules.capacity` holds the
arithmetic. Whatever changes an agreement's status or coach, or a pool request's status or assigned coach,
calls `refresh_coach_loads` for the coaches it touched."""

from collections.abc import Iterable

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Count

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings
from coaching_app.rules.capacity import coach_load
from coaching_app.rules.lifecycle import RUNNING_STATES
from coaching_app.utils import lock_row

# Coaches whose stored load one statement corrects.
CHUNK = 500


def load_counts(
	coaches: Iterable[str] | None = None, exclude_agreement: str | None = None
) -> tuple[dict[str, int], dict[str, int]]:
	"""Running agreements and accepted pool bookings per coach (all coaches, or the ones given), in two
	grouped queries. `exclude_agreement` leaves one agreement out, for deciding whether it fits."""
	agreement = frappe.qb.DocType("Coaching Agreement")
	request = frappe.qb.DocType("Coaching Request")
	running_query = (
		frappe.qb.from_(agreement)
		.select(agreement.coach, Count(agreement.name))
		.where(agreement.status.isin(list(RUNNING_STATES)))
		.groupby(agreement.coach)
	)
	bookings_query = (
		frappe.qb.from_(request)
		.select(request.assigned_coach, Count(request.name))
		.where(request.status == "Accepted")
		.groupby(request.assigned_coach)
	)
	if exclude_agreement:
		running_query = running_query.where(agreement.name != exclude_agreement)
	if coaches is not None:
		coaches = list(coaches) or [""]
		running_query = running_query.where(agreement.coach.isin(coaches))
		bookings_query = bookings_query.where(request.assigned_coach.isin(coaches))
	return dict(running_query.run()), dict(bookings_query.run())


def loads(coaches: Iterable[str] | None = None, exclude_agreement: str | None = None) -> dict[str, float]:
	"""The load of each coach given (or of every coach with any load), computed from the records."""
	running, bookings = load_counts(coaches, exclude_agreement)
	weight = get_settings().pool_booking_weight
	names = set(coaches) if coaches is not None else set(running) | set(bookings)
	return {name: coach_load(running.get(name, 0), bookings.get(name, 0), weight) for name in names}


def lock_coach(coach: str | None) -> frappe._dict | None:
	"""Hold the coach's row until the request ends, so that a decision about their load (an activation, an
	accepted booking) and the stored `current_load` it leaves are made one request at a time. Take it after
	the record being decided on (agreement or request), never before, so two requests cannot wait on each
	other."""
	return lock_row("Coach", coach, ("name", "capacity", "current_load")) if coach else None


def current_load(coach: str, exclude_agreement: str | None = None) -> float:
	return loads([coach], exclude_agreement)[coach]


def refresh_coach_loads(coaches: Iterable[str | None]) -> None:
	"""Recompute the stored load of the given coaches (empty names are ignored)."""
	coaches = {name for name in coaches if name}
	if coaches:
		_store(loads(coaches), only=coaches)


def refresh_all_coach_loads() -> None:
	"""Every coach's stored load, for jobs that move many agreements at once: two grouped counts, then one
	statement per chunk of coaches whose stored figure is wrong."""
	_store(loads(), only=None)


def _store(computed: dict[str, float], only: set[str] | None) -> None:
	coach = frappe.qb.DocType("Coach")
	query = frappe.qb.from_(coach).select(coach.name, coach.current_load)
	if only is not None:
		query = query.where(coach.name.isin(list(only)))
	wrong = {
		name: computed.get(name, 0.0)
		for name, stored in query.run()
		if round(float(stored or 0), 2) != computed.get(name, 0.0)
	}
	names = sorted(wrong)
	for start in range(0, len(names), CHUNK):
		chunk = names[start : start + CHUNK]
		new_load = Case()
		for name in chunk:
			new_load = new_load.when(coach.name == name, wrong[name])
		frappe.qb.update(coach).set(coach.current_load, new_load.else_(coach.current_load)).where(
			coach.name.isin(chunk)
		).run()
