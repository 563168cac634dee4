"""The coachee's side of the session record: her reflection on a held session and her own action steps.

A session is the record of a partnership: the coach logs it, and the coachee adds what she takes away and what
she will do before they meet again, and says when an action step is done and how it went. These answers are
hers alone to write (`COACHEE_CHOICE_FIELDS` keeps the reflection as stored when anyone else saves the
session); who reads them is the session's own rule."""

import frappe
from frappe import _

from coaching_app.input_checks import TEXT_LIMITS, text_value
from coaching_app.utils import act_on_stored_record, required

REFLECTION_FIELDS = ("coachee_takeaway", "coachee_next")


@frappe.whitelist(methods=["POST"])
def save_reflection(
	session: str | None = None, takeaway: str | None = None, next_steps: str | None = None
) -> dict:
	"""The session page's reflection box: the coachee writes what she takes away from a held session and
	what she will do before they meet again."""
	doc = frappe.get_doc("Coaching Session", required(session, "Session"))
	act_on_stored_record(doc)
	if frappe.session.user != doc.coachee_user:
		frappe.throw(
			_("Only the coachee writes her reflection on the session."),
			frappe.PermissionError,
			title=_("The Coachee's Reflection"),
		)
	if doc.status != "Completed":
		frappe.throw(
			_("You can add your reflection once the session has taken place."),
			title=_("Session Not Held"),
		)
	values = {}
	for field, value in zip(REFLECTION_FIELDS, (takeaway, next_steps), strict=True):
		text = text_value(value, _(doc.meta.get_label(field)), TEXT_LIMITS["Small Text"])
		values[field] = (text or "").strip()
	if any(values[field] != (doc.get(field) or "") for field in REFLECTION_FIELDS):
		doc.db_set(values)
	return values


@frappe.whitelist(methods=["POST"])
def mark_action_done(action: str | None = None, how_it_went: str | None = None) -> str:
	"""The coachee marks one of her own open action steps done, with a few words on how it went (kept in the
	step's review notes, which her coach reads at their next session)."""
	doc = frappe.get_doc("Coaching Action", required(action, "Action Step"))
	act_on_stored_record(doc)
	if frappe.session.user != doc.coachee_user:
		frappe.throw(
			_("Only the coachee marks her action steps done."),
			frappe.PermissionError,
			title=_("The Coachee's Action Step"),
		)
	if doc.status != "Open":
		frappe.throw(
			_("This action step is already {0}.").format(_(doc.status)), title=_("Action Step Closed")
		)
	how_it_went = (text_value(how_it_went, _("How it went"), TEXT_LIMITS["Small Text"]) or "").strip()
	doc.status = "Done"
	if how_it_went:
		doc.review_notes = "\n".join(part for part in (doc.review_notes, how_it_went) if part)
	doc.save()
	return doc.status
