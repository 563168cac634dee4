"""On a site with ERPNext and HRMS, their everyday users work as they would without the app.

A clerk with the Sales, Stock and Accounts User roles and the Employee role (what HRMS gives every employee)
makes the calls the sales form makes, over HTTP through Frappe's request handling and the app's request
guard: reading a field of an item, a customer and the company by name, the item details of a new row, saving
a sales order, its list, its count, its group-by counts and the item search; and private files and to-dos
stay their owners'. Every call must answer as it does on a site without the app (status 200 and the
record's values, or 403 for another user's private rows).

The suite runs only where ERPNext is installed (the ERPNext and HRMS CI job, or `bin/dev-bench
--with-erpnext-hrms`); elsewhere it is skipped, saying so."""

import json
import unittest

import frappe
from frappe.utils import add_days, today
from frappe.utils.password import update_password

from coaching_app.tests.served import PASSWORD, ServedSiteTestCase
from coaching_app.tests.utils import make_user, unique

CLERK_ROLES = ("Sales User", "Stock User", "Accounts User", "Employee")


def _leaf(doctype: str) -> str | None:
	"""A record of a tree DocType that is not a group, else its first record."""
	return frappe.db.get_value(
		doctype, {"is_group": 0}, "name", order_by="creation asc"
	) or frappe.db.get_value(doctype, {}, "name", order_by="creation asc")


class TestAnErpnextSiteKeepsWorking(ServedSiteTestCase):
	@classmethod
	def setUpClass(cls):
		if "erpnext" not in frappe.get_installed_apps():
			raise unittest.SkipTest(
				"ERPNext is not installed on this site (the ERPNext and HRMS job runs it)"
			)
		cls.company = frappe.defaults.get_global_default("company") or frappe.db.get_value(
			"Company", {}, "name", order_by="creation asc"
		)
		if not cls.company:
			raise unittest.SkipTest("The site has no Company: its setup wizard has not run")
		super().setUpClass()

	@classmethod
	def add_served_records(cls):
		cls.clerk = make_user(f"{unique('clerk')}@example.com", roles=CLERK_ROLES)
		cls.other_clerk = make_user(f"{unique('clerk')}@example.com", roles=CLERK_ROLES)
		for user in (cls.clerk, cls.other_clerk):
			update_password(user, PASSWORD)
		cls.item = (
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": unique("ITEM"),
					"item_name": "Notebook, squared",
					"item_group": _leaf("Item Group"),
					"stock_uom": "Nos",
					"is_stock_item": 0,
					"standard_rate": 12,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.customer = (
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": unique("Harbour Books"),
					"customer_group": _leaf("Customer Group"),
					"territory": _leaf("Territory"),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.todo = (
			frappe.get_doc(
				{"doctype": "ToDo", "description": "Call the auditor", "allocated_to": cls.other_clerk}
			)
			.insert(ignore_permissions=True)
			.name
		)
		frappe.db.set_value("ToDo", cls.todo, "owner", cls.other_clerk)
		cls.upload = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{unique('payslip')}.txt",
					"is_private": 1,
					"content": b"not for other clerks",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		frappe.db.set_value("File", cls.upload, "owner", cls.other_clerk)

	@classmethod
	def tearDownClass(cls):
		try:
			super().tearDownClass()
		finally:
			frappe.set_user("Administrator")
			for doctype, filters in (
				("Sales Order", {"customer": getattr(cls, "customer", None)}),
				("ToDo", {"name": getattr(cls, "todo", None)}),
				("File", {"name": getattr(cls, "upload", None)}),
				("Item Price", {"item_code": getattr(cls, "item", None)}),
				("Item", {"name": getattr(cls, "item", None)}),
				("Customer", {"name": getattr(cls, "customer", None)}),
			):
				for name in frappe.get_all(doctype, filters=filters, pluck="name"):
					frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			for user in (getattr(cls, "clerk", None), getattr(cls, "other_clerk", None)):
				if user:
					frappe.delete_doc("User", user, force=True, ignore_permissions=True)
			frappe.db.commit()  # static-check: the served suite's records were committed for the web server

	def call(self, session, method: str, http="get", **args):
		send = session.get if http == "get" else session.post
		key = "params" if http == "get" else "data"
		return send(f"{self.base}/api/method/{method}", **{key: args})

	def test_the_desk_reads_a_field_of_a_record_named_in_plain_text(self):
		session = self.login(self.clerk)
		for doctype, name, field, expected in (
			("Item", self.item, "item_name", "Notebook, squared"),
			(
				"Customer",
				self.customer,
				"customer_name",
				frappe.db.get_value("Customer", self.customer, "customer_name"),
			),
			(
				"Company",
				self.company,
				"default_currency",
				frappe.db.get_value("Company", self.company, "default_currency"),
			),
		):
			with self.subTest(doctype=doctype):
				response = self.call(
					session, "frappe.client.get_value", doctype=doctype, filters=name, fieldname=field
				)
				self.assertEqual(response.status_code, 200, response.text[:300])
				self.assertEqual(response.json()["message"][field], expected)

	def test_a_sales_order_is_made_as_the_sales_form_makes_it(self):
		session = self.login(self.clerk)
		currency = frappe.db.get_value("Company", self.company, "default_currency")
		details = self.call(
			session,
			"erpnext.stock.get_item_details.get_item_details",
			http="post",
			args=json.dumps(
				{
					"item_code": self.item,
					"customer": self.customer,
					"company": self.company,
					"doctype": "Sales Order",
					"currency": currency,
					"conversion_rate": 1,
					"price_list": frappe.db.get_value("Price List", {"selling": 1}, "name"),
					"price_list_currency": currency,
					"plc_conversion_rate": 1,
					"transaction_date": today(),
					"qty": 2,
					"stock_uom": "Nos",
				}
			),
		)
		self.assertEqual(details.status_code, 200, details.text[:300])
		self.assertEqual(details.json()["message"]["item_name"], "Notebook, squared")

		order = {
			"doctype": "Sales Order",
			"__islocal": 1,
			"name": "new-sales-order-1",
			"customer": self.customer,
			"company": self.company,
			"currency": currency,
			"conversion_rate": 1,
			"selling_price_list": frappe.db.get_value("Price List", {"selling": 1}, "name"),
			"plc_conversion_rate": 1,
			"transaction_date": today(),
			"delivery_date": add_days(today(), 7),
			"order_type": "Sales",
			"items": [
				{
					"doctype": "Sales Order Item",
					"__islocal": 1,
					"item_code": self.item,
					"item_name": "Notebook, squared",
					"qty": 2,
					"rate": 12,
					"uom": "Nos",
					"stock_uom": "Nos",
					"conversion_factor": 1,
					"delivery_date": add_days(today(), 7),
				}
			],
		}
		saved = self.call(
			session, "frappe.desk.form.save.savedocs", http="post", doc=json.dumps(order), action="Save"
		)
		self.assertEqual(saved.status_code, 200, saved.text[:500])
		name = saved.json()["docs"][0]["name"]
		self.assertEqual(saved.json()["docs"][0]["grand_total"], 24)

		form = self.call(session, "frappe.desk.form.load.getdoc", doctype="Sales Order", name=name)
		self.assertEqual(form.status_code, 200, form.text[:300])
		listed = self.call(
			session,
			"frappe.desk.reportview.get",
			http="post",
			doctype="Sales Order",
			fields=json.dumps(["`tabSales Order`.`name`", "`tabSales Order`.`grand_total`"]),
			filters=json.dumps([["Sales Order", "customer", "=", self.customer]]),
		)
		self.assertEqual(listed.status_code, 200, listed.text[:300])
		self.assertIn(name, json.dumps(listed.json()["message"]))
		count = self.call(
			session,
			"frappe.client.get_count",
			doctype="Sales Order",
			filters=json.dumps({"customer": self.customer}),
		)
		self.assertEqual((count.status_code, count.json()["message"]), (200, 1), count.text[:300])
		groups = self.call(
			session,
			"frappe.desk.listview.get_group_by_count",
			http="post",
			doctype="Sales Order",
			current_filters=json.dumps([["Sales Order", "customer", "=", self.customer]]),
			field="owner",
		)
		self.assertEqual(groups.status_code, 200, groups.text[:300])
		self.assertEqual([row["count"] for row in groups.json()["message"]], [1])

	def test_the_item_search_finds_the_item(self):
		session = self.login(self.clerk)
		response = self.call(
			session, "frappe.desk.search.search_link", doctype="Item", txt="Notebook, squared", page_length=10
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertIn(self.item, json.dumps(response.json()))

	def test_another_clerks_private_file_and_to_do_stay_theirs(self):
		session = self.login(self.clerk)
		for doctype, name in (("ToDo", self.todo), ("File", self.upload)):
			with self.subTest(doctype=doctype):
				read = self.call(session, "frappe.client.get", doctype=doctype, name=name)
				self.assertEqual(read.status_code, 403, read.text[:300])
				delete = session.delete(f"{self.base}/api/resource/{doctype}/{name}")
				self.assertEqual(delete.status_code, 403, delete.text[:300])
		self.assertTrue(frappe.db.exists("ToDo", self.todo))
		self.assertTrue(frappe.db.exists("File", self.upload))
		owner = self.login(self.other_clerk)
		mine = self.call(owner, "frappe.client.get", doctype="File", name=self.upload)
		self.assertEqual(mine.status_code, 200, mine.text[:300])
