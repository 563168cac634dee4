"""Frappe-side helpers shared by several controllers."""

import frappe
from frappe import _
from frappe.utils import getdate

from coaching_app.rules.dates import is_ordered
from coaching_app.rules.scoring import RATING_MAX, RATING_MIN, is_valid_rating


def validate_date_order(doc, start_field: str, end_field: str) -> None:
	start, end = doc.get(start_field), doc.get(end_field)
	if not is_ordered(getdate(start) if start else None, getdate(end) if end else None):
		frappe.throw(
			_("{0} cannot be after {1}.").format(
				_(doc.meta.get_label(start_field)), _(doc.meta.get_label(end_field))
			),
			title=_("Dates Out of Order"),
		)


def validate_rating(value, label: str, row_idx: int | None = None) -> None:
	"""Empty is allowed (not rated yet); anything else must be a whole number on the 1-5 scale."""
	if value in (None, ""):
		return
	if isinstance(value, str) and value.strip().isdigit():
		value = int(value)
	if not is_valid_rating(value):
		message = (
			_("Row {0}: {1} must be a whole number from {2} to {3}.").format(
				row_idx, _(label), RATING_MIN, RATING_MAX
			)
			if row_idx
			else _("{0} must be a whole number from {1} to {2}.").format(_(label), RATING_MIN, RATING_MAX)
		)
		frappe.throw(
			message,
			title=_("Invalid Rating"),
		)


def ensure_role(user: str, role: str) -> None:
	"""Give `user` the role if they lack it: creating someone's coach or coachee record enrols them."""
	if not user or user in ("Administrator", "Guest") or role in frappe.get_roles(user):
		return
	user_doc = frappe.get_doc("User", user)
	user_doc.flags.ignore_permissions = True
	user_doc.add_roles(role)


def validate_agreement_party(doc, coachee_field: str = "coachee") -> None:
	"""A record tied to an agreement belongs to that agreement's coachee."""
	if not doc.get("agreement"):
		return
	coachee = frappe.db.get_value("Coaching Agreement", doc.agreement, "coachee")
	if coachee and doc.get(coachee_field) and doc.get(coachee_field) != coachee:
		frappe.throw(
			_("Agreement {0} belongs to another coachee.").format(frappe.bold(doc.agreement)),
			title=_("Wrong Agreement"),
		)


def act_on_stored_record(doc, ptype: str = "read") -> None:
	"""Start of a whitelisted document method. `run_doc_method` may hand the method the caller's own JSON copy
	of the record; the method must decide and act on the stored record, so any edited field is dropped here
	before the permission check."""
	if doc.is_new() or not frappe.db.exists(doc.doctype, doc.name):
		frappe.throw(_("Save the record first."), title=_("Not Saved"))
	doc.reload()
	doc.check_permission(ptype)


def set_shared_with_staff(doc, share) -> int:
	"""The coachee shares one session's or growth plan's content with the program's staff, or takes it back.
	Nobody else decides it: not the coach, not staff."""
	from frappe.utils import cint

	act_on_stored_record(doc)
	if frappe.session.user != doc.coachee_user:
		frappe.throw(
			_("Only the coachee decides whether program staff may read this record."),
			frappe.PermissionError,
			title=_("The Coachee's Choice"),
		)
	from coaching_app.input_checks import in_range, whole_number_value

	shared = whole_number_value(share, _("Share"))
	in_range(shared, _("Share"), 0, 1)
	shared = 1 if cint(shared) else 0
	if shared != cint(doc.shared_with_staff):
		doc.db_set("shared_with_staff", shared)
		doc.add_comment(
			"Info", _("Shared with program staff.") if shared else _("No longer shared with program staff.")
		)
	return shared


def require_login(path: str) -> None:
	"""Portal pages are for signed-in coaches and coachees: send a guest to log in and come back."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={path}"
		raise frappe.Redirect


def required(value, label: str):
	"""An argument a caller of a whitelisted function left out: a clear message instead of a TypeError."""
	if value in (None, ""):
		frappe.throw(_("{0} is required.").format(_(label)), frappe.MandatoryError, title=_("Missing Value"))
	return value


def begin_decision() -> None:
	"""Start a decision that someone else may be taking at the same moment (two consents, two Accepts, a form
	posted twice): the caller then locks the rows it decides on, in the order record first, coach second,
	and reads them again.

	Frappe runs every transaction in repeatable read, so rows read before waiting for a lock would still show
	the state from before the other request committed. A request that has written nothing yet therefore
	begins a fresh transaction here: on MariaDB the snapshot is taken at the first plain read, which comes
	after the locks; PostgreSQL takes it at the first statement, so there the transaction reads committed
	rows instead. A request that has written already keeps its transaction (it holds what it wrote), and so
	does a test run, whose rows and savepoints live in one open transaction and which races nobody."""
	if frappe.db.transaction_writes or frappe.flags.in_test:
		return
	frappe.db.rollback()
	if frappe.db.db_type == "postgres":
		frappe.db.sql("set transaction isolation level read committed")


def lock_row(doctype: str, name: str, fields: tuple[str, ...] = ("name",)) -> frappe._dict | None:
	"""Lock one row until the transaction ends (`SELECT ... FOR UPDATE`) and return its current values."""
	return frappe.db.get_value(doctype, name, list(fields), as_dict=True, for_update=True)
