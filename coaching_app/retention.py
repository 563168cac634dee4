"""How long private notes are kept: the settings' retention days after their agreement ended (0 keeps them).
A run that missed days removes everything overdue; a second run finds nothing."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import get_settings

CHUNK = 500


def delete_expired_private_notes(today=None) -> int:
	days = get_settings().private_note_retention_days
	if not days:
		return 0
	cutoff = add_days(getdate(today), -days)
	note = frappe.qb.DocType("Coaching Note")
	agreement = frappe.qb.DocType("Coaching Agreement")
	expired = (
		frappe.qb.from_(note)
		.join(agreement)
		.on(agreement.name == note.agreement)
		.select(note.name)
		.where(agreement.ended_on.isnotnull() & (agreement.ended_on < cutoff))
	).run(pluck=True)
	for start in range(0, len(expired), CHUNK):
		chunk = expired[start : start + CHUNK]
		remove_files_of("Coaching Note", chunk)
		frappe.qb.from_(note).delete().where(note.name.isin(chunk)).run()
	return len(expired)


def remove_files_of(doctype: str, names: list[str]) -> None:
	"""Attachments of records about to be deleted in bulk: their File rows, and the stored files once no
	other row points at them. Only records that have files cost a document delete each."""
	files = frappe.get_all(
		"File", filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names)}, pluck="name"
	)
	for file in files:
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)
