from datetime import date, timedelta

from coaching_app.rules.matching import (
	MAX_FREE_SLOT_POINTS,
	MAX_RECORD_POINTS,
	SKILL_POINTS,
	Candidate,
	Record,
	cadence_record,
	rank,
	record_quality,
	score,
)

TODAY = date(2026, 11, 23)


def coach(name, record=None, load=0.0, capacity=5, skills=None, last=None):
	return Candidate(
		name, name.title(), "Active", capacity, load, skills or {}, last, record=record or Record()
	)


STRONG = Record(rating=4.6, rating_people=5, rating_rounds=3, on_cadence=4, cadence_tracked=4, completed=12)


def test_no_record_is_neutral_and_says_so():
	points, reasons = record_quality(Record())
	assert points == 0
	assert reasons == ["no track record yet"]


def test_a_strong_record_earns_points_and_reads_as_reasons():
	points, reasons = record_quality(STRONG)
	assert points > MAX_FREE_SLOT_POINTS
	assert reasons == [
		"coachees rate them 4.6 of 5 over 3 rounds",
		"meets on cadence",
		"12 relationships completed or renewed",
	]


def test_a_strong_record_with_one_place_ranks_above_spare_room_without_a_record():
	strong = coach("strong", STRONG, load=4)
	roomy = coach("roomy", load=0)
	assert [s.coach for s in rank([roomy, strong], set(), TODAY)] == ["strong", "roomy"]
	# Even a rating alone, or cadence and completed relationships alone, outweigh four more free places.
	for record in (
		Record(rating=4.5, rating_people=3, rating_rounds=1),
		Record(on_cadence=3, cadence_tracked=3, completed=2),
	):
		ranked = rank([roomy, coach("one", record, load=4)], set(), TODAY)
		assert [s.coach for s in ranked] == ["one", "roomy"]


def test_a_record_never_outweighs_a_matching_skill():
	best = Record(rating=5, rating_people=9, rating_rounds=4, on_cadence=9, cadence_tracked=9, completed=30)
	assert record_quality(best)[0] == MAX_RECORD_POINTS < SKILL_POINTS
	skilled = coach("skilled", skills={"Delegation": "Practised"})
	assert rank([coach("record", best), skilled], {"Delegation"}, TODAY)[0].coach == "skilled"


def test_no_rating_below_the_anonymity_floor_of_people():
	for record in (
		Record(rating=1.0, rating_people=2, rating_rounds=1),
		Record(rating=5.0, rating_people=1, rating_rounds=3),
		Record(rating=5.0, rating_people=3, rating_rounds=0),
	):
		points, reasons = record_quality(record)
		assert points == 0
		assert not any("rate" in r for r in reasons)
	assert record_quality(Record(rating=4.0, rating_people=3, rating_rounds=1))[1] == [
		"coachees rate them 4.0 of 5 over 1 round"
	]


def test_poor_ratings_cadence_and_early_ends_cost_points():
	poor = Record(
		rating=2.0, rating_people=4, rating_rounds=2, on_cadence=1, cadence_tracked=3, ended_early=3
	)
	points, reasons = record_quality(poor)
	assert points < 0
	assert "behind cadence in 2 of 3 relationships" in reasons
	assert "3 relationships ended early" in reasons
	assert rank([coach("poor", poor), coach("new")], set(), TODAY)[0].coach == "new"


def test_a_mixed_record_is_shown_as_it_is():
	points, reasons = record_quality(Record(on_cadence=2, cadence_tracked=3, completed=1, ended_early=1))
	assert points == 0
	assert reasons == [
		"on cadence in 2 of 3 relationships",
		"1 relationship completed or renewed",
		"1 relationship ended early",
	]


def test_rating_points_round_half_up():
	assert record_quality(Record(rating=4.625, rating_people=3, rating_rounds=1))[0] == 7
	assert record_quality(Record(rating=3.125, rating_people=3, rating_rounds=1))[0] == 1


def test_cadence_counts_relationships_once_they_are_due():
	day = timedelta
	relationships = [
		("Weekly", TODAY - day(3), None),  # new: not yet due
		("Weekly", TODAY - day(30), TODAY - day(2)),  # met two days ago
		("Monthly", TODAY - day(100), TODAY - day(60)),  # behind
		("Every Other Week", TODAY - day(20), None),  # never met, due six days ago
	]
	assert cadence_record(relationships, TODAY) == (1, 3)
	assert cadence_record(relationships, TODAY, grace_days=7) == (2, 3)


def test_reasons_go_through_the_translation_given():
	shouted = score(coach("c", STRONG, skills={"Delegation": "Expert"}), {"Delegation"}, TODAY, str.upper)
	# The texts are translated, the values put into them are not.
	assert "COACHEES RATE THEM 4.6 OF 5 OVER 3 ROUNDS" in shouted.reasons
	assert "SKILLS: Delegation (EXPERT)" in shouted.reasons
	assert "ROOM FOR 5 MORE" in shouted.reasons
