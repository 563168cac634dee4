"""Coach training: members of a program become coaches by working through the program's training modules.

A program's modules live on the program (Coaching Program > Coach Training). Anyone with a coachee or coach
record in the program starts the training from My Coaching ("Become a coach"): a coachee gets her Coach
record In Training, as staff's Promote to Coach gives it, and everyone gets one Coach Training Progress per
program, which keeps her answers. Completing the last module records the date and the answers on her Coach
record and tells the program's staff, who review the answers and make her Active (the Coach form keeps its
training gate).

A program may require the training from its existing coaches by a date: from the next day on, a coach of the
program without a completed training is not offered new coachees (Suggest Coaches) or coach-pool requests.
The rules themselves are pure (rules/training.py).
"""

from urllib.parse import quote

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import getdate, now_datetime, today

from coaching_app.input_checks import TEXT_LIMITS, text_value
from coaching_app.rules.lifecycle import LIVE_STATES
from coaching_app.rules.training import (
	EMPTY,
	NOT_AN_OPTION,
	TOO_SHORT,
	WRONG,
	answer_problem,
	is_open,
	parse_options,
	progress,
)
from coaching_app.utils import begin_decision, required

PROGRESS = "Coach Training Progress"
MODULE_FIELDS = [
	"name",
	"idx",
	"module_title",
	"material",
	"resource",
	"video_url",
	"question",
	"answer_options",
	"correct_answer",
	"min_words",
]


# --- Reading ---------------------------------------------------------------------------------------------------


def program_modules(program: str) -> list[frappe._dict]:
	"""The program's training modules in their order."""
	return frappe.get_all(
		"Coach Training Module",
		filters={
			"parenttype": "Coaching Program",
			"parentfield": "coach_training_modules",
			"parent": program,
		},
		fields=MODULE_FIELDS,
		order_by="idx asc",
	)


def programs_of_member(user: str, among: list[str] | None = None) -> list[str]:
	"""The programs `user` takes part in: her coachee record's program, the programs her coach record lists,
	and those of her coach record's live agreements; only those `among` the given ones when given (each is
	then asked whether she coaches in it, instead of reading every live agreement of a coach of thousands)."""
	if not user or user == "Guest" or among == []:
		return []
	programs = set()
	coachee_program = frappe.db.get_value("Coachee", {"user": user}, "program")
	if coachee_program:
		programs.add(coachee_program)
	coach = frappe.db.get_value("Coach", {"user": user}, "name")
	if coach:
		programs |= set(
			frappe.get_all("Coach Program", filters={"parenttype": "Coach", "parent": coach}, pluck="program")
		)
		live = {"coach": coach, "status": ("in", sorted(LIVE_STATES))}
		if among is None:
			programs |= set(
				frappe.get_all("Coaching Agreement", filters=live, pluck="program", distinct=True)
			)
		else:
			programs |= {
				program
				for program in set(among) - programs
				if frappe.db.exists("Coaching Agreement", {**live, "program": program})
			}
	programs.discard(None)
	programs.discard("")
	if among is not None:
		programs &= set(among)
	return sorted(programs)


def trainings_of(user: str) -> list[frappe._dict]:
	"""For My Coaching: each active program of `user` that has a coach training, with how far she is. The
	programs with a training come first (a handful on any site), then her part in each of those."""
	module = frappe.qb.DocType("Coach Training Module")
	counts = dict(
		frappe.qb.from_(module)
		.select(module.parent, Count(module.name))
		.where((module.parenttype == "Coaching Program") & (module.parentfield == "coach_training_modules"))
		.groupby(module.parent)
		.run()
	)
	programs = programs_of_member(user, among=sorted(counts))
	if not programs:
		return []
	offered = frappe.get_all(
		"Coaching Program",
		filters={"name": ("in", programs), "is_active": 1},
		fields=["name", "program_name", "coach_training_required_by"],
		order_by="program_name asc",
	)
	started = {
		row.program: row
		for row in frappe.get_all(
			PROGRESS,
			filters={"user": user},
			fields=["name", "program", "status", "modules_done", "modules_total", "completed_on"],
		)
	}
	coach = frappe.db.get_value("Coach", {"user": user}, ["name", "status"], as_dict=True)
	trainings = []
	for program in offered:
		if not counts.get(program.name):
			continue
		mine = started.get(program.name)
		trainings.append(
			frappe._dict(
				program=program.name,
				program_name=program.program_name or program.name,
				required_by=program.coach_training_required_by,
				modules=counts[program.name],
				progress=mine,
				coach_status=coach.status if coach else None,
			)
		)
	return trainings


def load_progress(program: str, user: str) -> "frappe.model.document.Document | None":
	name = frappe.db.get_value(PROGRESS, {"program": program, "user": user}, "name")
	return frappe.get_doc(PROGRESS, name) if name else None


def passed_modules(doc) -> set[str]:
	return {row.module for row in doc.answers if row.module and row.passed}


def require_member(program, user: str) -> None:
	"""The training of a program is taken by the program's own members, signed in."""
	if user == "Guest":
		raise frappe.PermissionError(_("Sign in to take the coach training."))
	if not isinstance(program, str) or program not in programs_of_member(user):
		frappe.throw(
			_("You can take the coach training of a program you coach or are coached in."),
			frappe.PermissionError,
			title=_("Not Your Program"),
		)


# --- Starting -------------------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def start_training(program: str | None = None) -> dict:
	"""Become a coach: the signed-in member starts the coach training of one of her programs. A coachee
	without a coach record gets one, In Training. Starting again returns the training already started."""
	program = required(program, "Program")
	user = frappe.session.user
	require_member(program, user)
	if not frappe.db.get_value("Coaching Program", program, "is_active"):
		frappe.throw(
			_("Program {0} is not active.").format(frappe.bold(program)), title=_("Inactive Program")
		)
	if not program_modules(program):
		frappe.throw(
			_("Program {0} has no coach training yet. Ask its staff.").format(frappe.bold(program)),
			title=_("No Coach Training"),
		)
	name = start_for(user, program)
	return {"progress": name, "url": f"/coach-training?program={quote(program)}"}


def start_for(user: str, program: str) -> str:
	"""The member's training of `program`, started once: two presses at the same moment make one record and,
	for a coachee, one Coach record. Checks of who may start are the caller's."""
	begin_decision()
	# One start at a time per person: the user row is the lock both presses wait on.
	frappe.db.get_value("User", user, "name", for_update=True)
	existing = frappe.db.get_value(PROGRESS, {"program": program, "user": user}, "name")
	if existing:
		return existing
	coach = frappe.db.get_value("Coach", {"user": user}, ["name", "full_name"], as_dict=True)
	if not coach:
		coachee = frappe.db.get_value("Coachee", {"user": user}, "name")
		if not coachee:
			frappe.throw(
				_("You can take the coach training of a program you coach or are coached in."),
				frappe.PermissionError,
				title=_("Not Your Program"),
			)
		coach_name = make_coach_in_training(frappe.get_doc("Coachee", coachee))
		coach = frappe.db.get_value("Coach", coach_name, ["name", "full_name"], as_dict=True)
	doc = frappe.get_doc(
		{
			"doctype": PROGRESS,
			"user": user,
			"full_name": coach.full_name or frappe.utils.get_fullname(user),
			"coach": coach.name,
			"program": program,
			"status": "In Progress",
			"started_on": today(),
			"modules_total": len(program_modules(program)),
		}
	)
	frappe.db.savepoint("coach_training_start")
	try:
		doc.insert(ignore_permissions=True)
	except Exception as error:
		# The unique constraint on (user, program) stopped a second start that got past the lock: the
		# training started by the first is hers.
		if not (isinstance(error, frappe.UniqueValidationError) or frappe.db.is_duplicate_entry(error)):
			raise
		frappe.db.rollback(save_point="coach_training_start")
		return frappe.db.get_value(PROGRESS, {"program": program, "user": user}, "name")
	return doc.name


def make_coach_in_training(coachee, ignore_permissions: bool = True) -> str:
	"""The coachee's Coach record, In Training, linked both ways, in her program; once only. Used by the
	desk's Promote to Coach, under the staff member's permissions, and by Become a coach, for the coachee
	herself after its own checks."""
	existing = (
		coachee.became_coach
		or frappe.db.get_value("Coach", {"user": coachee.user}, "name")
		or frappe.db.get_value("Coach", {"grew_from_coachee": coachee.name}, "name")
	)
	if existing:
		frappe.throw(
			_("{0} is already a coach: {1}.").format(frappe.bold(coachee.full_name), frappe.bold(existing)),
			frappe.DuplicateEntryError,
			title=_("Already a Coach"),
		)
	coach = frappe.get_doc(
		{
			"doctype": "Coach",
			"user": coachee.user,
			"full_name": coachee.full_name,
			"status": "In Training",
			"grew_from_coachee": coachee.name,
			"programs": [{"program": coachee.program}] if coachee.program else [],
		}
	)
	coach.insert(ignore_permissions=ignore_permissions)
	coachee.db_set("became_coach", coach.name)
	coachee.add_comment("Info", _("Promoted to coach: {0}").format(coach.name))
	return coach.name


# --- Answering ------------------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def answer_module(program: str | None = None, module: str | None = None, answer: str | None = None) -> dict:
	"""The learner answers one open module of her training. A reflection too short, or a check left
	unanswered, is refused with a message; a wrong check answer is counted and told, and the module stays
	open. Answering the last module completes the training."""
	program = required(program, "Program")
	module = required(module, "Module")
	user = frappe.session.user
	require_member(program, user)
	if not isinstance(module, str):
		frappe.throw(_("Choose a module of your training."), title=_("Unknown Module"))
	answer = (text_value(answer, _("Answer"), TEXT_LIMITS["Small Text"]) or "").strip()
	begin_decision()
	name = frappe.db.get_value(PROGRESS, {"program": program, "user": user}, "name", for_update=True)
	if not name:
		frappe.throw(_("Start the coach training from My Coaching first."), title=_("Training Not Started"))
	doc = frappe.get_doc(PROGRESS, name)
	if doc.status == "Completed":
		frappe.throw(
			_("You completed this training on {0}; your answers are with the program's staff.").format(
				frappe.utils.formatdate(doc.completed_on)
			),
			title=_("Training Completed"),
		)
	modules = program_modules(program)
	order = [row.name for row in modules]
	by_name = {row.name: row for row in modules}
	answered = passed_modules(doc)
	if module not in by_name:
		frappe.throw(_("This module is no longer part of the training."), title=_("Unknown Module"))
	if not is_open(order, answered, module):
		frappe.throw(_("Answer the modules before this one first."), title=_("Module Not Open Yet"))
	row = by_name[module]
	options = parse_options(row.answer_options)
	problem = answer_problem(answer, options, row.correct_answer, row.min_words or 0)
	if problem in (EMPTY, NOT_AN_OPTION, TOO_SHORT):
		messages = {
			EMPTY: _("Write your answer first.") if not options else _("Choose one of the options."),
			NOT_AN_OPTION: _("Choose one of the options."),
			TOO_SHORT: _("Write at least {0} words.").format(row.min_words),
		}
		frappe.throw(messages[problem], title=_("Answer Needed"))
	kept = next((r for r in doc.answers if r.module == module), None)
	if not kept:
		kept = doc.append("answers", {"module": module, "attempts": 0})
	kept.module_title = row.module_title
	kept.attempts = (kept.attempts or 0) + 1
	if problem == WRONG:
		if not kept.passed:
			kept.answer = answer
		kept.answered_on = now_datetime()
	else:
		kept.answer = answer
		kept.passed = 1
		kept.answered_on = now_datetime()
	state = progress(order, passed_modules(doc))
	doc.modules_done, doc.modules_total, doc.percent_done = state.done, state.total, state.percent
	completed = state.complete
	if completed:
		doc.status = "Completed"
		doc.completed_on = today()
	doc.save(ignore_permissions=True)
	if completed:
		record_completion(doc)
	return {
		"passed": problem != WRONG,
		"message": _("Not quite: read the material again and choose another answer.")
		if problem == WRONG
		else None,
		"done": state.done,
		"total": state.total,
		"next_module": state.next_module,
		"completed": completed,
	}


def record_completion(doc) -> None:
	"""The completed training on the learner's Coach record (date and answers) and the program's staff told."""
	coach = frappe.get_doc("Coach", doc.coach) if doc.coach else None
	if coach:
		coach.training_completed_on = doc.completed_on
		coach.training_record = doc.name
		coach.flags.ignore_permissions = True
		coach.save()
		coach.add_comment(
			"Info",
			_("Completed the coach training of program {0}; the answers wait for review.").format(
				doc.program
			),
		)
	doc.run_method("on_training_completed")


# --- The training required from existing coaches ---------------------------------------------------------------


def programs_requiring(today_=None, program: str | None = None) -> list[str]:
	"""Active programs whose coaches had to complete the training by a date that has passed."""
	# Written with IS NOT NULL: Frappe's filters read an empty date as the lowest date ("<" would take every
	# program without one), and its "is set" compares a date with '', which PostgreSQL refuses.
	table = frappe.qb.DocType("Coaching Program")
	query = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			(table.is_active == 1)
			& table.coach_training_required_by.isnotnull()
			& (table.coach_training_required_by < getdate(today_))
		)
	)
	if program:
		query = query.where(table.name == program)
	return query.run(pluck=True)


def completed_pairs(programs: list[str], coaches: list[str] | None = None) -> set[tuple[str, str]]:
	filters = {"program": ("in", programs or [""]), "status": "Completed", "coach": ("is", "set")}
	if coaches is not None:
		filters["coach"] = ("in", coaches or [""])
	return {
		(row.coach, row.program)
		for row in frappe.get_all(PROGRESS, filters=filters, fields=["coach", "program"])
	}


def coaches_due_in(programs: list[str]) -> set[tuple[str, str]]:
	"""(coach, program) for every coach of `programs`: listed there, or holding a live agreement there."""
	if not programs:
		return set()
	pairs = {
		(row.parent, row.program)
		for row in frappe.get_all(
			"Coach Program",
			filters={"parenttype": "Coach", "program": ("in", programs)},
			fields=["parent", "program"],
		)
	}
	pairs |= {
		(row.coach, row.program)
		for row in frappe.get_all(
			"Coaching Agreement",
			filters={"program": ("in", programs), "status": ("in", sorted(LIVE_STATES))},
			fields=["coach", "program"],
			distinct=True,
		)
		if row.coach
	}
	return pairs


def overdue_pairs(today_=None, programs: list[str] | None = None) -> set[tuple[str, str]]:
	"""(coach, program) where the program's required training is past due and the coach has not completed
	it. `programs` narrows to those (None: every program)."""
	requiring = programs_requiring(today_)
	if programs is not None:
		requiring = [p for p in requiring if p in programs]
	if not requiring:
		return set()
	due = coaches_due_in(requiring)
	return due - completed_pairs(requiring, sorted({coach for coach, _program in due}))


def overdue_coaches(today_=None) -> set[str]:
	"""Coaches not offered coach-pool requests: past due in any program they belong to."""
	return {coach for coach, _program in overdue_pairs(today_)}


def training_blocks(coaches: list[str], program: str | None, today_=None) -> set[str]:
	"""Of `coaches`, those not to be offered a coachee of `program`: the program requires its training by a
	date that has passed and they have not completed it."""
	if not program or not coaches or not programs_requiring(today_, program):
		return set()
	done = {coach for coach, _program in completed_pairs([program], coaches)}
	return set(coaches) - done
