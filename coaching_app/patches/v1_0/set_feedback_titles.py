import frappe


def execute():
	"""Feedback requests made before they carried titles get the round's title and the person they are about."""
	for name in frappe.get_all("Coaching Feedback", filters={"title": ("is", "not set")}, pluck="name"):
		doc = frappe.get_doc("Coaching Feedback", name)
		doc.set_title()
		doc.db_update()
