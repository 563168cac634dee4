"""A minimal RFC 5545 writer for a read-only calendar of coaching sessions."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Event:
	uid: str
	start: datetime  # UTC
	end: datetime  # UTC
	summary: str
	description: str = ""
	location: str = ""
	status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
	url: str = ""


def escape(text: str) -> str:
	return (
		(text or "")
		.replace("\\", "\\\\")
		.replace(";", "\\;")
		.replace(",", "\\,")
		.replace("\r\n", "\\n")
		.replace("\n", "\\n")
	)


def fold(line: str) -> str:
	"""Lines longer than 75 octets continue on the next line after a CRLF and a space."""
	encoded = line.encode()
	if len(encoded) <= 75:
		return line
	parts, start = [], 0
	limit = 75
	while start < len(encoded):
		end = min(start + limit, len(encoded))
		# never cut a multi-byte character in half
		while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
			end -= 1
		parts.append(encoded[start:end].decode())
		start = end
		limit = 74  # continuation lines start with a space
	return "\r\n ".join(parts)


def utc_stamp(moment: datetime) -> str:
	return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events: Iterable[Event], stamp: datetime) -> str:
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//coaching_app//Coaching Sessions//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		f"X-WR-CALNAME:{escape(name)}",
	]
	for event in events:
		lines += [
			"BEGIN:VEVENT",
			f"UID:{event.uid}",
			f"DTSTAMP:{utc_stamp(stamp)}",
			f"DTSTART:{utc_stamp(event.start)}",
			f"DTEND:{utc_stamp(event.end)}",
			f"SUMMARY:{escape(event.summary)}",
			f"STATUS:{event.status}",
		]
		if event.description:
			lines.append(f"DESCRIPTION:{escape(event.description)}")
		if event.location:
			lines.append(f"LOCATION:{escape(event.location)}")
		if event.url:
			lines.append(f"URL:{event.url}")
		lines.append("END:VEVENT")
	lines.append("END:VCALENDAR")
	return "\r\n".join(fold(line) for line in lines) + "\r\n"
