"""Coach training: a program's ordered modules, a learner's way through them, and the date by which a
program requires the training from its coaches.

A module asks either a reflection (free text of at least `min_words` words) or a check (one of the listed
options, of which one is right). Modules are taken in order: the next one opens when the one before it is
answered. Module identities are the program's row names, so reordering or editing a module keeps what a
learner already answered.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

# Answer problems, as codes the caller turns into translated messages.
EMPTY = "empty"
TOO_SHORT = "too_short"
NOT_AN_OPTION = "not_an_option"
WRONG = "wrong"

# A module's option list is written one option per line.
MAX_OPTIONS = 10


def parse_options(text: str | None) -> list[str]:
	"""The options of a check, one per line, blank lines and surrounding spaces dropped, each once."""
	options: list[str] = []
	for line in (text or "").splitlines():
		option = line.strip()
		if option and option not in options:
			options.append(option)
	return options


def word_count(text: str | None) -> int:
	return len((text or "").split())


def answer_problem(
	answer: str | None, options: Sequence[str], correct: str | None, min_words: int
) -> str | None:
	"""Why an answer does not complete its module, or None when it does."""
	answer = (answer or "").strip()
	if not answer:
		return EMPTY
	if options:
		if answer not in options:
			return NOT_AN_OPTION
		if (correct or "").strip() and answer != (correct or "").strip():
			return WRONG
		return None
	if word_count(answer) < max(min_words or 0, 0):
		return TOO_SHORT
	return None


def module_problem(options_text: str | None, correct: str | None) -> str | None:
	"""Why a module as staff wrote it cannot be answered: a check whose right answer is not among its
	options, or with more options than a phone shows well. None when it is fine."""
	options = parse_options(options_text)
	if not options:
		return None
	if len(options) == 1:
		return "one_option"
	if len(options) > MAX_OPTIONS:
		return "too_many_options"
	if not (correct or "").strip():
		return "no_correct_answer"
	if (correct or "").strip() not in options:
		return "correct_not_an_option"
	return None


@dataclass(frozen=True)
class Progress:
	done: int
	total: int
	next_module: str | None  # the first module in order not answered yet; None when all are

	@property
	def percent(self) -> int:
		return round(100 * self.done / self.total) if self.total else 0

	@property
	def complete(self) -> bool:
		return self.total > 0 and self.done >= self.total


def progress(order: Sequence[str], answered: Iterable[str]) -> Progress:
	"""How far a learner is through the modules in `order`, given the modules she answered (answers to
	modules the program no longer has do not count)."""
	answered = set(answered)
	done = sum(1 for module in order if module in answered)
	next_module = next((module for module in order if module not in answered), None)
	return Progress(done=done, total=len(order), next_module=next_module)


def is_open(order: Sequence[str], answered: Iterable[str], module: str) -> bool:
	"""A module can be read and answered once every module before it is answered."""
	if module not in order:
		return False
	answered = set(answered)
	return all(earlier in answered for earlier in order[: order.index(module)])


def is_overdue(required_by: date | None, completed_on: date | None, today: date) -> bool:
	"""A coach who has not completed a program's required training by its date is past due from the next
	day on."""
	return required_by is not None and completed_on is None and today > required_by
