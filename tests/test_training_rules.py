"""Coach training rules: checking an answer, a staff-written module, the order of modules and the date by
which a program requires the training."""

from datetime import date

from coaching_app.rules.training import (
	EMPTY,
	NOT_AN_OPTION,
	TOO_SHORT,
	WRONG,
	answer_problem,
	is_open,
	is_overdue,
	module_problem,
	parse_options,
	progress,
)

OPTIONS = ["Suggest an answer", "Wait and let the silence work", "Move on"]


def test_options_are_one_per_line_without_blanks_or_repeats():
	assert parse_options(" A \n\nB\nA\n  \nC ") == ["A", "B", "C"]
	assert parse_options(None) == []


def test_a_reflection_needs_its_words():
	assert answer_problem("", [], None, 5) == EMPTY
	assert answer_problem("   \n ", [], None, 0) == EMPTY
	assert answer_problem("only four words here", [], None, 5) == TOO_SHORT
	assert answer_problem("now there are five words", [], None, 5) is None
	# No minimum: any words will do.
	assert answer_problem("Yes", [], None, 0) is None


def test_a_check_takes_one_of_its_options_and_only_the_right_one_completes_it():
	right = "Wait and let the silence work"
	assert answer_problem("", OPTIONS, right, 0) == EMPTY
	assert answer_problem("Something typed", OPTIONS, right, 0) == NOT_AN_OPTION
	assert answer_problem("Move on", OPTIONS, right, 0) == WRONG
	assert answer_problem(right, OPTIONS, right, 0) is None
	# Words asked of reflections do not apply to a check.
	assert answer_problem(right, OPTIONS, right, 50) is None


def test_a_module_staff_write_must_be_answerable():
	assert module_problem("", None) is None
	assert module_problem("Only one", "Only one") == "one_option"
	assert module_problem("A\nB", "") == "no_correct_answer"
	assert module_problem("A\nB", "C") == "correct_not_an_option"
	assert module_problem("A\nB", " B ") is None
	assert module_problem("\n".join(str(n) for n in range(11)), "1") == "too_many_options"


def test_progress_counts_only_the_programs_modules_in_order():
	order = ["m1", "m2", "m3"]
	state = progress(order, {"m1", "gone"})
	assert (state.done, state.total, state.next_module, state.percent) == (1, 3, "m2", 33)
	assert not state.complete
	done = progress(order, {"m1", "m2", "m3"})
	assert done.complete and done.next_module is None and done.percent == 100
	# A program without modules has no training to complete.
	assert not progress([], set()).complete


def test_modules_open_one_after_another():
	order = ["m1", "m2", "m3"]
	assert is_open(order, set(), "m1")
	assert not is_open(order, set(), "m2")
	assert is_open(order, {"m1"}, "m2")
	assert not is_open(order, {"m2"}, "m3")
	assert is_open(order, {"m1", "m2"}, "m3")
	assert not is_open(order, {"m1"}, "unknown")


def test_required_training_is_past_due_from_the_day_after_its_date():
	required_by = date(2027, 3, 31)
	assert not is_overdue(required_by, None, date(2027, 3, 31))
	assert is_overdue(required_by, None, date(2027, 4, 1))
	assert not is_overdue(required_by, date(2027, 4, 2), date(2027, 4, 5))
	assert not is_overdue(None, None, date(2030, 1, 1))
