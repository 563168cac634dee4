from datetime import date

import pytest

from coaching_app.rules import cadence, capacity, scoring, text


def test_pool_bookings_share_the_capacity_model():
	load = capacity.coach_load(running_agreements=3, open_pool_bookings=2, pool_weight=0.25)
	assert load == 3.5
	assert capacity.free_capacity(4, load) == 0.5
	assert not capacity.would_exceed(4, load, added=0.5)
	assert capacity.would_exceed(4, load, added=1)
	assert capacity.free_capacity(2, load) == 0


def test_capacity_edge_is_inclusive_and_float_safe():
	assert not capacity.would_exceed(3, 2.0)
	assert capacity.would_exceed(3, 3.0)
	assert not capacity.would_exceed(1, 0.1 + 0.2, added=0.7)
	assert capacity.is_over_capacity(2, 2.25)
	assert not capacity.is_over_capacity(2, 2.0)


@pytest.mark.parametrize(
	"today, behind",
	[(date(2026, 1, 22), False), (date(2026, 1, 23), True)],
)
def test_cadence_falls_behind_after_interval_plus_grace(today, behind):
	# Weekly from a session on 8 January, grace of 7 days: due 15th, behind from the 23rd.
	assert (
		cadence.is_behind(cadence.WEEKLY, date(2026, 1, 1), date(2026, 1, 8), today, grace_days=7) is behind
	)


def test_cadence_counts_from_the_start_before_any_session():
	assert cadence.next_session_due(cadence.MONTHLY, date(2026, 1, 1), None) == date(2026, 2, 1)
	assert cadence.next_session_due(cadence.EVERY_OTHER_WEEK, date(2026, 1, 1), None) == date(2026, 1, 15)
	with pytest.raises(ValueError):
		cadence.interval_days("Yearly")


def test_ratings():
	assert scoring.is_valid_rating(None) and scoring.is_valid_rating(0)
	assert scoring.is_valid_rating(1) and scoring.is_valid_rating(5)
	assert not scoring.is_valid_rating(6) and not scoring.is_valid_rating(-1)
	assert scoring.average([4, None, 2, 0]) == 3.0
	assert scoring.average([None, 0]) is None


def test_blank_rich_text():
	assert text.is_blank(None) and text.is_blank("  ") and text.is_blank("<p><br></p>")
	assert text.is_blank("<div>&nbsp;</div>")
	assert not text.is_blank("<p>Read one chapter</p>")


def test_growth_progress_over_plans():
	progress = scoring.progress_by_characteristic(
		[
			("2026-01-10", {"Courage": (2, 3), "Wisdom": (3, None)}),
			("2026-07-10", {"Courage": (3, 3), "Wisdom": (0, 4), "Integrity": (4, 4)}),
			("2027-01-10", {"Courage": (5, 4), "Wisdom": (4, 4)}),
		]
	)
	assert progress["labels"] == ["2026-01-10", "2026-07-10", "2027-01-10"]
	assert list(progress["characteristics"]) == ["Courage", "Wisdom", "Integrity"]
	courage = progress["characteristics"]["Courage"]
	assert courage["self"] == [2, 3, 5] and courage["coach"] == [3, 3, 4] and courage["self_change"] == 3
	wisdom = progress["characteristics"]["Wisdom"]
	assert wisdom["self"] == [3, None, 4] and wisdom["self_change"] == 1
	assert progress["characteristics"]["Integrity"]["self"] == [None, 4, None]
	assert progress["characteristics"]["Integrity"]["self_change"] is None
	assert scoring.progress_by_characteristic([]) == {"labels": [], "characteristics": {}}
