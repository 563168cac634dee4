from coaching_app.rules.practice import (
	DEFAULT_PROMPTS,
	EVERY,
	FIRST,
	LATER,
	checklist_complete,
	prompts_for,
)

PROMPTS = [
	("Results?", EVERY),
	("Celebrating?", LATER),
	("How do we work well?", FIRST),
	("Next step?", EVERY),
]


def test_first_meeting_has_its_own_prompts():
	assert prompts_for(PROMPTS, first_session=True) == ["Results?", "How do we work well?", "Next step?"]
	assert prompts_for(PROMPTS, first_session=False) == ["Results?", "Celebrating?", "Next step?"]


def test_unset_audience_means_every_session():
	assert prompts_for([("Anything else?", "")], first_session=True) == ["Anything else?"]


def test_defaults_cover_both_kinds_of_session():
	assert prompts_for(list(DEFAULT_PROMPTS), True) and prompts_for(list(DEFAULT_PROMPTS), False)
	assert prompts_for(list(DEFAULT_PROMPTS), True) != prompts_for(list(DEFAULT_PROMPTS), False)


def test_checklist_completion():
	assert checklist_complete([True, True])
	assert not checklist_complete([True, False])
	assert checklist_complete([])
