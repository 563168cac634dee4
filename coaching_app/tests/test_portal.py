"""Portal pages: My Coaching for coachees and coaches, the coach-pool directory, and consent."""

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, set_request, today
from frappe.website.serve import get_response, get_response_content

from coaching_app import api
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_action, make_coach, make_relationship, make_session, make_skill


def page(path):
	set_request(method="GET", path=path)
	return get_response_content(path)


class TestPortal(CoachingTestCase):
	def test_my_coaching_for_coachee_and_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -10))
		make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=2), location="Blue room")
		make_action(
			rel.coachee.name,
			rel.agreement.name,
			description="Call the mentor",
			due_date=add_days(today(), -1),
		)
		with self.set_user(rel.coachee.user):
			content = page("my-coaching")
			self.assertIn(rel.coach.full_name, content)
			self.assertIn("Blue room", content)
			self.assertIn("Call the mentor", content)
			self.assertNotIn("As a coach", content)
		with self.set_user(rel.coach.user):
			content = page("my-coaching")
			self.assertIn(rel.coachee.full_name, content)
			self.assertIn("Call the mentor", content)  # overdue for the coach
			other = make_relationship(status=lifecycle.ACTIVE)
			self.assertNotIn(other.coachee.full_name, content)

	def test_what_people_typed_is_shown_as_text_never_as_markup(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -10))
		typed = "<img src=x onerror=alert(1)>"
		make_action(
			rel.coachee.name, rel.agreement.name, description=f"Read {typed}", due_date=add_days(today(), -1)
		)
		for user in (rel.coachee.user, rel.coach.user):
			with self.subTest(user=user), self.set_user(user):
				content = page("my-coaching")
				self.assertNotIn(typed, content)
				self.assertIn("Read &lt;img", content)

	def test_the_coachee_reads_her_coachs_story_before_they_meet(self):
		rel = make_relationship(status=lifecycle.AWAITING_CONSENT)
		frappe.db.set_value(
			"Coach",
			rel.coach.name,
			{"story": "Grew up on a farm, led a team of nurses", "what_i_bring": "Patient questions"},
		)
		stranger = make_relationship(status=lifecycle.ACTIVE)
		with self.set_user(rel.coachee.user):
			content = page("my-coaching")
			self.assertIn("Grew up on a farm, led a team of nurses", content)
			self.assertIn("Patient questions", content)
		with self.set_user(stranger.coachee.user):
			self.assertNotIn("Grew up on a farm", page("my-coaching"))

	def test_guests_go_to_login(self):
		with self.set_user("Guest"):
			for path in ("my-coaching", "coach-pool"):
				set_request(method="GET", path=path)
				response = get_response(path)
				self.assertIn(response.status_code, (301, 302), path)

	def test_coach_pool_shows_only_published_bios_and_filters_by_skill(self):
		skill = make_skill()
		public = make_coach(
			in_coach_pool=1, skills=[{"skill": skill}], bio="Public bio text", show_bio_in_pool=1
		)
		private = make_coach(
			in_coach_pool=1,
			skills=[{"skill": skill}],
			bio="Private bio text",
			story="Private story text",
			show_bio_in_pool=0,
		)
		outside = make_coach(in_coach_pool=0, skills=[{"skill": skill}])
		with self.set_user(make_relationship(status=lifecycle.ACTIVE).coachee.user):
			frappe.form_dict.skill = skill
			content = page("coach-pool")
			frappe.form_dict.skill = None
			self.assertIn(public.full_name, content)
			self.assertIn("Public bio text", content)
			self.assertIn(private.full_name, content)
			self.assertNotIn("Private bio text", content)
			self.assertNotIn("Private story text", content)
			self.assertNotIn(outside.full_name, content)

	def test_consent_from_the_portal(self):
		rel = make_relationship(status=lifecycle.AWAITING_CONSENT)
		with self.set_user(rel.coachee.user):
			self.assertIn("I accept this agreement", page("my-coaching"))
			self.assertEqual(api.give_consent(rel.agreement.name), lifecycle.AWAITING_CONSENT)
		with self.set_user(rel.coach.user):
			self.assertEqual(api.give_consent(rel.agreement.name), lifecycle.ACTIVE)
			other = make_relationship(status=lifecycle.AWAITING_CONSENT)
			self.assertRaises(frappe.PermissionError, api.give_consent, other.agreement.name)


class TestACoachOfManyCoachees(CoachingTestCase):
	"""My Coaching reads a coach's lists a page at a time, so a coach of thousands gets a page as fast as a coach
	of a few; the pager walks her through all of them."""

	def setUp(self):
		from coaching_app.tests.utils import make_agreement, make_coachee, make_program

		frappe.db.savepoint("many")
		self.addCleanup(frappe.db.rollback, save_point="many")
		program = make_program().name
		self.coach = make_coach(capacity=20)
		self.names = [f"Pager Coachee {index:02d}" for index in range(1, 8)]
		self.agreements = []
		for name in self.names:
			coachee = make_coachee(program, full_name=name)
			self.agreements.append(
				make_agreement(self.coach.name, coachee.name, program, status=lifecycle.ACTIVE).name
			)
		for index in range(12):
			make_action(
				frappe.db.get_value("Coaching Agreement", self.agreements[0], "coachee"),
				self.agreements[0],
				description=f"Overdue step {index:02d}",
				due_date=add_days(today(), -30 + index),
			)

	def open(self, **query):
		from unittest.mock import patch

		from coaching_app.tests.utils import open_page
		from coaching_app.www import my_coaching

		with patch.object(my_coaching, "COACHEES_PER_PAGE", 5), self.set_user(self.coach.user):
			status, html = open_page("my-coaching", **query)
		self.assertEqual(status, 200)
		return html

	def coachees(self, **query) -> str:
		"""The page's list of her coachees, with its pager."""
		html = self.open(**query)
		return html[html.index("Your coachees") : html.index("Upcoming sessions")]

	def test_the_coachees_come_a_page_at_a_time(self):
		first = self.coachees()
		for name in self.names[:5]:
			self.assertIn(name, first)
		for name in self.names[5:]:
			self.assertNotIn(name, first)
		self.assertIn("1–5", first)
		self.assertIn('href="?coachees=2"', first)

		second = self.coachees(coachees="2")
		for name in self.names[5:]:
			self.assertIn(name, second)
		self.assertNotIn(self.names[0], second)
		self.assertIn("6–7", second)
		self.assertNotIn("Next", second)
		self.assertIn('href="?coachees=1"', second)

		# A page past the end, or one that is not a number, shows the first.
		for page in ("99", "many", "-3"):
			self.assertIn(self.names[0], self.coachees(coachees=page), page)

	def test_overdue_steps_come_ten_at_a_time_oldest_first(self):
		html = self.open()
		self.assertIn("Overdue step 00", html)
		self.assertIn("Overdue step 09", html)
		self.assertNotIn("Overdue step 10", html)
		self.assertIn("1–10", html)
		self.assertIn('href="?overdue=2"', html)
		later = self.open(overdue="2")
		self.assertIn("Overdue step 11", later)
		self.assertNotIn("Overdue step 00", later)
