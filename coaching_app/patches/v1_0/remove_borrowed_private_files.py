"""A File row that points at a private file of a coaching record, without being attached to that record,
served the file to whoever created the row. New rows of that kind are refused; remove the ones made before.
Only the rows go: the file on disk stays with the record it belongs to."""

import frappe

from coaching_app.rules.access import RECORD_DOCTYPES


def execute():
	held = frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", sorted(RECORD_DOCTYPES)), "is_private": 1},
		fields=["file_url", "owner"],
	)
	for row in held:
		frappe.db.delete(
			"File",
			{
				"file_url": row.file_url,
				"attached_to_doctype": ("is", "not set"),
				"owner": ("!=", row.owner),
			},
		)
