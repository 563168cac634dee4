from datetime import datetime

import pytest

from coaching_app.rules.ical import Event, calendar, escape, fold

icalendar = pytest.importorskip("icalendar")


def test_feed_is_read_by_a_standard_parser():
	events = [
		Event(
			uid="SES-2026-00001@coaching",
			start=datetime(2026, 12, 1, 9, 0),
			end=datetime(2026, 12, 1, 11, 0),
			summary="Coaching: Lena Fischer, first session",
			description="Agenda; wins, realities\nand obstacles, " + "long text " * 20,
			location="Room 4, Building B",
			url="https://example.com/app/coaching-session/SES-2026-00001",
		),
		Event(
			uid="SES-2026-00002@coaching",
			start=datetime(2026, 12, 15, 9, 0),
			end=datetime(2026, 12, 15, 10, 0),
			summary="Coaching: Zoë Ünal",
			status="CANCELLED",
		),
	]
	text = calendar("My coaching sessions", events, stamp=datetime(2026, 11, 23, 12, 0))
	assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
	parsed = icalendar.Calendar.from_ical(text)
	vevents = parsed.walk("VEVENT")
	assert [str(e["UID"]) for e in vevents] == ["SES-2026-00001@coaching", "SES-2026-00002@coaching"]
	first = vevents[0]
	assert first.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 12, 1, 9, 0)
	assert first.decoded("DTEND").replace(tzinfo=None) == datetime(2026, 12, 1, 11, 0)
	assert str(first["LOCATION"]) == "Room 4, Building B"
	assert str(first["DESCRIPTION"]).startswith("Agenda; wins, realities\nand obstacles")
	assert str(vevents[1]["SUMMARY"]) == "Coaching: Zoë Ünal"
	assert str(vevents[1]["STATUS"]) == "CANCELLED"


def test_escape_and_fold():
	assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
	folded = fold("X" * 200)
	assert folded.replace("\r\n ", "") == "X" * 200
	assert fold("é" * 60).replace("\r\n ", "") == "é" * 60
	assert fold("short") == "short"


def test_empty_calendar_is_valid():
	text = calendar("Nothing yet", [], stamp=datetime(2026, 1, 1))
	assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []
