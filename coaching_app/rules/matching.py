"""Ranking coaches for a coachee: skill overlap first, then the quality of the coach's track record, then
room to take them on, then recent activity.

Reasons are written through `translate` (the caller passes Frappe's `_`), so the texts stay in this pure
module where the translation extractor finds them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from coaching_app.rules.cadence import is_behind, next_session_due
from coaching_app.rules.capacity import free_capacity, would_exceed
from coaching_app.rules.dates import is_unavailable
from coaching_app.rules.feedback import ANONYMITY_FLOOR

SKILL_POINTS = 10
EXPERT_BONUS = 3
FREE_SLOT_POINTS = 2
MAX_FREE_SLOT_POINTS = 6
RECENT_DAYS = 30
RECENT_POINTS = 3
STALE_DAYS = 90

# Track record. The programs prefer a strong record over spare room, so a strong record is worth more than
# the most room can give (MAX_FREE_SLOT_POINTS), and a record never outweighs one matching skill.
RATING_MIDPOINT = 3  # of 5: an average above it earns points, below it costs them
RATING_POINTS_PER_STEP = 4
ON_CADENCE_SHARE = 0.8  # share of running relationships on cadence that "meets on cadence"
BEHIND_CADENCE_SHARE = 0.5  # below this share the coach is behind cadence
CADENCE_POINTS = 3
COMPLETED_SHARE = 0.75  # share of ended relationships completed or renewed that earns points
EARLY_END_SHARE = 0.5  # below this share completed, early ends cost points
MAX_OUTCOME_POINTS = 3
MAX_RECORD_POINTS = SKILL_POINTS - 1


def _as_written(text: str) -> str:
	return text


@dataclass
class Record:
	"""A coach's track record in plain numbers.

	`rating` is the coachees' average overall rating (1-5) over `rating_people` different people in
	`rating_rounds` closed rounds; it counts only when at least the anonymity floor of people answered.
	`on_cadence` of `cadence_tracked` running relationships meet their agreed cadence; `completed` ended
	relationships were completed or renewed and `ended_early` were terminated or reassigned.
	"""

	rating: float | None = None
	rating_people: int = 0
	rating_rounds: int = 0
	on_cadence: int = 0
	cadence_tracked: int = 0
	completed: int = 0
	ended_early: int = 0


@dataclass
class Candidate:
	name: str
	full_name: str
	status: str
	capacity: int
	load: float
	skills: dict[str, str] = field(default_factory=dict)  # skill -> level
	last_session: date | None = None
	unavailable_from: date | None = None
	unavailable_until: date | None = None
	record: Record = field(default_factory=Record)


@dataclass
class Suggestion:
	coach: str
	full_name: str
	score: int
	reasons: list[str]


def exclusion(candidate: Candidate, today: date) -> str | None:
	"""Why a coach cannot be suggested at all, or None."""
	if candidate.status != "Active":
		return "not active"
	if is_unavailable(today, candidate.unavailable_from, candidate.unavailable_until):
		return "unavailable"
	if would_exceed(candidate.capacity, candidate.load):
		return "at capacity"
	return None


def _half_up(value: float) -> int:
	"""Rounded half away from zero (Python's round() sends 4.5 to 4)."""
	return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def rating_counts(record: Record) -> bool:
	"""A rating is used, and shown, only when at least the anonymity floor of different people gave it."""
	return record.rating is not None and record.rating_people >= ANONYMITY_FLOOR and record.rating_rounds > 0


def record_quality(record: Record, translate: Callable[[str], str] = _as_written) -> tuple[int, list[str]]:
	"""Points and reasons for a coach's track record; a coach with no record gets 0 points."""
	_ = translate
	points = 0
	reasons = []
	if rating_counts(record):
		points += _half_up((record.rating - RATING_MIDPOINT) * RATING_POINTS_PER_STEP)
		average = f"{record.rating:.1f}"
		if record.rating_rounds == 1:
			reasons.append(_("coachees rate them {0} of 5 over 1 round").format(average))
		else:
			reasons.append(
				_("coachees rate them {0} of 5 over {1} rounds").format(average, record.rating_rounds)
			)
	if record.cadence_tracked > 0:
		share = record.on_cadence / record.cadence_tracked
		if share >= ON_CADENCE_SHARE:
			points += CADENCE_POINTS
			reasons.append(_("meets on cadence"))
		elif share < BEHIND_CADENCE_SHARE:
			points -= CADENCE_POINTS
			reasons.append(
				_("behind cadence in {0} of {1} relationships").format(
					record.cadence_tracked - record.on_cadence, record.cadence_tracked
				)
			)
		else:
			reasons.append(
				_("on cadence in {0} of {1} relationships").format(record.on_cadence, record.cadence_tracked)
			)
	ended = record.completed + record.ended_early
	if ended > 0:
		share = record.completed / ended
		if share >= COMPLETED_SHARE:
			points += min(record.completed, MAX_OUTCOME_POINTS)
		elif share < EARLY_END_SHARE:
			points -= MAX_OUTCOME_POINTS
		if record.completed == 1:
			reasons.append(_("1 relationship completed or renewed"))
		elif record.completed:
			reasons.append(_("{0} relationships completed or renewed").format(record.completed))
		if record.ended_early == 1:
			reasons.append(_("1 relationship ended early"))
		elif record.ended_early:
			reasons.append(_("{0} relationships ended early").format(record.ended_early))
	if not reasons:
		reasons.append(_("no track record yet"))
	return max(-MAX_RECORD_POINTS, min(points, MAX_RECORD_POINTS)), reasons


def cadence_record(
	relationships: Iterable[tuple[str, date, date | None]], today: date, grace_days: int = 0
) -> tuple[int, int]:
	"""(on cadence, tracked) over running relationships given as (cadence, start, last completed session).
	A relationship counts once it has met or its first session has fallen due: a new one proves nothing."""
	on_cadence = tracked = 0
	for cadence, start, last in relationships:
		if last is None and today <= next_session_due(cadence, start, None):
			continue
		tracked += 1
		if not is_behind(cadence, start, last, today, grace_days):
			on_cadence += 1
	return on_cadence, tracked


def score(
	candidate: Candidate,
	wanted_skills: set[str],
	today: date,
	translate: Callable[[str], str] = _as_written,
) -> Suggestion:
	_ = translate
	points = 0
	reasons = []
	matched = sorted(wanted_skills & set(candidate.skills))
	if matched:
		points += SKILL_POINTS * len(matched)
		experts = [s for s in matched if candidate.skills[s] == "Expert"]
		points += EXPERT_BONUS * len(experts)
		named = ", ".join(_("{0} (expert)").format(s) if s in experts else s for s in matched)
		reasons.append(_("skills: {0}").format(named))
	else:
		reasons.append(_("no matching skill"))
	quality, quality_reasons = record_quality(candidate.record, translate)
	points += quality
	reasons += quality_reasons
	room = free_capacity(candidate.capacity, candidate.load)
	points += min(int(room * FREE_SLOT_POINTS), MAX_FREE_SLOT_POINTS)
	reasons.append(_("room for {0} more").format(f"{room:g}"))
	if candidate.last_session:
		days = (today - candidate.last_session).days
		if days <= RECENT_DAYS:
			points += RECENT_POINTS
			reasons.append(_("coached {0} days ago").format(days))
		elif days > STALE_DAYS:
			points -= RECENT_POINTS
			reasons.append(_("no session for {0} days").format(days))
	else:
		reasons.append(_("no session yet"))
	return Suggestion(candidate.name, candidate.full_name, points, reasons)


def rank(
	candidates: list[Candidate],
	wanted_skills: set[str],
	today: date,
	limit: int = 5,
	translate: Callable[[str], str] = _as_written,
) -> list[Suggestion]:
	"""Eligible coaches, best first; ties broken by name so the order is stable."""
	eligible = [score(c, wanted_skills, today, translate) for c in candidates if exclusion(c, today) is None]
	eligible.sort(key=lambda s: (-s.score, s.full_name, s.coach))
	return eligible[:limit]
