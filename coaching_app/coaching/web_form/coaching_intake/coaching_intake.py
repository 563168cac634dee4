import frappe
from frappe import _


def get_context(context):
	"""A coachee's record is created by program staff, so the intake opens that record for editing."""
	if frappe.form_dict.name or frappe.session.user == "Guest":
		return context
	coachee = frappe.db.get_value("Coachee", {"user": frappe.session.user}, "name")
	if not coachee:
		frappe.throw(
			_("Program staff have not enrolled you as a coachee yet."),
			frappe.PermissionError,
			title=_("Not Enrolled"),
		)
	frappe.redirect(f"/coaching-intake/{coachee}/edit")
