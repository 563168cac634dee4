"""What coaches and coachees touch every day: web form link fields that offer what the user may pick by
name, coach-pool offers answered from My Coaching, the calendar address, and where people land."""

import json
import re
from unittest import mock

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, set_request, today
from frappe.website.serve import get_response_content
from werkzeug.exceptions import HTTPException

from coaching_app import api, navigation
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.test_coach_pool import make_request
from coaching_app.tests.utils import make_coach, make_relationship, make_skill, make_user


def page(path):
	set_request(method="GET", path=path)
	return get_response_content(path)


def form_options(path, fieldname):
	"""The options a web form page hands its field, as the browser receives them."""
	content = page(path)
	match = re.search(r"frappe\.web_form_doc = (\{.*?\});\s*$", content, re.M | re.S)
	assert match, f"{path} carries no web form"
	fields = json.loads(match.group(1))["web_form_fields"]
	field = next(f for f in fields if f["fieldname"] == fieldname)
	options = field["options"]
	return json.loads(options) if isinstance(options, str) else options


class TestWebFormChoices(CoachingTestCase):
	def test_session_form_offers_the_coachs_running_agreements_by_coachee_name(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		waiting = make_relationship(status=lifecycle.AWAITING_CONSENT)
		frappe.db.set_value("Coaching Agreement", waiting.agreement.name, "coach", rel.coach.name)
		stranger = make_relationship(status=lifecycle.ACTIVE)
		with self.set_user(rel.coach.user):
			options = form_options("log-a-session/new", "agreement")
		self.assertEqual([o["value"] for o in options], [rel.agreement.name])
		self.assertTrue(options[0]["label"].startswith(rel.coachee.full_name + ", "), options)
		with self.set_user(stranger.coachee.user):
			self.assertEqual(form_options("log-a-session/new", "agreement"), [])

	def test_request_form_offers_skills_and_pool_coaches_with_room(self):
		skill = make_skill()
		with_room = make_coach(in_coach_pool=1, skills=[{"skill": skill}], capacity=3)
		full = make_coach(in_coach_pool=1, skills=[{"skill": skill}], capacity=1)
		frappe.db.set_value("Coach", full.name, "current_load", 1)
		outside = make_coach(in_coach_pool=0, skills=[{"skill": skill}])
		requester = make_user(roles=("Coachee",))
		with self.set_user(requester):
			coaches = form_options("request-a-coach/new", "preferred_coach")
			skills = form_options("request-a-coach/new", "skill")
		values = {o["value"] for o in coaches}
		self.assertIn(with_room.name, values)
		self.assertFalse({full.name, outside.name} & values)
		label = next(o["label"] for o in coaches if o["value"] == with_room.name)
		self.assertIn(with_room.full_name, label)
		self.assertIn(skill, label)
		self.assertIn(skill, {o["value"] for o in skills})

	def test_a_session_logged_after_it_started_counts_as_held(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		for start, expected in (
			(add_to_date(now_datetime(), hours=-2), "Completed"),
			(add_to_date(now_datetime(), days=2), "Scheduled"),
		):
			session = frappe.get_doc(
				{
					"doctype": "Coaching Session",
					"agreement": rel.agreement.name,
					"session_start": start,
					"status": "",
				}
			).insert(ignore_permissions=True)
			self.assertEqual(session.status, expected)


class TestPoolOffersOnMyCoaching(CoachingTestCase):
	def setUp(self):
		self.skill = make_skill()
		self.coach = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}], capacity=3)
		self.requester = make_user(roles=("Coachee",), first_name="Requesting")
		self.requester_name = frappe.db.get_value("User", self.requester, "full_name")

	def test_the_coach_accepts_an_offer_with_a_time_and_the_requester_sees_it(self):
		request = make_request(self.requester, self.skill, request_details="Prepare a board talk")
		unskilled = make_coach(in_coach_pool=1)
		with self.set_user(unskilled.user):
			self.assertNotIn("Prepare a board talk", page("my-coaching"))
			self.assertRaises(frappe.PermissionError, api.accept_request, request.name, "2030-01-01 10:00:00")
		with self.set_user(self.coach.user):
			content = page("my-coaching")
			self.assertIn("Requests for you", content)
			self.assertIn(self.requester_name, content)
			self.assertIn("Prepare a board talk", content)
			start = add_to_date(now_datetime(), days=3).replace(microsecond=0)
			session = api.accept_request(request.name, str(start), "Room 4")
		request.reload()
		self.assertEqual(
			(request.status, request.assigned_coach, request.session), ("Accepted", self.coach.name, session)
		)
		with self.set_user(self.requester):
			content = page("my-coaching")
		self.assertIn(f"Accepted by {self.coach.full_name}", content)
		with self.set_user(self.coach.user):
			self.assertNotIn("Requests for you", page("my-coaching"))

	def test_a_named_coach_declines_with_a_reason_and_the_pool_gets_it(self):
		request = make_request(self.requester, self.skill, preferred_coach=self.coach.name)
		other = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}])
		with self.set_user(other.user):
			self.assertNotIn(self.requester_name, page("my-coaching"))
			self.assertRaises(frappe.PermissionError, api.decline_request, request.name, "busy")
		with self.set_user(self.coach.user):
			api.decline_request(request.name, "Away in March")
		request.reload()
		self.assertEqual((request.status, request.preferred_coach), ("Open", None))
		with self.set_user(self.requester):
			self.assertIn("Away in March", page("my-coaching"))
		with self.set_user(other.user):
			self.assertIn(self.requester_name, page("my-coaching"))

	def test_a_pool_coach_is_never_offered_their_own_request(self):
		"""A pool coach who asks the pool for a coach in a skill of their own neither sees it among their
		offers nor can accept it; the other pool coaches can."""
		own = make_request(self.coach.user, self.skill, request_details="A second view, please")
		other = make_coach(in_coach_pool=1, skills=[{"skill": self.skill}])
		with self.set_user(self.coach.user):
			self.assertNotIn("Requests for you", page("my-coaching"))
			self.assertRaises(frappe.PermissionError, api.accept_request, own.name, "2030-01-01 10:00:00")
		with self.set_user(other.user):
			self.assertIn("A second view, please", page("my-coaching"))
		self.assertEqual(frappe.db.get_value("Coaching Request", own.name, "status"), "Open")

	def test_only_the_requester_cancels(self):
		request = make_request(self.requester, self.skill)
		with self.set_user(self.coach.user):
			self.assertRaises(frappe.PermissionError, api.cancel_request, request.name)
		with self.set_user(self.requester):
			api.cancel_request(request.name)
		self.assertEqual(frappe.db.get_value("Coaching Request", request.name, "status"), "Cancelled")
		self.assertRaises(frappe.MandatoryError, api.cancel_request)


class TestCalendarAddressOnMyCoaching(CoachingTestCase):
	def test_get_reset_and_remove_from_my_coaching(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		with self.set_user(rel.coachee.user):
			self.assertIn("Get my calendar address", page("my-coaching"))
			url = api.get_calendar_feed_url()
			self.assertIn(url, page("my-coaching"))
			new_url = api.reset_calendar_feed()
			content = page("my-coaching")
			self.assertIn(new_url, content)
			self.assertNotIn(url, content)
			api.revoke_calendar_feed()
			self.assertIn("Get my calendar address", page("my-coaching"))


class TestNavigation(CoachingTestCase):
	def test_the_menu_lists_each_page_once_for_someone_who_coaches_and_is_coached(self):
		both = make_user(roles=("Coach", "Coachee"))
		with self.set_user(both):
			context = frappe._dict(
				sidebar_items=[{"route": "/my-coaching", "title": "My Coaching"}] * 2,
				post_login=[{"label": "My Account", "url": "/me"}],
			)
			navigation.update_website_context(context)
		self.assertEqual([i["route"] for i in context.sidebar_items], ["/my-coaching"])
		urls = [entry["url"] for entry in context.post_login]
		self.assertEqual(len(urls), len(set(urls)))
		self.assertEqual(urls[-1], "/me")
		self.assertTrue({"/my-coaching", "/log-a-session", "/my-growth-plan"} <= set(urls))
		with self.set_user(make_user(roles=("Coachee",))):
			context = frappe._dict(post_login=[{"label": "My Account", "url": "/me"}])
			navigation.update_website_context(context)
		self.assertNotIn("/log-a-session", {entry["url"] for entry in context.post_login})

	def test_people_land_where_their_work_is(self):
		landing = {}
		for roles in (("Coaching Manager",), ("Coach",), ("System Manager", "Coaching Manager"), ()):
			user = make_user(roles=roles)
			frappe.local.response = frappe._dict(message="Logged In", home_page="/app")
			navigation.send_home_after_login(frappe._dict(user=user))
			landing[roles] = frappe.local.response.home_page
		self.assertEqual(landing[("Coaching Manager",)], "/app/coaching")
		self.assertEqual(landing[("Coach",)], "/my-coaching")
		self.assertEqual(landing[("System Manager", "Coaching Manager")], "/app")
		self.assertEqual(landing[()], "/app")

	def test_the_desk_opens_on_a_workspace_made_for_the_user(self):
		from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items

		opened = {}
		for roles in (("Coaching Manager",), ("Coach",), ("Coach", "Coaching Manager"), ("Coachee",)):
			user = make_user(roles=roles)
			with self.set_user(user):
				bootinfo = frappe._dict(user={"name": user})
				navigation.boot_session(bootinfo)
				opened[roles] = (bootinfo.user.get("default_workspace") or {}).get("name")
		self.assertEqual(
			opened,
			{
				("Coaching Manager",): "Coaching",
				("Coach",): "Coach Desk",
				("Coach", "Coaching Manager"): "Coaching",
				("Coachee",): "My Coaching",
			},
		)
		coach = make_coach().user
		with self.set_user(coach):
			workspaces = {page["name"] for page in get_workspace_sidebar_items()["pages"]}
			self.assertIn("Coach Desk", workspaces)
			self.assertNotIn("Coaching", workspaces)  # staff figures are not a coach's
			desk = get_desktop_page(json.dumps({"name": "Coach Desk", "title": "Coach Desk", "public": 1}))
		shortcuts = {item.label for item in desk["shortcuts"]["items"]}
		self.assertTrue({"My Coaching", "Log a Session", "Session Calendar", "Action Steps"} <= shortcuts)
		links = {link.label for card in desk["cards"]["items"] for link in card.links}
		self.assertTrue({"Agreements", "Sessions", "Coach-Pool Requests", "Resources"} <= links)

	def test_a_coachee_opening_the_desk_goes_to_my_coaching(self):
		coachee = make_relationship(status=lifecycle.ACTIVE).coachee.user
		self.assertEqual(frappe.db.get_value("User", coachee, "user_type"), "Website User")
		with self.set_user(coachee):
			with mock.patch.object(
				frappe, "request", frappe._dict(method="GET", path="/app/coaching-session")
			):
				with self.assertRaises(HTTPException) as caught:
					navigation.keep_website_users_out_of_desk()
				self.assertEqual(caught.exception.response.status_code, 302)
				self.assertEqual(caught.exception.response.headers["Location"], "/my-coaching")
			with mock.patch.object(frappe, "request", frappe._dict(method="GET", path="/api/method/ping")):
				navigation.keep_website_users_out_of_desk()
