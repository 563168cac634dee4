"""Record-level access for coaches and coachees.

Role DocPerms say what a role may do with a DocType at all; these hooks narrow coaches and coachees to the
relationships they are part of. Staff (Coaching Manager, System Manager) see every coaching record except
coaches' private notes, which only their author ever reads.
"""

import frappe
from frappe import _

from coaching_app.rules.access import UNSHAREABLE_DOCTYPES
from coaching_app.rules.lifecycle import LIVE_STATES

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
	row = frappe.db.sql(
		"""select (select name from `tabCoach` where user = %(user)s limit 1),
			(select name from `tabCoachee` where user = %(user)s limit 1)""",
		{"user": user},
	)
	return row[0][0], row[0][1]


def _column(doctype: str, column: str) -> str:
	return f"`tab{doctype}`.`{column}`"


def _any_of(conditions: list[str]) -> str:
	conditions = [c for c in conditions if c]
	if not conditions:
		return NOBODY
	return "(" + " or ".join(conditions) + ")"


def _relationship_query(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	coach_column, coachee_column = RELATIONSHIP_COLUMNS[doctype]
	coach, coachee = profiles_of(user)
	conditions = []
	if coach:
		conditions.append(f"{_column(doctype, coach_column)} = {frappe.db.escape(coach)}")
	if coachee:
		conditions.append(f"{_column(doctype, coachee_column)} = {frappe.db.escape(coachee)}")
	if doctype in PARTICIPANT_USER_COLUMN:
		conditions.append(f"{_column(doctype, PARTICIPANT_USER_COLUMN[doctype])} = {frappe.db.escape(user)}")
	return _any_of(conditions)


# A coach-pool session's requester takes part without necessarily having a coachee record.
PARTICIPANT_USER_COLUMN = {"Coaching Session": "coachee_user"}


def _relationship_of(doc) -> tuple[str | None, str | None]:
	"""The coach and coachee a record belongs to; for records tied to an agreement, the agreement decides,
	so a value typed into a new record's own fields cannot claim someone else's relationship."""
	if doc.doctype != "Coaching Agreement" and doc.get("agreement"):
		values = frappe.db.get_value("Coaching Agreement", doc.agreement, ["coach", "coachee"], as_dict=True)
		if values:
			return values.coach, values.coachee
	return doc.get("coach"), doc.get("coachee")


def _is_party(doc, user: str) -> bool:
	coach, coachee = _relationship_of(doc)
	own_coach, own_coachee = profiles_of(user)
	return bool(
		(coach and own_coach and coach == own_coach) or (coachee and own_coachee and coachee == own_coachee)
	)


def _relationship_permission(doc, ptype: str | None, user: str | None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	if _is_party(doc, user):
		return True
	column = PARTICIPANT_USER_COLUMN.get(doc.doctype)
	return bool(
		column and not doc.get("agreement") and doc.get(column) == user and ptype in ("read", "print")
	)


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
	return bool(doc.get("user")) and doc.user == user


def _live_coachees_of(coach: str) -> str:
	states = ", ".join(frappe.db.escape(s) for s in sorted(LIVE_STATES))
	return (
		"select `tabCoaching Agreement`.`coachee` from `tabCoaching Agreement`"
		f" where `tabCoaching Agreement`.`coach` = {frappe.db.escape(coach)}"
		f" and `tabCoaching Agreement`.`status` in ({states})"
	)


def coachee_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	conditions = [f"`tabCoachee`.`user` = {frappe.db.escape(user)}"]
	if coach := coach_of_user(user):
		conditions.append(f"`tabCoachee`.`name` in ({_live_coachees_of(coach)})")
	return _any_of(conditions)


def has_coachee_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	if doc.get("user") and doc.user == user:
		return True
	coach = coach_of_user(user)
	if not coach or ptype not in ("read", "select", "print"):
		return False
	return bool(
		frappe.db.exists(
			"Coaching Agreement", {"coach": coach, "coachee": doc.name, "status": ("in", list(LIVE_STATES))}
		)
	)


# --- Coaching Note: its author and nobody else ------------------------------------------------------------


def note_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return f"`tabCoaching Note`.`owner` = {frappe.db.escape(user)}"


def has_note_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if doc.is_new():
		return "Coach" in _roles(user)
	return doc.owner == user


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
		# Open requests with no coach named are offered to every pool coach who has the skill.
		conditions.append(
			"(`tabCoaching Request`.`status` = 'Open'"
			" and ifnull(`tabCoaching Request`.`preferred_coach`, '') = ''"
			" and `tabCoaching Request`.`skill` in (select `tabCoach Skill`.`skill` from `tabCoach Skill`"
			f" where `tabCoach Skill`.`parenttype` = 'Coach' and `tabCoach Skill`.`parent` = {escaped}))"
		)
	return _any_of(conditions)


def has_request_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	if doc.get("requester") == user:
		return ptype in ("read", "select", "print", "create")
	coach = coach_of_user(user)
	if not coach:
		return False
	if coach in (doc.get("assigned_coach"), doc.get("preferred_coach")):
		return True
	return bool(
		doc.get("status") == "Open"
		and not doc.get("preferred_coach")
		and frappe.db.exists(
			"Coach Skill", {"parenttype": "Coach", "parent": coach, "skill": doc.get("skill")}
		)
	)


def feedback_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	own = f"`tabCoaching Feedback`.`respondent` = {frappe.db.escape(user)}"
	if is_staff(user):
		# Staff read anonymous answers only in aggregate, through the feedback report.
		return f"(ifnull(`tabCoaching Feedback`.`is_anonymous`, 0) = 0 or {own})"
	return own


def has_feedback_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if doc.get("respondent") == user:
		return True
	return is_staff(user) and not doc.get("is_anonymous")


# --- Coaching Resource: staff curate, everyone else reads what is published --------------------------------


def resource_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	return "ifnull(`tabCoaching Resource`.`published`, 0) = 1"


def has_resource_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_staff(user):
		return True
	return bool(doc.get("published")) and ptype in ("read", "select", "print")


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


def keep_note_files_private(doc, method: str | None = None) -> None:
	"""File validate hook. A public file is served to anyone who has its address; a file attached to a private
	note must be private, so Frappe checks the note's permission before serving it. A refused upload is
	rolled back, and Frappe removes the stored file with it."""
	if doc.get("attached_to_doctype") == "Coaching Note" and not doc.get("is_private"):
		frappe.throw(
			_("Files attached to a private note must be private. Upload it again with Is Private ticked."),
			title=_("Private Note"),
		)
