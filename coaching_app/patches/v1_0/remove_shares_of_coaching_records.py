"""Shares made before coaching records became unshareable would still grant access: remove them."""

import frappe

from coaching_app.rules.access import UNSHAREABLE_DOCTYPES


def execute():
	frappe.db.delete("DocShare", {"share_doctype": ("in", sorted(UNSHAREABLE_DOCTYPES))})
