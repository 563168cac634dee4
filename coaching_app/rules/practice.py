"""Each program's own way of coaching: prompts asked in sessions and the first-meeting checklist."""

EVERY = "Every Session"
FIRST = "First Session"
LATER = "Later Sessions"

# What a new program starts with; staff edit them per program.
DEFAULT_PROMPTS = (
	("What results would you like to take away today?", EVERY),
	("What are you celebrating since we last met?", LATER),
	("What would make this coaching relationship work well for you?", FIRST),
	("What is one step you will take before we meet again?", EVERY),
)
DEFAULT_CHECKLIST = (
	"Intake reviewed together",
	"Expectations and confidentiality discussed",
	"Next meeting date set",
)


def prompts_for(prompts: list[tuple[str, str]], first_session: bool) -> list[str]:
	"""The prompts a session asks, in the program's order."""
	wanted = {EVERY, FIRST} if first_session else {EVERY, LATER}
	return [text for text, applies_to in prompts if (applies_to or EVERY) in wanted]


def checklist_complete(done: list[bool]) -> bool:
	"""A checklist with no items has nothing outstanding."""
	return all(done)
