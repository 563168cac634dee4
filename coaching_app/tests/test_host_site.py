"""The app is a guest in someone's site: what it hooks on Frappe's own DocTypes and requests answers only about
coaching records, and everything else behaves exactly as on a site without the app (private files and to-dos
stay their owners', the desk's everyday calls pass the request guard, the site's home page stays the site's).
Frappe's own test modules for the same paths run in the host-site layer (bin/host-site-tests)."""

import json

import frappe
from frappe.website.utils import get_home_page

from coaching_app import navigation
from coaching_app.access import guard, permissions
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.served import COACHEE, MANAGER, ServedSiteTestCase
from coaching_app.tests.utils import make_relationship, make_session, make_user, unique

HOST_ROLE = "Coaching Host Site Clerk"


def host_user(*extra_roles: str) -> str:
	"""A desk user of the host site with a role of its own, outside coaching (an ERPNext clerk, say)."""
	if not frappe.db.exists("Role", HOST_ROLE):
		frappe.get_doc({"doctype": "Role", "role_name": HOST_ROLE, "desk_access": 1}).insert(
			ignore_permissions=True
		)
	return make_user(roles=(HOST_ROLE, *extra_roles))


def private_upload(user: str, content: bytes, **attached) -> "frappe.Document":
	"""A private file uploaded by `user`, as the desk's uploader saves it."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{unique('notes')}.txt",
				"is_private": 1,
				"content": content,
				**attached,
			}
		).insert()
	finally:
		frappe.set_user(previous)


class TestTheHostSiteKeepsItsRules(CoachingTestCase):
	def test_another_users_private_file_and_to_do_stay_theirs(self):
		owner, stranger = host_user(), host_user()
		with self.set_user(owner):
			todo = frappe.get_doc(
				{"doctype": "ToDo", "description": "Call the auditor", "allocated_to": owner}
			).insert()
		upload = private_upload(owner, b"salary review, not for others")
		for ptype in ("read", "write", "delete"):
			with self.subTest(ptype=ptype):
				self.assertFalse(frappe.has_permission("ToDo", ptype, doc=todo.name, user=stranger))
				self.assertFalse(frappe.has_permission("File", ptype, doc=upload.name, user=stranger))
				self.assertTrue(frappe.has_permission("ToDo", ptype, doc=todo.name, user=owner))
				self.assertTrue(frappe.has_permission("File", ptype, doc=upload.name, user=owner))
		with self.set_user(stranger):
			self.assertNotIn(todo.name, frappe.get_list("ToDo", pluck="name"))
			made_public = frappe.get_doc("File", upload.name)
			made_public.is_private = 0
			self.assertRaises(frappe.PermissionError, made_public.save)
		self.assertEqual(frappe.db.get_value("File", upload.name, "is_private"), 1)

	def test_the_hooks_say_nothing_about_rows_that_are_not_about_coaching(self):
		owner, stranger = host_user(), host_user()
		with self.set_user(owner):
			todo = frappe.get_doc(
				{"doctype": "ToDo", "description": "Order paper", "allocated_to": owner}
			).insert()
		neutral = permissions.abstain()
		# Frappe 15 takes the first answer that is not None; later versions need every hook to agree.
		self.assertIs(neutral, None if int(frappe.__version__.split(".")[0]) < 16 else True)
		self.assertIs(permissions.has_reference_permission(todo, "read", stranger), neutral)
		# A row about a coaching record the user may not read is refused by the app itself.
		relationship = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(relationship.agreement.name)
		about_coaching = frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Follow up",
				"reference_type": "Coaching Session",
				"reference_name": session.name,
				"allocated_to": stranger,
			}
		).insert(ignore_permissions=True)
		self.assertIs(permissions.has_reference_permission(about_coaching, "read", stranger), False)
		self.assertFalse(frappe.has_permission("ToDo", "read", doc=about_coaching.name, user=stranger))

	def test_a_user_outside_coaching_pays_no_subquery_on_the_sites_own_lists(self):
		clerk = host_user()
		for doctype in ("ToDo", "File", "Comment", "Version", "Communication"):
			with self.subTest(doctype=doctype):
				condition = permissions.reference_query(clerk, doctype)
				self.assertNotIn("select", condition.lower())
				self.assertIn("not in", condition)

	def test_identical_private_bytes_uploaded_by_a_second_user_are_accepted(self):
		first, second = host_user(), host_user()
		content = f"the same minutes {unique('m')}".encode()
		one = private_upload(first, content)
		two = private_upload(second, content)
		self.assertTrue(two.name)
		self.assertNotEqual(one.name, two.name)
		self.assertTrue(frappe.has_permission("File", "read", doc=two.name, user=second))

	def test_the_sites_home_page_stays_the_sites(self):
		coachee = make_relationship(status=lifecycle.ACTIVE).coachee.user
		with self.change_settings("Website Settings", {"home_page": "about"}):
			for user in ("Administrator", coachee, host_user()):
				with self.subTest(user=user), self.set_user(user):
					frappe.cache.hdel("home_page", user)
					self.assertEqual(get_home_page(), "about")

	def test_desk_calls_naming_a_record_in_plain_text_pass_the_guard(self):
		for filters in (
			"SINV-2026-00001",
			"Item #4",
			12345,
			{"name": "x"},
			[["ToDo", "status", "=", "Open"]],
		):
			with self.subTest(filters=filters):
				self.assertTrue(guard._filters_are_safe(guard._parsed(json.dumps(filters))))
				self.assertTrue(guard._filters_are_safe(filters))
		self.assertFalse(guard._filters_are_safe(["name = 'x' or 1=1"]))
		self.assertFalse(guard._filters_are_safe({"(select 1)": "x"}))
		self.assertTrue(guard._looks_like_a_query("`name`, (select password from __Auth)"))
		for column in (
			"name",
			"sum(grand_total) as total",
			"from_date",
			"modified desc",
			"`tabItem`.`item_code`",
		):
			self.assertFalse(guard._looks_like_a_query(column), column)


class TestWhereCoachingPeopleLand(CoachingTestCase):
	def landing(self, user: str, message: str) -> str:
		frappe.local.response = frappe._dict(message=message, home_page="/site-home")
		navigation.send_home_after_login(frappe._dict(user=user))
		return frappe.local.response.home_page

	def test_a_coachee_who_is_also_a_desk_user_finds_my_coaching_first(self):
		relationship = make_relationship(status=lifecycle.ACTIVE)
		website_coachee = relationship.coachee.user
		employee_coachee = host_user("Coachee")
		self.assertEqual(self.landing(website_coachee, "No App"), "/my-coaching")
		self.assertEqual(self.landing(employee_coachee, "Logged In"), "/my-coaching")
		with self.set_user(employee_coachee):
			bootinfo = frappe._dict(user={"name": employee_coachee})
			navigation.boot_session(bootinfo)
		self.assertEqual(bootinfo.user["default_workspace"]["name"], navigation.COACHEE_WORKSPACE)

	def test_everyone_else_keeps_the_sites_landing(self):
		self.assertEqual(self.landing(host_user(), "Logged In"), "/site-home")
		self.assertEqual(self.landing(make_user(), "No App"), "/site-home")
		self.assertEqual(self.landing("Administrator", "Logged In"), "/site-home")
		for user in (host_user(), "Administrator", make_user(roles=("System Manager", "Coaching Manager"))):
			with self.subTest(user=user), self.set_user(user):
				bootinfo = frappe._dict(user={"name": frappe.session.user})
				navigation.boot_session(bootinfo)
				self.assertNotIn("default_workspace", bootinfo.user)


class TestTheRequestGuardOverHttp(ServedSiteTestCase):
	def test_the_desks_get_value_with_a_record_name_answers(self):
		program = frappe.get_all("Coaching Program", pluck="name", limit=1)[0]
		session = self.login(MANAGER)
		response = session.get(
			f"{self.base}/api/method/frappe.client.get_value",
			params={"doctype": "Coaching Program", "filters": program, "fieldname": "name"},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertEqual(response.json()["message"]["name"], program)

	def test_a_subquery_in_the_columns_of_a_rest_list_is_refused(self):
		session = self.login(COACHEE)
		for path in ("/api/resource/ToDo", "/api/resource/Coaching Program"):
			with self.subTest(path=path):
				response = session.get(
					f"{self.base}{path}",
					params={
						"fields": json.dumps(["`name`", "(select `password` from `__Auth` limit 1) as leak"])
					},
				)
				self.assertEqual(response.status_code, 403, response.text[:300])
				self.assertNotIn("pbkdf2", response.text)

	def test_a_child_row_of_a_coaching_record_is_never_printed_alone(self):
		rating = frappe.get_all(
			"Growth Plan Rating", filters={"parenttype": "Growth Plan"}, pluck="name", limit=1
		)
		step = frappe.get_all("Coaching Session Step", pluck="name", limit=1)
		self.assertTrue(rating, "the demo's growth plan has rating rows to try")
		session = self.login(MANAGER)
		for doctype, names in (("Growth Plan Rating", rating), ("Coaching Session Step", step)):
			for name in names:
				with self.subTest(doctype=doctype):
					for method, args in (
						("frappe.www.printview.get_html_and_style", {"doc": doctype, "name": name}),
						("frappe.utils.print_format.download_pdf", {"doctype": doctype, "name": name}),
					):
						response = session.get(f"{self.base}/api/method/{method}", params=args)
						self.assertEqual(response.status_code, 403, (method, response.text[:200]))
					page = session.get(f"{self.base}/printview", params={"doctype": doctype, "name": name})
					self.assertNotEqual(page.status_code, 200, page.text[:200])
