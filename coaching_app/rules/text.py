"""Small text helpers shared by validation rules."""

import re

_TAGS = re.compile(r"<[^>]+>")


def is_blank(value: str | None) -> bool:
	"""True for None, whitespace, or rich text that holds no words (an empty editor leaves `<p><br></p>`)."""
	if not value:
		return True
	return not _TAGS.sub("", value).replace("&nbsp;", " ").strip()
