"""Anonymity in feedback figures."""

NOT_ENOUGH = "Not enough responses"
NOT_CLOSED = "Shown when the round closes"

# No setting and no role goes below this: an average of fewer people's anonymous answers is too close to
# one person's answer.
ANONYMITY_FLOOR = 3


def anonymity_threshold(setting) -> int:
	"""The threshold in force: the setting, never below the floor (a stored value from before the floor, or
	one written past the settings form, is raised to it)."""
	try:
		value = int(setting or 0)
	except (TypeError, ValueError):
		value = 0
	return max(value, ANONYMITY_FLOOR)


def summarize(group: dict, threshold: int, released: bool = True) -> dict:
	"""One report row for a group of answers.

	`group` holds coach, responses, people (how many distinct people answered), anonymous (how many answers
	are anonymous) and the averages. Where any answer is anonymous the averages are withheld until the round
	is closed (`released`), so they never move while staff can still see who has answered, and unless at
	least `threshold` different people answered (never fewer than the floor): one person's several answers
	are still one person's.
	"""
	responses = int(group["responses"] or 0)
	people = int(group["people"] if group.get("people") is not None else responses)
	row = {
		"coach": group["coach"],
		"responses": responses,
		"people": people,
		"overall": _rounded(group.get("overall")),
		"relationship": _rounded(group.get("relationship")),
		"progress": _rounded(group.get("progress")),
		"note": None,
	}
	if int(group.get("anonymous") or 0):
		if not released:
			row.update(overall=None, relationship=None, progress=None, note=NOT_CLOSED)
		elif people < anonymity_threshold(threshold):
			row.update(overall=None, relationship=None, progress=None, note=NOT_ENOUGH)
	return row


def _rounded(value):
	return round(float(value), 2) if value is not None else None
