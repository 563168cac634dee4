"""Ranking coaches for a coachee: skill overlap first, then room to take them on, then recent activity."""

from dataclasses import dataclass, field
from datetime import date

from coaching_app.rules.capacity import free_capacity, would_exceed
from coaching_app.rules.dates import is_unavailable

SKILL_POINTS = 10
EXPERT_BONUS = 3
FREE_SLOT_POINTS = 2
MAX_FREE_SLOT_POINTS = 6
RECENT_DAYS = 30
RECENT_POINTS = 3
STALE_DAYS = 90


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


def score(candidate: Candidate, wanted_skills: set[str], today: date) -> Suggestion:
	points = 0
	reasons = []
	matched = sorted(wanted_skills & set(candidate.skills))
	if matched:
		points += SKILL_POINTS * len(matched)
		experts = [s for s in matched if candidate.skills[s] == "Expert"]
		points += EXPERT_BONUS * len(experts)
		reasons.append("skills: " + ", ".join(f"{s} (expert)" if s in experts else s for s in matched))
	else:
		reasons.append("no matching skill")
	room = free_capacity(candidate.capacity, candidate.load)
	points += min(int(room * FREE_SLOT_POINTS), MAX_FREE_SLOT_POINTS)
	reasons.append(f"room for {room:g} more")
	if candidate.last_session:
		days = (today - candidate.last_session).days
		if days <= RECENT_DAYS:
			points += RECENT_POINTS
			reasons.append(f"coached {days} days ago")
		elif days > STALE_DAYS:
			points -= RECENT_POINTS
			reasons.append(f"no session for {days} days")
	else:
		reasons.append("no session yet")
	return Suggestion(candidate.name, candidate.full_name, points, reasons)


def rank(
	candidates: list[Candidate], wanted_skills: set[str], today: date, limit: int = 5
) -> list[Suggestion]:
	"""Eligible coaches, best first; ties broken by name so the order is stable."""
	eligible = [score(c, wanted_skills, today) for c in candidates if exclusion(c, today) is None]
	eligible.sort(key=lambda s: (-s.score, s.full_name, s.coach))
	return eligible[:limit]
