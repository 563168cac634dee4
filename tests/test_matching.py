from datetime import date

from coaching_app.rules.matching import Candidate, exclusion, rank, score

TODAY = date(2026, 11, 23)


def coach(name, skills=None, load=0.0, capacity=4, status="Active", last=None, **kw):
	return Candidate(name, name.title(), status, capacity, load, skills or {}, last, **kw)


def test_skill_overlap_ranks_first_then_room_then_activity():
	candidates = [
		coach("ana", {"Delegation": "Practised"}, load=3),
		coach("ben", {"Delegation": "Expert", "Public Speaking": "Practised"}, load=3),
		coach("cy", {}, load=0, last=date(2026, 11, 20)),
		coach("di", {"Delegation": "Practised"}, load=0),
	]
	ranked = rank(candidates, {"Delegation", "Public Speaking"}, TODAY)
	assert [s.coach for s in ranked] == ["ben", "di", "ana", "cy"]
	assert ranked[0].score == 10 * 2 + 3 + 2
	assert "skills: Delegation (expert), Public Speaking" in ranked[0].reasons


def test_excluded_coaches_are_never_suggested():
	candidates = [
		coach("full", {"Delegation": "Expert"}, load=4, capacity=4),
		coach("away", {"Delegation": "Expert"}, unavailable_from=date(2026, 11, 1), unavailable_until=None),
		coach(
			"back",
			{"Delegation": "Expert"},
			unavailable_from=date(2026, 10, 1),
			unavailable_until=date(2026, 11, 1),
		),
		coach("trainee", {"Delegation": "Expert"}, status="In Training"),
		coach("gone", {"Delegation": "Expert"}, status="Inactive"),
	]
	assert [s.coach for s in rank(candidates, {"Delegation"}, TODAY)] == ["back"]
	assert exclusion(candidates[0], TODAY) == "at capacity"
	assert exclusion(candidates[1], TODAY) == "unavailable"
	assert exclusion(candidates[3], TODAY) == "not active"


def test_recent_and_stale_activity_move_the_score():
	fresh = score(coach("f", last=date(2026, 11, 13)), set(), TODAY)
	stale = score(coach("s", last=date(2026, 6, 1)), set(), TODAY)
	new = score(coach("n"), set(), TODAY)
	assert fresh.score > new.score > stale.score
	assert "coached 10 days ago" in fresh.reasons


def test_ties_are_stable_and_limit_applies():
	candidates = [coach(n) for n in ("zed", "amy", "bob")]
	assert [s.coach for s in rank(candidates, set(), TODAY, limit=2)] == ["amy", "bob"]
