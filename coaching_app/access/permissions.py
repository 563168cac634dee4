"""Record-level access for coaches and coachees.

Role DocPerms say what a role may do with a DocType at all; these hooks narrow coaches and coachees to the
relationships they are part of. Staff (Coaching Manager, System Manager) see every coaching record except
coaches' private notes, which only their author ever reads.
"""

from contextlib import contextmanager

import frappe
from frappe import _

from coaching_app.rules.access import (
	CHILD_TABLE_PARENTS,
	COACHEE_CHOICE_FIELDS,
	DELETED_COPY,
	OWNED_TABLES,
	RECORD_DOCTYPES,
	REFERENCE_COLUMNS,
	UNSHAREABLE_DOCTYPES,
	unchanged_owned,
)
from coaching_app.rules.lifecycle import LIVE_STATES, MANAGER

STAFF_ROLES = frozenset({"Coaching Manager", "System Manager"})
NOBODY = "1=0"

# DocType -> (column naming the coach, column naming the coachee) that ties a record to a relationship.
RELATIONSHIP_COLUMNS = {
	"Coaching Agreement": ("coach", "coachee"),
	"Coaching Session": ("coach", "coachee"),
	"Growth Plan": ("coach", "coachee"),
	"Coaching Action": ("coach", "coachee"),
}


def _roles(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def is_staff(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(STAFF_ROLES & _roles(user))


def coach_of_user(user: str) -> str | None:
	return profiles_of(user)[0]


def coachee_of_user(user: str) -> str | None:
	return profiles_of(user)[1]


def profiles_of(user: str) -> tuple[str | None, str | None]:
	"""The user's Coach and Coachee record names, in one query: list views pay one query for access."""
	if not user or user == "Guest":
		return None, None
	return _remembered(("profiles", user), lambda: _profiles_of(user))


def _profiles_of(user: str) -> tuple[str | None, str | None]:
	row = frappe.db.sql(
		# `user` is quoted: unquoted, PostgreSQL reads it as its own current_user.
		"""select (select `name` from `tabCoach` where `user` = %(user)s limit 1),
			(select `name` from `tabCoachee` where `user` = %(user)s limit 1)""",
		{"user": user},
	)
	return row[0][0], row[0][1]


@contextmanager
def _remembering():
	"""While one condition is built from many (a reference table's condition asks every record DocType's),
	each lookup of a user's profiles or programs runs once. Outside such a block nothing is remembered, so a
	record made a moment ago always counts."""
	if getattr(frappe.local, "coaching_access_memo", None) is not None:
		yield
		return
	frappe.local.coaching_access_memo = {}
	try:
		yield
	finally:
		frappe.local.coaching_access_memo = None


def _remembered(key, compute):
	memo = getattr(frappe.local, "coaching_access_memo", None)
	if memo is None:
		return compute()
	if key not in memo:
		memo[key] = compute()
	return memo[key]


def _column(doctype: str, column: str) -> str:
	return f"`tab{doctype}`.`{column}`"


def _any_of(conditions: list[str]) -> str:
	conditions = [c for c in conditions if c]
	if not conditions:
		return NOBODY
	return "(" + " or ".join(conditions) + ")"


def _party_conditions(doctype: str, user: str) -> list[str]:
	coach_column, coachee_column = RELATIONSHIP_COLUMNS[doctype]
	coach, coachee = profiles_of(user)
	conditions = []
	if coach:
		own = f"{_column(doctype, coach_column)} = {frappe.db.escape(coach)}"
		if doctype in CONTENT_DOCTYPES:
			# A coach who handed the relationship on (reassigned) or saw it terminated keeps nothing of what
			# the coachee told them; a completed or renewed relationship stays readable to its coach.
			# Asked row by row by primary key: as `not in (subquery)` MariaDB reads every handed-on agreement
			# of the site for each list.
			handed_on = ", ".join(frappe.db.escape(s) for s in sorted(HANDED_ON_STATES))
			own += (
				" and not exists (select 1 from `tabCoaching Agreement` where `tabCoaching Agreement`.`name`"
				f" = {_column(doctype, 'agreement')} and `tabCoaching Agreement`.`status` in ({handed_on}))"
			)
		conditions.append(own)
	if coachee:
		conditions.append(f"{_column(doctype, coachee_column)} = {frappe.db.escape(coachee)}")
	if doctype in PARTICIPANT_USER_COLUMN:
		conditions.append(f"{_column(doctype, PARTICIPANT_USER_COLUMN[doctype])} = {frappe.db.escape(user)}")
	return conditions


def _relationship_query(doctype: str, user: str | None) -> str:
	"""Parties read their relationship's records. Staff read the relationship (the agreement) in the programs
	they run, and the content (sessions, growth plans, action steps) only where they are a party themselves
	or the coachee shared that one record with program staff."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	conditions = _party_conditions(doctype, user)
	if is_staff(user):
		scope = staff_scope(doctype, user)
		if doctype not in CONTENT_DOCTYPES:
			# A staff member who also coaches keeps their own relationships outside the programs they run.
			return _any_of([scope, *conditions]) if scope else ""
		if doctype in SHAREABLE_WITH_STAFF:
			shared = f"coalesce({_column(doctype, 'shared_with_staff')}, 0) = 1"
			conditions.append(f"({shared} and {scope})" if scope else shared)
	return _any_of(conditions)


# --- Program staff --------------------------------------------------------------------------------------------
# A program that names its managers is run by them; a program that names none is run by every Coaching
# Manager. System Managers see every program. Staff see relationship facts, never content (see above).

SITE_WIDE_ROLES = frozenset({"System Manager"})


def is_site_wide(user: str) -> bool:
	return user == "Administrator" or bool(SITE_WIDE_ROLES & _roles(user))


def managed_programs_sql(user: str) -> str:
	"""A subquery naming the programs `user` runs as a Coaching Manager."""
	escaped = frappe.db.escape(user)
	return (
		"select `tabCoaching Program`.`name` from `tabCoaching Program` where exists (select 1 from"
		" `tabCoaching Program Manager` where `tabCoaching Program Manager`.`parent` = `tabCoaching Program`.`name`"
		" and `tabCoaching Program Manager`.`parenttype` = 'Coaching Program'"
		f" and `tabCoaching Program Manager`.`user` = {escaped}) or not exists (select 1 from"
		" `tabCoaching Program Manager` where `tabCoaching Program Manager`.`parent` = `tabCoaching Program`.`name`"
		" and `tabCoaching Program Manager`.`parenttype` = 'Coaching Program')"
	)


def managed_programs(user: str) -> list[str] | None:
	"""The programs a staff member runs, or None for site-wide staff (every program)."""
	if is_site_wide(user):
		return None
	return _remembered(
		("programs", user), lambda: [row[0] for row in frappe.db.sql(managed_programs_sql(user))]
	)


def staff_scope(doctype: str, user: str) -> str:
	"""The records of the programs a staff member runs: "" for site-wide staff. The programs are looked up
	once and written into the condition as values, so a list filters by an indexed column instead of running
	a subquery for every row: a manager's list costs what an unrestricted one does."""
	if is_site_wide(user):
		return ""
	runs = managed_programs(user)
	if not runs:
		return NOBODY
	programs = ", ".join(frappe.db.escape(program) for program in runs)
	if doctype in ("Coaching Agreement", "Coaching Session", "Coachee"):
		return f"{_column(doctype, 'program')} in ({programs})"
	if doctype in ("Growth Plan", "Coaching Action"):
		return (
			f"{_column(doctype, 'coachee')} in (select `tabCoachee`.`name` from `tabCoachee`"
			f" where `tabCoachee`.`program` in ({programs}))"
		)
	if doctype == "Coaching Feedback":
		return (
			f"{_column(doctype, 'agreement')} in (select `tabCoaching Agreement`.`name` from"
			f" `tabCoaching Agreement` where `tabCoaching Agreement`.`program` in ({programs}))"
		)
	return ""


# Records that hold what coachees and coaches told each other; and those a coachee may share with staff.
CONTENT_DOCTYPES = frozenset({"Coaching Session", "Growth Plan", "Coaching Action"})
SHAREABLE_WITH_STAFF = frozenset({"Coaching Session", "Growth Plan"})
HANDED_ON_STATES = frozenset({"Reassigned", "Terminated"})


# A coach-pool session's requester takes part without necessarily having a coachee record.
PARTICIPANT_USER_COLUMN = {"Coaching Session": "coachee_user"}


# --- One definition per rule ---------------------------------------------------------------------------------
# A saved record is decided by the same condition that filters its list (the record is looked up by name
# under that condition), so a list and a form can never disagree, and a caller's edited copy of a record
# (`run_doc_method` hands the hooks one) cannot claim access the stored row does not give. Python decides
# only records not yet saved.


def condition_for(doctype: str, user: str | None = None) -> str:
	"""The list condition of a record DocType, a child table or a reference table for `user`: "" for no
	restriction, NOBODY for none."""
	user = user or frappe.session.user
	if doctype in CONDITIONS:
		return CONDITIONS[doctype](user)
	if doctype in CHILD_TABLE_PARENTS:
		return child_query(user, doctype)
	if doctype in REFERENCE_COLUMNS:
		return reference_query(user, doctype)
	if doctype == DELETED_COPY[0]:
		return deleted_copy_query(user)
	return ""


def stored_row_visible(doctype: str, name: str, condition: str) -> bool:
	if condition == "":
		return True
	if condition == NOBODY or not name:
		return False
	table = f"`tab{doctype}`"
	rows = frappe.db.sql(  # static-check: the condition is this module's own, every value in it escaped
		f"select {table}.`name` from {table} where {table}.`name` = %(name)s and {condition}",
		{"name": name},
	)
	return bool(rows)


def _is_saved(doc) -> bool:
	"""A record that claims to be saved is decided by its stored row; one that is not there is refused by
	`stored_row_visible`, so a caller's copy under an invented name opens nothing."""
	return not doc.is_new()


def _saved_doc_visible(doc, user: str) -> bool:
	return stored_row_visible(doc.doctype, doc.name, condition_for(doc.doctype, user))


def _is_party_of_agreement(agreement: str | None, user: str) -> bool:
	"""Creating a record tied to an agreement: the stored agreement decides, never the new record's own
	coach or coachee values."""
	if not agreement:
		return False
	return stored_row_visible("Coaching Agreement", agreement, agreement_query(user))


def _relationship_permission(doc, ptype: str | None, user: str | None) -> bool:
	user = user or frappe.session.user
	if _is_saved(doc):
		if not _saved_doc_visible(doc, user):
			return False
		if doc.doctype in CONTENT_DOCTYPES and is_staff(user) and ptype not in READ_ONLY:
			# Content a coachee shared with staff is theirs to read, not to change.
			return user == "Administrator" or stored_row_visible(
				doc.doctype, doc.name, _any_of(_party_conditions(doc.doctype, user))
			)
		return True
	if is_staff(user):
		return True
	# A new record by a coach or coachee belongs to an agreement they are a party of.
	return doc.doctype != "Coaching Agreement" and _is_party_of_agreement(doc.get("agreement"), user)


# --- Coaching Agreement, Session, Growth Plan, Action -----------------------------------------------------


def agreement_query(user: str | None = None) -> str:
	return _relationship_query("Coaching Agreement", user)


def session_query(user: str | None = None) -> str:
	return _relationship_query("Coaching Session", user)


def growth_plan_query(user: str | None = None) -> str:
	return _relationship_query("Growth Plan", user)


def action_query(user: str | None = None) -> str:
	return _relationship_query("Coaching Action", user)


def has_agreement_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return _relationship_permission(doc, ptype, user)


def has_session_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return _relationship_permission(doc, ptype, user)


def has_growth_plan_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return _relationship_permission(doc, ptype, user)


def has_action_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return _relationship_permission(doc, ptype, user)


# --- Coach and Coachee profiles ----------------------------------------------------------------------------


def coach_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	return f"`tabCoach`.`user` = {frappe.db.escape(user)}"


def has_coach_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	return _is_saved(doc) and _saved_doc_visible(doc, user)


def _live_coachees_of(coach: str) -> str:
	states = ", ".join(frappe.db.escape(s) for s in sorted(LIVE_STATES))
	return (
		"select `tabCoaching Agreement`.`coachee` from `tabCoaching Agreement`"
		f" where `tabCoaching Agreement`.`coach` = {frappe.db.escape(coach)}"
		f" and `tabCoaching Agreement`.`status` in ({states})"
	)


def coachee_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	scope = staff_scope("Coachee", user) if is_staff(user) else None
	if scope == "":
		return ""
	conditions = [scope, f"`tabCoachee`.`user` = {frappe.db.escape(user)}"]
	if coach := coach_of_user(user):
		conditions.append(f"`tabCoachee`.`name` in ({_live_coachees_of(coach)})")
	return _any_of(conditions)


def has_coachee_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return not _is_saved(doc) or _saved_doc_visible(doc, user)
	if not _is_saved(doc) or not _saved_doc_visible(doc, user):
		return False
	# A coach reads the profile of a coachee they coach; only its owner edits it.
	own = frappe.db.get_value("Coachee", doc.name, "user") == user
	return own or ptype in READ_ONLY


READ_ONLY = ("read", "select", "print", "export", "report", "email")


# --- Coaching Note: its author and nobody else ------------------------------------------------------------


def note_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return f"`tabCoaching Note`.`owner` = {frappe.db.escape(user)}"


def has_note_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if _is_saved(doc):
		return _saved_doc_visible(doc, user)
	# A new note is written by a coach about a session they hold.
	return (
		"Coach" in _roles(user)
		and bool(doc.get("session"))
		and stored_row_visible("Coaching Session", doc.session, session_coach_query(user))
	)


def session_coach_query(user: str) -> str:
	coach = coach_of_user(user)
	if not coach:
		return NOBODY
	return f"`tabCoaching Session`.`coach` = {frappe.db.escape(coach)}"


# --- Coaching Request and Feedback -------------------------------------------------------------------------


def request_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	conditions = [f"`tabCoaching Request`.`requester` = {frappe.db.escape(user)}"]
	if coach := coach_of_user(user):
		escaped = frappe.db.escape(coach)
		conditions.append(f"`tabCoaching Request`.`assigned_coach` = {escaped}")
		conditions.append(f"`tabCoaching Request`.`preferred_coach` = {escaped}")
		conditions.append(offered_condition(coach, user))
	return _any_of(conditions)


def offered_condition(coach: str, user: str) -> str:
	"""The coach pool's routing, as a condition on `tabCoaching Request`: open requests that name `coach`,
	and open requests naming nobody that ask for one of `coach`'s skills while `coach` is an active pool
	coach who is not past due for a training her program requires; never the coach's own requests (`user` is the coach's user). What a coach may read, the offers on
	My Coaching and the check before accepting or declining all use this one definition."""
	from coaching_app.training import overdue_coaches

	# A coach past due for a training her program requires is offered no open request; one that names her
	# (booked before the date) stays hers to accept or decline.
	open_to_pool = (
		"(coalesce(`tabCoaching Request`.`preferred_coach`, '') = ''"
		" and `tabCoaching Request`.`skill` in (select `tabCoach Skill`.`skill` from `tabCoach Skill`"
		" inner join `tabCoach` on `tabCoach`.`name` = `tabCoach Skill`.`parent`"
		f" where `tabCoach Skill`.`parenttype` = 'Coach' and `tabCoach Skill`.`parent` = {frappe.db.escape(coach)}"
		" and `tabCoach`.`status` = 'Active' and `tabCoach`.`in_coach_pool` = 1))"
		if coach not in overdue_coaches()
		else NOBODY
	)
	coach, user = frappe.db.escape(coach), frappe.db.escape(user)
	return (
		"(`tabCoaching Request`.`status` = 'Open'"
		f" and `tabCoaching Request`.`requester` != {user}"
		f" and (`tabCoaching Request`.`preferred_coach` = {coach} or {open_to_pool}))"
	)


def has_request_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	if not _is_saved(doc):
		# Anyone signed in books for themselves (the controller sets the requester).
		return ptype == "create"
	# Requesters and coaches act on a request through its buttons (accept, decline, cancel), never by
	# editing it.
	return ptype in READ_ONLY and _saved_doc_visible(doc, user)


def feedback_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	own = f"`tabCoaching Feedback`.`respondent` = {frappe.db.escape(user)}"
	if is_staff(user):
		# Staff read named answers of their programs; anonymous ones only in aggregate, through the report.
		named = "coalesce(`tabCoaching Feedback`.`is_anonymous`, 0) = 0"
		scope = staff_scope("Coaching Feedback", user)
		return f"(({named} and {scope}) or {own})" if scope else f"({named} or {own})"
	return own


def has_feedback_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if not _is_saved(doc):
		return is_staff(user)
	if not _saved_doc_visible(doc, user):
		return False
	# Staff read named answers; only the respondent changes an answer.
	return ptype in READ_ONLY or frappe.db.get_value("Coaching Feedback", doc.name, "respondent") == user


# --- Coaching Resource: staff curate, everyone else reads what is published --------------------------------


def resource_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	return "coalesce(`tabCoaching Resource`.`published`, 0) = 1"


def has_resource_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	return ptype in READ_ONLY and _is_saved(doc) and _saved_doc_visible(doc, user)


# --- Coaching Calendar Feed: its user alone (the token opens the user's sessions) --------------------------


def calendar_feed_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return f"`tabCoaching Calendar Feed`.`user` = {frappe.db.escape(user)}"


def has_calendar_feed_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return _is_saved(doc) and _saved_doc_visible(doc, user)


# --- Child tables: read with their parent -----------------------------------------------------------------


def child_query(user: str | None = None, doctype: str | None = None) -> str:
	parent = CHILD_TABLE_PARENTS[doctype]
	parent_condition = condition_for(parent, user or frappe.session.user)
	if parent_condition == "":
		return ""
	if parent_condition == NOBODY:
		return NOBODY
	return (
		f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in"
		f" (select `tab{parent}`.`name` from `tab{parent}` where {parent_condition}))"
	)


# --- Frappe's tables that refer to a record: read only by who may read the record ------------------------
# These tables are the host site's, not the app's: the hooks below say something only about rows that refer to
# a coaching record, and leave every other row to Frappe and the site's other apps exactly as without the app.

# Roles that read some coaching record at all (the app's DocTypes grant nothing to any other role).
COACHING_READER_ROLES = frozenset({"Coach", "Coachee", "Coaching Manager", "System Manager"})


def abstain() -> bool | None:
	"""The answer of a `has_permission` hook that has nothing to say about a row. Frappe 15 takes the first
	answer that is not None (the last installed app's hook first), so None leaves the row to Frappe's own hook;
	later versions require every hook to agree and count None as a refusal, so there the neutral answer is
	True. Which of the two the running Frappe does is read from Frappe itself."""
	return None if _first_answer_decides() else True


def _first_answer_decides() -> bool:
	cached = getattr(frappe.local, "coaching_first_answer_decides", None)
	if cached is None:
		import inspect

		from frappe import permissions as frappe_permissions

		try:
			source = inspect.getsource(frappe_permissions.has_controller_permissions)
		except (OSError, TypeError):
			source = ""
		if "is not None" in source:
			cached = True
		elif "if not controller_permission" in source:
			cached = False
		else:
			cached = int(frappe.__version__.split(".")[0]) < 16
		frappe.local.coaching_first_answer_decides = cached
	return cached


def _reads_no_coaching_record(user: str) -> bool:
	return user == "Guest" or not (COACHING_READER_ROLES & _roles(user))


def reference_query(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows about a coaching record only for who may read that record; every other row untouched. A user who
	reads no coaching record at all pays one comparison per row, with no subquery; a record DocType the user
	reads whole costs nothing either; the others are looked up row by row (see `_record_readable`)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	type_column, name_column = (_column(doctype, c) for c in REFERENCE_COLUMNS[doctype])
	if _reads_no_coaching_record(user):
		return _not_about(type_column, RECORD_DOCTYPES)
	with _remembering():
		conditions = {
			record_doctype: condition_for(record_doctype, user) for record_doctype in RECORD_DOCTYPES
		}
	restricted = {record_doctype for record_doctype, condition in conditions.items() if condition != ""}
	if not restricted:
		return ""
	allowed = [_not_about(type_column, restricted)]
	for record_doctype in sorted(restricted):
		condition = conditions[record_doctype]
		if condition == NOBODY:
			continue
		allowed.append(
			f"({type_column} = {frappe.db.escape(record_doctype)}"
			f" and {_record_readable(record_doctype, name_column, condition)})"
		)
	return _any_of(allowed)


def _not_about(type_column: str, doctypes) -> str:
	listed = ", ".join(frappe.db.escape(d) for d in sorted(doctypes))
	return f"coalesce({type_column}, '') not in ({listed})"


def _record_readable(record_doctype: str, name_column: str, condition: str) -> str:
	"""Whether the record a row names passes `condition`. MariaDB materialises an `in (subquery)` under an OR
	by reading the whole record table, so there each row looks its record up by primary key; PostgreSQL
	plans the `in` form as one hashed lookup and a per-row lookup much worse, so it keeps that form."""
	table = f"`tab{record_doctype}`"
	if frappe.db.db_type == "postgres":
		return f"{name_column} in (select {table}.`name` from {table} where {condition})"
	return f"(select 1 from {table} where {table}.`name` = {name_column} and {condition} limit 1) is not null"


def has_reference_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Refuses a row about a coaching record its user may not read; about anything else it abstains."""
	user = user or frappe.session.user
	type_column, name_column = REFERENCE_COLUMNS[doc.doctype]
	if _is_saved(doc):
		# Decide by the stored row: a caller's copy could name another record.
		stored = frappe.db.get_value(doc.doctype, doc.name, [type_column, name_column]) or (None, None)
		record_doctype, record_name = stored
	else:
		record_doctype, record_name = doc.get(type_column), doc.get(name_column)
	if user == "Administrator" or record_doctype not in RECORD_DOCTYPES:
		return abstain()
	if record_name and stored_row_visible(record_doctype, record_name, condition_for(record_doctype, user)):
		return abstain()
	return False


def deleted_copy_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	guarded = ", ".join(frappe.db.escape(d) for d in sorted(RECORD_DOCTYPES))
	return f"coalesce(`tabDeleted Document`.`{DELETED_COPY[1]}`, '') not in ({guarded})"


def has_deleted_copy_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Nobody but Administrator reads a deleted coaching record; other deleted records are Frappe's to decide."""
	user = user or frappe.session.user
	deleted_doctype = (
		frappe.db.get_value("Deleted Document", doc.name, DELETED_COPY[1])
		if _is_saved(doc)
		else doc.get(DELETED_COPY[1])
	)
	if user != "Administrator" and deleted_doctype in RECORD_DOCTYPES:
		return False
	return abstain()


# --- Coach Training Progress: the learner, and the staff of the training's program ---------------------------


def training_query(user: str | None = None) -> str:
	"""A learner reads her own training; staff read the trainings of the programs they run (they review the
	answers before making a coach Active); nobody else reads one."""
	user = user or frappe.session.user
	own = f"`tabCoach Training Progress`.`user` = {frappe.db.escape(user)}"
	if not is_staff(user):
		return own
	if is_site_wide(user):
		return ""
	runs = managed_programs(user)
	if not runs:
		return own
	programs = ", ".join(frappe.db.escape(program) for program in runs)
	return f"(`tabCoach Training Progress`.`program` in ({programs}) or {own})"


def has_training_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""Read what `training_query` lists. Answers are written through the training's own functions only
	(coaching_app/training.py); System Managers may delete a training record."""
	user = user or frappe.session.user
	if not _is_saved(doc):
		return False
	if ptype not in READ_ONLY and not (ptype == "delete" and is_site_wide(user)):
		return False
	return _saved_doc_visible(doc, user)


CONDITIONS = {
	"Coach": coach_query,
	"Coachee": coachee_query,
	"Coaching Agreement": agreement_query,
	"Coaching Session": session_query,
	"Growth Plan": growth_plan_query,
	"Coaching Action": action_query,
	"Coaching Note": note_query,
	"Coaching Request": request_query,
	"Coaching Feedback": feedback_query,
	"Coaching Resource": resource_query,
	"Coaching Calendar Feed": calendar_feed_query,
	"Coach Training Progress": training_query,
}


# --- Sharing ------------------------------------------------------------------------------------------------


def refuse_sharing_private_records(doc, method: str | None = None) -> None:
	"""DocShare validate hook. A share would grant access the hooks above refuse, so coaching records that
	hold someone's story are never shared; staff reach them through their role, parties through the
	relationship."""
	if doc.share_doctype in UNSHAREABLE_DOCTYPES:
		frappe.throw(
			_("{0} records cannot be shared: who sees them follows the coaching relationship.").format(
				_(doc.share_doctype)
			),
			frappe.PermissionError,
			title=_("Not Shareable"),
		)


def check_file(doc, method: str | None = None) -> None:
	"""File validate hook."""
	keep_note_files_private(doc)
	refuse_borrowed_private_file(doc)


def keep_note_files_private(doc) -> None:
	"""A public file is served to anyone who has its address; a file attached to a private note must be
	private, so Frappe checks the note's permission before serving it. A refused upload is rolled back, and
	Frappe removes the stored file with it."""
	if doc.get("attached_to_doctype") == "Coaching Note" and not doc.get("is_private"):
		frappe.throw(
			_("Files attached to a private note must be private. Upload it again with Is Private ticked."),
			title=_("Private Note"),
		)


def refuse_borrowed_private_file(doc) -> None:
	"""Frappe serves a private file to anyone who can read any File row with its address, so a new row that
	points at the private file of a coaching record would hand that file to its creator. A new row may reuse
	such an address only if its creator can already read one of the coaching rows that hold it. That includes
	an upload whose bytes equal such a file: Frappe would store it under the same address. Addresses held by
	files of anything else are Frappe's to decide."""
	url = doc.get("file_url") or ""
	if not doc.is_new() or not url.startswith("/private/") or frappe.session.user == "Administrator":
		return
	holders = frappe.get_all(
		"File",
		filters={
			"file_url": url,
			"name": ("!=", doc.name),
			"attached_to_doctype": ("in", sorted(RECORD_DOCTYPES)),
		},
		pluck="name",
	)
	if not holders:
		return
	if any(frappe.has_permission("File", "read", doc=holder) for holder in holders):
		return
	frappe.throw(
		_("This file belongs to a record you cannot read."), frappe.PermissionError, title=_("Not Permitted")
	)


# --- Fields owned by staff or the app ----------------------------------------------------------------------


def keep_owned_fields(doc, method: str | None = None) -> None:
	"""before_validate hook. A coach or coachee saving a record of theirs over any path (REST, the desk,
	`frappe.client.set_value`) leaves the fields staff or the app own as they were stored; the app's own
	writes run with `ignore_permissions` after their own checks. New records are governed by the
	controllers, which set these fields themselves."""
	user = frappe.session.user
	if doc.flags.ignore_permissions or doc.is_new():
		return
	before = doc.get_doc_before_save() or frappe.get_doc(doc.doctype, doc.name)
	for field in COACHEE_CHOICE_FIELDS.get(doc.doctype, ()):
		doc.set(field, before.get(field))
	if is_staff(user):
		return
	stored = before.as_dict()
	for field, value in unchanged_owned(doc.doctype, stored, doc.as_dict(), {}).items():
		doc.set(field, value)
	for table in OWNED_TABLES.get(doc.doctype, ()):
		kept = [
			{k: v for k, v in row.as_dict().items() if k not in ("name", "idx")} for row in before.get(table)
		]
		mine = [
			{k: v for k, v in row.as_dict().items() if k not in ("name", "idx")} for row in doc.get(table)
		]
		if [sorted(r.items(), key=str) for r in kept] != [sorted(r.items(), key=str) for r in mine]:
			doc.set(table, [])
			for row in kept:
				doc.append(
					table, {k: v for k, v in row.items() if k not in ("parent", "parenttype", "parentfield")}
				)


# --- Coaching Program: a manager who is not a System Manager lists the programs she runs ------------------


def program_query(user: str | None = None) -> str:
	"""Coaching Program list condition: a Coaching Manager who is not site-wide staff lists the programs she
	runs and those she takes part in as coach or coachee; everyone else lists every program (coaches and
	coachees pick programs in forms, and a program record holds no one's story)."""
	user = user or frappe.session.user
	if user == "Administrator" or is_site_wide(user) or MANAGER not in _roles(user):
		return ""
	table = "`tabCoaching Program`"
	conditions = [f"{table}.`name` in ({managed_programs_sql(user)})"]
	coach, coachee = profiles_of(user)
	if coachee:
		conditions.append(
			f"{table}.`name` in (select `tabCoachee`.`program` from `tabCoachee`"
			f" where `tabCoachee`.`name` = {frappe.db.escape(coachee)})"
		)
	if coach:
		conditions.append(
			f"{table}.`name` in (select `tabCoach Program`.`program` from `tabCoach Program`"
			f" where `tabCoach Program`.`parenttype` = 'Coach' and `tabCoach Program`.`parent` = {frappe.db.escape(coach)})"
		)
	return "(" + " or ".join(conditions) + ")"


def has_program_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""Coaching Program: read what `program_query` lists; write only a program one runs (the validate hook
	above keeps its managers as they are)."""
	user = user or frappe.session.user
	condition = program_query(user)
	if doc.is_new() or condition == "":
		return True
	if ptype in READ_ONLY:
		return stored_row_visible("Coaching Program", doc.name, condition)
	runs = managed_programs(user)
	return runs is None or doc.name in runs
