"""Anonymity in feedback reports."""

NOT_ENOUGH = "Not enough responses"


def summarize(group: dict, threshold: int) -> dict:
	"""One report row for a group of answers.

	`group` holds coach, responses, anonymous (how many of them are anonymous) and the averages. Where any
	answer is anonymous and the group is smaller than `threshold`, the averages are withheld, since a
	small group's average can reveal one person's answer.
	"""
	row = {
		"coach": group["coach"],
		"responses": int(group["responses"] or 0),
		"overall": _rounded(group.get("overall")),
		"relationship": _rounded(group.get("relationship")),
		"progress": _rounded(group.get("progress")),
		"note": None,
	}
	if int(group.get("anonymous") or 0) and row["responses"] < threshold:
		row.update(overall=None, relationship=None, progress=None, note=NOT_ENOUGH)
	return row


def _rounded(value):
	return round(float(value), 2) if value is not None else None
