"""Text placed inside a page's style sheet."""

SAFE = " .,;:!?()-'"


def css_string(text: str) -> str:
	"""`text` as a quoted CSS string: letters, digits and plain punctuation as they are, anything else (quotes,
	backslashes, angle brackets, line breaks) as a CSS escape, so no text can leave the string or the style."""
	return '"' + "".join(c if c.isalnum() or c in SAFE else f"\\{ord(c):x} " for c in text) + '"'
