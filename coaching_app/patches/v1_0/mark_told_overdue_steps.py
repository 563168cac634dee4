import frappe
from frappe.utils import add_days, getdate


def execute():
	"""Open action steps whose overdue notice went out before the daily digest (the day after their due date)
	are marked as told, so the first digest does not list them again."""
	yesterday = add_days(getdate(), -1)
	table = frappe.qb.DocType("Coaching Action")
	frappe.qb.update(table).set(table.overdue_notified_on, table.due_date).where(
		(table.status == "Open") & (table.due_date < yesterday) & table.overdue_notified_on.isnull()
	).run()
