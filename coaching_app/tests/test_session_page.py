"""The session page: the record of one session read by its coachee and its coach, the coachee's reflection on
it, her action steps marked done, and dates written the way people write them."""

from datetime import datetime
from unittest.mock import patch
from zoneinfo import ZoneInfo

import frappe
import frappe.client
from frappe.utils import add_days, add_to_date, get_system_timezone, now_datetime, today

from coaching_app import partnership, portal_dates
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_action,
	make_coach,
	make_note,
	make_relationship,
	make_session,
	make_user,
	open_page,
)

PRIVATE = "Private worry about her confidence"


def held_session(rel, **values):
	"""A session held two days ago, logged with its whole record as the coach's form would hold it."""
	values.setdefault("status", "Completed")
	return make_session(
		rel.agreement.name,
		start=add_to_date(now_datetime(), days=-2),
		agenda="Prepare for the board presentation",
		wins="Led the Monday meeting without notes",
		realities="Two projects compete for the same week",
		obstacles="Fear of being asked about the numbers",
		shared_notes="<p>We agreed to rehearse with a colleague</p>",
		prompt_answers=[
			{"prompt": "What would make this week a success?", "answer": "Speaking first in the meeting"}
		],
		new_action_steps=[
			{"description": "Rehearse the talk with Sam", "measure": "One rehearsal done before Friday"}
		],
		**values,
	)


class TestSessionPage(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		cls.session = held_session(cls.rel)
		cls.action = frappe.db.get_value(
			"Coaching Action", {"source_type": "Coaching Session", "source_name": cls.session.name}, "name"
		)
		make_note(cls.session.name, cls.rel.coach.user, PRIVATE)
		cls.other = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		cls.manager = make_user(roles=("Coaching Manager",))

	def page_of(self, user: str, session: str | None = None) -> tuple[int, str]:
		with self.set_user(user):
			return open_page("coaching-session", name=session or self.session.name)

	def test_the_coachee_and_the_coach_read_the_whole_session_without_private_notes(self):
		for user in (self.rel.coachee.user, self.rel.coach.user):
			status, html = self.page_of(user)
			self.assertEqual(status, 200, user)
			for text in (
				"Prepare for the board presentation",
				"Led the Monday meeting without notes",
				"Two projects compete for the same week",
				"Fear of being asked about the numbers",
				"We agreed to rehearse with a colleague",
				"What would make this week a success?",
				"Speaking first in the meeting",
				"Rehearse the talk with Sam",
				"One rehearsal done before Friday",
			):
				self.assertIn(text, html, (user, text))
			self.assertNotIn(PRIVATE, html, user)
		_status, html = self.page_of(self.rel.coachee.user)
		self.assertIn("Save reflection", html)
		self.assertIn("Mark done", html)
		_status, html = self.page_of(self.rel.coach.user)
		self.assertNotIn("Save reflection", html)
		self.assertNotIn('class="btn btn-sm btn-primary mt-2 mark-done"', html)

	def test_steps_filed_under_the_session_and_steps_it_reviewed_are_shown(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		first = held_session(rel, session_start=add_to_date(now_datetime(), days=-9))
		filed = make_action(
			rel.coachee.name,
			rel.agreement.name,
			description="Book a slot with the director",
			source_type="Coaching Session",
			source_name=first.name,
		)
		# The next session starts by reviewing her open steps, the filed one among them.
		second = held_session(rel)
		self.assertIn(filed.name, [row.action for row in second.action_review])
		for session, reviewed in ((first, False), (second, True)):
			status, html = self.page_of(rel.coachee.user, session.name)
			self.assertEqual(status, 200)
			self.assertIn("Book a slot with the director", html)
			self.assertEqual("reviewed in this session" in html, reviewed)

	def test_strangers_and_staff_without_sharing_are_refused(self):
		for user in (self.other.coachee.user, self.other.coach.user, self.manager):
			status, html = self.page_of(user)
			self.assertEqual(status, 403, user)
			self.assertNotIn("Led the Monday meeting", html, user)
		with self.set_user("Guest"):
			status, _html = open_page("coaching-session", name=self.session.name)
			self.assertIn(status, (301, 302))
		status, _html = self.page_of(self.rel.coachee.user, "SES-does-not-exist")
		self.assertEqual(status, 404)

	def test_the_coachee_reflects_and_the_coach_reads_it_staff_only_when_shared(self):
		session = held_session(self.rel, session_start=add_to_date(now_datetime(), days=-1))
		with self.set_user(self.rel.coachee.user):
			partnership.save_reflection(session.name, "Silence is not failure", "Ask Sam for an hour")
		session.reload()
		self.assertEqual(session.coachee_takeaway, "Silence is not failure")
		self.assertEqual(session.coachee_next, "Ask Sam for an hour")
		_status, html = self.page_of(self.rel.coach.user, session.name)
		self.assertIn("Silence is not failure", html)
		self.assertIn("Ask Sam for an hour", html)
		self.assertEqual(self.page_of(self.manager, session.name)[0], 403)
		with self.set_user(self.rel.coachee.user):
			session.share_with_staff(1)
		status, html = self.page_of(self.manager, session.name)
		self.assertEqual(status, 200)
		self.assertIn("Silence is not failure", html)

	def test_only_the_coachee_writes_her_reflection(self):
		session = held_session(self.rel, session_start=add_to_date(now_datetime(), hours=-5))
		with self.set_user(self.rel.coachee.user):
			partnership.save_reflection(session.name, "Mine", "Also mine")
		for user in (self.rel.coach.user, self.manager, self.other.coachee.user, "Administrator"):
			with self.set_user(user), self.assertRaises(frappe.PermissionError, msg=user):
				partnership.save_reflection(session.name, "Theirs", "Theirs")
		# The coach saving the session in the desk or over the REST API leaves the reflection as stored.
		with self.set_user(self.rel.coach.user):
			doc = frappe.get_doc("Coaching Session", session.name)
			doc.coachee_takeaway = "Changed by the coach"
			doc.wins = "A win the coach adds later"
			doc.save()
			frappe.client.set_value("Coaching Session", session.name, "coachee_next", "Coach's words")
		session.reload()
		self.assertEqual(session.wins, "A win the coach adds later")
		self.assertEqual((session.coachee_takeaway, session.coachee_next), ("Mine", "Also mine"))

	def test_no_reflection_before_the_session_took_place(self):
		upcoming = make_session(self.rel.agreement.name, start=add_to_date(now_datetime(), days=3))
		with self.set_user(self.rel.coachee.user):
			self.assertRaises(frappe.ValidationError, partnership.save_reflection, upcoming.name, "Too early")
			_status, html = open_page("coaching-session", name=upcoming.name)
			self.assertNotIn("Save reflection", html)
		self.assertFalse(frappe.db.get_value("Coaching Session", upcoming.name, "coachee_takeaway"))

	def test_the_coachee_marks_her_own_step_done(self):
		session = held_session(self.rel, session_start=add_to_date(now_datetime(), hours=-30))
		action = frappe.db.get_value(
			"Coaching Action", {"source_type": "Coaching Session", "source_name": session.name}, "name"
		)
		for user in (self.rel.coach.user, self.other.coachee.user, self.manager):
			with self.set_user(user), self.assertRaises(frappe.PermissionError, msg=user):
				partnership.mark_action_done(action, "Not mine to say")
		self.assertEqual(frappe.db.get_value("Coaching Action", action, "status"), "Open")
		with self.set_user(self.rel.coachee.user):
			self.assertEqual(partnership.mark_action_done(action, "Sam gave me three tips"), "Done")
			self.assertRaises(frappe.ValidationError, partnership.mark_action_done, action, "Twice")
		done = frappe.db.get_value("Coaching Action", action, ["status", "review_notes", "completed_on"])
		self.assertEqual(done[:2], ("Done", "Sam gave me three tips"))
		self.assertEqual(str(done[2]), today())
		_status, html = self.page_of(self.rel.coach.user, session.name)
		self.assertIn("Sam gave me three tips", html)

	def test_my_coaching_links_each_session_and_offers_mark_done(self):
		with self.set_user(self.rel.coachee.user):
			status, html = open_page("my-coaching")
		self.assertEqual(status, 200)
		self.assertIn(f"/coaching-session?name={self.session.name}", html)
		self.assertIn('href="/my-sessions"', html)
		self.assertIn(f'data-action="{self.action}"', html)
		self.assertIn("Mark done", html)
		self.assertNotIn(str(self.session.session_start)[:10], html)  # no stored-format dates
		with self.set_user(self.rel.coach.user):
			upcoming = make_session(self.rel.agreement.name, start=add_to_date(now_datetime(), days=4))
			_status, html = open_page("my-coaching")
		self.assertIn(f"/coaching-session?name={upcoming.name}", html)

	def test_my_sessions_lists_her_sessions_twenty_to_a_page(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		sessions = [
			make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=-offset)).name
			for offset in (1, 2, 3)
		]
		with patch("coaching_app.www.my_sessions.PAGE_LENGTH", 2):
			with self.set_user(rel.coachee.user):
				status, first = open_page("my-sessions")
				_status, second = open_page("my-sessions", page="2")
			with self.set_user(self.other.coachee.user):
				_status, stranger = open_page("my-sessions")
			with self.set_user(rel.coach.user):
				_status, coach = open_page("my-sessions")
		self.assertEqual(status, 200)
		self.assertIn(sessions[0], first)
		self.assertIn(sessions[1], first)
		self.assertNotIn(sessions[2], first)
		self.assertIn("page=2", first)
		self.assertIn(sessions[2], second)
		self.assertNotIn(sessions[0], second)
		self.assertIn(sessions[0], coach)
		self.assertFalse(any(name in stranger for name in sessions))

	def test_a_coach_who_no_longer_coaches_her_loses_the_page(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -30))
		session = held_session(rel)
		self.assertEqual(self.page_of(rel.coach.user, session.name)[0], 200)
		stranger_coach = make_coach()
		self.assertEqual(self.page_of(stranger_coach.user, session.name)[0], 403)


class TestPortalDates(CoachingTestCase):
	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "en"

	def tearDown(self):
		frappe.local.lang = self.lang

	def test_an_english_reader_reads_the_day_and_time_as_people_write_them(self):
		with (
			self.change_settings("System Settings", {"date_format": "dd-mm-yyyy"}),
			self.freeze_time("2026-12-01 09:00:00"),
		):
			self.assertEqual(portal_dates.portal_datetime("2026-12-12 10:00:00"), "Sat 12 Dec, 10:00")
			self.assertEqual(portal_dates.portal_date("2026-12-12"), "Sat 12 Dec")
			self.assertEqual(portal_dates.portal_date("2027-01-09"), "Sat 9 Jan 2027")
			self.assertEqual(portal_dates.portal_datetime(None), "")
		# A site that writes the month first (as in the United States) reads that way too.
		with (
			self.change_settings("System Settings", {"date_format": "mm-dd-yyyy"}),
			self.freeze_time("2026-12-01 09:00:00"),
		):
			self.assertEqual(portal_dates.portal_datetime("2026-12-12 10:00:00"), "Sat Dec 12, 10:00")

	def test_other_languages_use_their_own_words(self):
		frappe.local.lang = "de"
		with self.freeze_time("2026-12-01 09:00:00"):
			text = portal_dates.portal_datetime("2026-12-12 10:00:00")
		self.assertIn("Sa", text)
		self.assertIn("Dez", text)
		self.assertIn("10:00", text)

	def test_a_reader_in_another_time_zone_reads_her_own_clock(self):
		user = make_user(roles=("Coachee",))
		zone = "America/New_York" if get_system_timezone() != "America/New_York" else "Asia/Tokyo"
		# The site's administrator sets it in the User form (a website user has no desk to do it herself).
		settings = frappe.get_doc("User", user)
		settings.time_zone = zone
		settings.save()
		with self.set_user(user):
			stored = datetime(2026, 12, 12, 10, 0)
			own = stored.replace(tzinfo=ZoneInfo(get_system_timezone())).astimezone(ZoneInfo(zone))
			with self.freeze_time("2026-12-01 09:00:00"):
				text = portal_dates.portal_datetime(stored)
		self.assertTrue(text.endswith(own.strftime("%H:%M")), text)
		self.assertIn(own.strftime("%a"), text)
