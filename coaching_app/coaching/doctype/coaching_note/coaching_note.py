# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

from functools import partial

import frappe
from frappe import _
from frappe.model.document import Document


class CoachingNote(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agreement: DF.Link
		author: DF.Link
		content: DF.TextEditor
		session: DF.Link
	# end: auto-generated types

	def before_insert(self):
		self.author = frappe.session.user

	def validate(self):
		self.validate_author_is_the_coach()

	def on_trash(self):
		# Frappe files a copy of every deleted record under Deleted Document, which System Managers read.
		# The copy is removed in the same transaction, just before it commits, so a deleted private note
		# is gone for everyone. If the deletion rolls back, the note stays as it was.
		frappe.db.before_commit.add(partial(forget_deleted_note, self.name))

	def validate_author_is_the_coach(self):
		if self.author != self.owner and not self.is_new():
			frappe.throw(_("A private note keeps its author."), frappe.PermissionError)
		coach = frappe.db.get_value("Coaching Session", self.session, "coach")
		if frappe.db.get_value("Coach", coach, "user") != self.author:
			frappe.throw(
				_("Only the coach of session {0} can keep private notes on it.").format(
					frappe.bold(self.session)
				),
				frappe.PermissionError,
				title=_("Not Your Session"),
			)


def forget_deleted_note(name: str) -> None:
	frappe.db.delete("Deleted Document", {"deleted_doctype": "Coaching Note", "deleted_name": name})
