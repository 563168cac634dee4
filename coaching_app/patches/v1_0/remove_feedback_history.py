"""Feedback answers no longer keep a change history: a Version row of an anonymous answer names its author
beside the answer. Remove the history kept so far (private notes never kept one)."""

import frappe


def execute():
	frappe.db.delete("Version", {"ref_doctype": ("in", ["Coaching Feedback", "Coaching Note"])})
