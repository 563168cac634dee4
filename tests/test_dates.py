from datetime import date

import pytest

from coaching_app.rules import dates


def test_one_year_term_ends_the_day_before_the_anniversary():
	assert dates.term_end_date(date(2026, 1, 1), 12) == date(2026, 12, 31)
	assert dates.term_end_date(date(2026, 3, 15), 12) == date(2027, 3, 14)


def test_term_from_month_end_is_clamped_to_shorter_months():
	assert dates.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
	assert dates.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
	assert dates.term_end_date(date(2027, 2, 28), 12) == date(2028, 2, 27)
	assert dates.term_end_date(date(2028, 2, 29), 12) == date(2029, 2, 27)


def test_term_needs_at_least_a_month():
	with pytest.raises(ValueError):
		dates.term_end_date(date(2026, 1, 1), 0)


def test_renewal_starts_the_day_after_the_end():
	assert dates.next_term_start(date(2026, 12, 31)) == date(2027, 1, 1)


def test_order_and_unavailability():
	assert dates.is_ordered(None, date(2026, 1, 1))
	assert dates.is_ordered(date(2026, 1, 1), date(2026, 1, 1))
	assert not dates.is_ordered(date(2026, 1, 2), date(2026, 1, 1))
	assert dates.is_unavailable(date(2026, 5, 1), date(2026, 4, 1), None)
	assert not dates.is_unavailable(date(2026, 5, 1), date(2026, 4, 1), date(2026, 4, 30))
	assert not dates.is_unavailable(date(2026, 5, 1), None, None)


@pytest.mark.parametrize(
	"start, today, expected",
	[
		(date(2025, 6, 10), date(2026, 6, 9), None),
		(date(2025, 6, 10), date(2026, 6, 10), date(2026, 6, 10)),
		(date(2025, 6, 10), date(2027, 1, 1), date(2026, 6, 10)),
		(date(2024, 2, 29), date(2025, 2, 28), date(2025, 2, 28)),
		(date(2024, 2, 29), date(2028, 3, 1), date(2028, 2, 29)),
	],
)
def test_latest_anniversary(start, today, expected):
	assert dates.latest_anniversary(start, today) == expected


def test_supported_frappe_versions():
	from coaching_app.rules.versions import is_supported, parsed

	assert parsed("15.44.2") == (15, 44, 2)
	assert parsed("16.0.0-dev") == (16, 0, 0)
	assert is_supported("15.44.2") and is_supported("15.90.1") and is_supported("16.0.0-dev")
	assert not is_supported("15.44.1")
	assert not is_supported("14.99.0")
	assert not is_supported("17.0.0")
