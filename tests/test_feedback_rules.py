from coaching_app.rules.feedback import NOT_ENOUGH, summarize

GROUP = {"coach": "C-1", "responses": 2, "anonymous": 1, "overall": 4.5, "relationship": 4, "progress": 3.333}


def test_small_anonymous_group_is_withheld():
	row = summarize(GROUP, threshold=3)
	assert row["note"] == NOT_ENOUGH
	assert row["overall"] is None and row["relationship"] is None and row["progress"] is None
	assert row["responses"] == 2


def test_group_at_threshold_is_shown():
	row = summarize({**GROUP, "responses": 3}, threshold=3)
	assert row["note"] is None
	assert row["overall"] == 4.5 and row["progress"] == 3.33


def test_named_only_group_is_shown_whatever_its_size():
	row = summarize({**GROUP, "responses": 1, "anonymous": 0}, threshold=3)
	assert row["overall"] == 4.5 and row["note"] is None
