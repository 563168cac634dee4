"""What Frappe's Personal Data Deletion Request cannot reach by itself in coaching records: the person's words in
the child rows of her sessions and growth plans (the action steps she agreed, her answers to the program's
prompts, her reviews and rating notes) and the history Frappe keeps of her records (Version rows, which copy
every changed text, such as the story, passions and dreams of her intake).

Frappe redacts the fields named in `user_data_fields` (hooks.py) and then renames the User to the request's
name. That rename is where this module acts, and only when it is the last step of a deletion request: a User
renamed for any other reason (a new e-mail address) keeps everything.
"""

import frappe

from coaching_app.rules.access import RECORD_DOCTYPES

# Child table -> (parent DocType, the columns holding the person's words, the parent's column naming her).
COACHEE_WORDS_IN_ROWS = {
	"Coaching Session Step": ("Coaching Session", ("description", "measure"), "coachee_user"),
	"Coaching Session Prompt Answer": ("Coaching Session", ("answer",), "coachee_user"),
	"Coaching Session Review": (
		"Coaching Session",
		("description", "measure", "review_notes"),
		"coachee_user",
	),
	"Growth Plan Rating": ("Growth Plan", ("notes",), "coachee_user"),
	# Her answers in the coach training.
	"Coach Training Answer": ("Coach Training Progress", ("answer",), "user"),
}

# DocType -> the columns that name a person as a party of the record (after the rename they hold her new name).
PARTY_COLUMNS = {
	"Coach": ("user",),
	"Coachee": ("user",),
	"Coaching Agreement": ("coach_user", "coachee_user"),
	"Coaching Session": ("coach_user", "coachee_user"),
	"Growth Plan": ("coach_user", "coachee_user"),
	"Coaching Action": ("coach_user", "coachee_user"),
	"Coaching Request": ("requester",),
	"Coaching Feedback": ("respondent",),
	"Coaching Note": ("owner",),
	"Coaching Calendar Feed": ("user",),
	"Coach Training Progress": ("user",),
}


def forget_after_deletion(
	doc, method: str | None = None, old: str | None = None, new: str | None = None, merge=False
):
	"""User after_rename hook."""
	if merge or not old or not new:
		return
	if not frappe.db.exists("Personal Data Deletion Request", {"name": new, "email": old}):
		return
	records = records_of(new)
	remove_words_in_rows(new)
	remove_history(records)


def records_of(user: str) -> dict[str, list[str]]:
	"""The coaching records `user` is a party of, by DocType."""
	records = {}
	for doctype, columns in PARTY_COLUMNS.items():
		names = set()
		for column in columns:
			names.update(frappe.get_all(doctype, filters={column: user}, pluck="name"))
		if names:
			records[doctype] = sorted(names)
	return records


def remove_words_in_rows(user: str) -> None:
	"""Empties the person's words in the child rows of her sessions, growth plans and coach training."""
	for child, (parent, columns, user_column) in COACHEE_WORDS_IN_ROWS.items():
		parents = frappe.get_all(parent, filters={user_column: user}, pluck="name")
		if not parents:
			continue
		table = frappe.qb.DocType(child)
		query = frappe.qb.update(table).where((table.parenttype == parent) & table.parent.isin(parents))
		for column in columns:
			query = query.set(table[column], "")
		query.run()


def remove_history(records: dict[str, list[str]]) -> None:
	"""Deletes the Version rows of the person's coaching records: each copies the texts that changed."""
	for doctype, names in records.items():
		if doctype in RECORD_DOCTYPES:
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
