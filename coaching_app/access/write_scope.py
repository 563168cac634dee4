"""What program staff may write: records of the programs they run, and no program record but their own.

Reading is decided by the permission hooks (coaching_app/access/permissions.py); these hooks stop a Coaching Manager
of one program from writing into another over any path (the desk, REST, `frappe.client.set_value`): drafting
an agreement, creating a coachee, a session or a feedback round there, changing a coach who belongs to other
programs only, editing another program, or naming herself among a program's managers. Only site-wide staff
(System Managers) create programs and change who runs them. The app's own writes run with
`ignore_permissions` after their own checks and are not refused here.
"""

import frappe
from frappe import _

from coaching_app.access.permissions import is_site_wide, is_staff, managed_programs

# DocType -> the column naming its program.
PROGRAM_COLUMN = {
	"Coaching Agreement": "program",
	"Coachee": "program",
	"Coaching Session": "program",
	"Coaching Feedback Round": "program",
}


def _refuse(program: str | None) -> None:
	frappe.throw(
		_("You do not run program {0}: only its own managers write its records.").format(
			frappe.bold(program or _("(none)"))
		),
		frappe.PermissionError,
		title=_("Not Your Program"),
	)


def _staff_writer(doc) -> str | None:
	"""The user whose write is checked: staff writing by hand, not the app acting on its own checks."""
	user = frappe.session.user
	if doc.flags.ignore_permissions or user == "Administrator" or not is_staff(user):
		return None
	return user


def check_program_of_record(doc, method: str | None = None) -> None:
	"""validate hook of the DocTypes that name a program: the stored program and the new one must both be run
	by the staff member who writes. A coach or coachee writing their own record is decided by the permission
	hooks, not here."""
	user = _staff_writer(doc)
	if not user or _is_own(doc, user):
		return
	runs = managed_programs(user)
	if runs is None:
		return
	column = PROGRAM_COLUMN[doc.doctype]
	stored = None if doc.is_new() else frappe.db.get_value(doc.doctype, doc.name, column)
	for program in {doc.get(column), stored} - {None, ""}:
		if program not in runs:
			_refuse(program)
	if not doc.get(column) and doc.is_new():
		_refuse(None)


def _is_own(doc, user: str) -> bool:
	"""A staff member who also coaches or is coached writes her own relationship's records as a party: the
	stored agreement decides, never the caller's copy."""
	if doc.doctype == "Coachee":
		return not doc.is_new() and frappe.db.get_value("Coachee", doc.name, "user") == user
	agreement = doc.name if doc.doctype == "Coaching Agreement" else doc.get("agreement")
	if not agreement or (doc.doctype == "Coaching Agreement" and doc.is_new()):
		return False
	parties = frappe.db.get_value("Coaching Agreement", agreement, ["coach_user", "coachee_user"]) or ()
	return user in parties


def check_coach(doc, method: str | None = None) -> None:
	"""validate hook of Coach: a coach is shared by programs; staff change one who belongs to a program they
	run (listed there, or holding an agreement there), or who belongs to none yet."""
	user = _staff_writer(doc)
	if not user or doc.get("user") == user:
		return
	runs = managed_programs(user)
	if runs is None:
		return
	belongs = set(
		frappe.get_all("Coach Program", filters={"parenttype": "Coach", "parent": doc.name}, pluck="program")
	) | set(frappe.get_all("Coaching Agreement", filters={"coach": doc.name}, pluck="program", distinct=True))
	belongs |= {row.program for row in doc.get("programs") or [] if row.program}
	belongs.discard(None)
	if belongs and not belongs & set(runs):
		_refuse(", ".join(sorted(belongs)))


def check_program(doc, method: str | None = None) -> None:
	"""validate hook of Coaching Program: staff other than System Managers edit the programs they run, never
	who runs them, and do not create programs."""
	user = _staff_writer(doc)
	if not user or is_site_wide(user):
		return
	if doc.is_new():
		frappe.throw(
			_("Programs are created by a System Manager, who also names their managers."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if doc.name not in (managed_programs(user) or []):
		_refuse(doc.name)
	stored = sorted(
		frappe.get_all(
			"Coaching Program Manager",
			filters={"parenttype": "Coaching Program", "parent": doc.name},
			pluck="user",
		)
	)
	if sorted(row.user for row in doc.get("managers") or []) != stored:
		frappe.throw(
			_("Only a System Manager changes who runs a program."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
