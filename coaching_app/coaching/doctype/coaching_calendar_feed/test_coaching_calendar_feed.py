import frappe
from frappe.utils import add_to_date, now_datetime

from coaching_app import api
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship, make_session


def token_of(url):
	return url.rsplit("token=", 1)[1]


def feed(token):
	frappe.local.response = frappe._dict()
	api.session_feed(token)
	return frappe.local.response.filecontent


class TestCoachingCalendarFeed(CoachingTestCase):
	def test_feed_lists_own_sessions_and_revocation_cuts_it_off(self):
		mine = make_relationship(status=lifecycle.ACTIVE)
		theirs = make_relationship(status=lifecycle.ACTIVE)
		own_session = make_session(
			mine.agreement.name, start=add_to_date(now_datetime(), hours=2), location="Room 4"
		)
		other_session = make_session(theirs.agreement.name)

		with self.set_user(mine.coach.user):
			url = api.get_calendar_feed_url()
			self.assertEqual(api.get_calendar_feed_url(), url, "the address is stable until reset")
		with self.set_user("Guest"):
			content = feed(token_of(url))
			self.assertTrue(content.startswith("BEGIN:VCALENDAR\r\n"))
			self.assertTrue(content.rstrip().endswith("END:VCALENDAR"))
			self.assertIn(f"UID:{own_session.name}@", content)
			self.assertIn(f"Coaching with {mine.coachee.full_name}", content)
			self.assertNotIn(other_session.name, content)
			self.assertEqual(content.count("BEGIN:VEVENT"), 1)

		with self.set_user(mine.coach.user):
			new_url = api.reset_calendar_feed()
			self.assertNotEqual(new_url, url)
		with self.set_user("Guest"):
			self.assertRaises(frappe.PermissionError, feed, token_of(url))
			self.assertIn(own_session.name, feed(token_of(new_url)))

		with self.set_user(mine.coach.user):
			api.revoke_calendar_feed()
		with self.set_user("Guest"):
			self.assertRaises(frappe.PermissionError, feed, token_of(new_url))
			self.assertRaises(frappe.PermissionError, feed, "")

	def test_coachee_feed_names_the_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		with self.set_user(rel.coachee.user):
			url = api.get_calendar_feed_url()
			content = feed(token_of(url))
			self.assertIn(session.name, content)
			self.assertIn(f"Coaching with {rel.coach.full_name}", content)

	def test_guest_cannot_create_a_feed(self):
		with self.set_user("Guest"):
			self.assertRaises(frappe.PermissionError, api.get_calendar_feed_url)
