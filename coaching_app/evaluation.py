"""Keeping coaching apart from performance evaluation, where the site keeps HR records.

The app has no dependency on ERPNext or HRMS: when an Employee DocType is installed (with `user_id` and
`reports_to`, as HRMS has), a coachee's direct line manager is read from it; otherwise there is none.
"""

import frappe


def line_manager_user(user: str | None) -> str | None:
	"""The user account of `user`'s direct line manager, or None where the site keeps no such record."""
	if not user or not frappe.db.exists("DocType", "Employee"):
		return None
	meta = frappe.get_meta("Employee")
	if not (meta.has_field("user_id") and meta.has_field("reports_to")):
		return None
	manager = frappe.db.get_value("Employee", {"user_id": user}, "reports_to")
	return frappe.db.get_value("Employee", manager, "user_id") if manager else None
