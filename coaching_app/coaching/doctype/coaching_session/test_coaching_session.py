import frappe
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship, make_session


class TestCoachingSession(CoachingTestCase):
	def test_first_session_flag_and_default_lengths(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(now_datetime(), -10))
		first = make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=-7))
		second = make_session(rel.agreement.name, start=now_datetime())
		self.assertTrue(first.first_session)
		self.assertEqual(first.duration_minutes, 120)
		self.assertFalse(second.first_session)
		self.assertEqual(second.duration_minutes, 60)
		self.assertEqual(
			get_datetime(first.session_end), add_to_date(get_datetime(first.session_start), minutes=120)
		)
		self.assertEqual((first.coach, first.coachee), (rel.coach.name, rel.coachee.name))

	def test_session_only_while_agreement_runs(self):
		for status in (lifecycle.DRAFT, lifecycle.AWAITING_CONSENT, lifecycle.COMPLETED):
			rel = make_relationship(status=status)
			self.assertRaisesRegex(
				frappe.ValidationError, "Active or Renewal Due", make_session, rel.agreement.name
			)
		rel = make_relationship(status=lifecycle.RENEWAL_DUE)
		self.assertTrue(make_session(rel.agreement.name).name)

	def test_session_inside_the_term(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		before = add_to_date(get_datetime(rel.agreement.start_date), days=-1)
		self.assertRaisesRegex(
			frappe.ValidationError, "within the agreement", make_session, rel.agreement.name, before
		)

	def test_completed_session_updates_coach_last_session(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		session = make_session(rel.agreement.name)
		self.assertFalse(frappe.db.get_value("Coach", rel.coach.name, "last_session_date"))
		session.status = "Completed"
		session.save()
		self.assertEqual(
			str(frappe.db.get_value("Coach", rel.coach.name, "last_session_date")),
			str(get_datetime(session.session_start).date()),
		)


class TestCoacheeAgenda(CoachingTestCase):
	def test_the_coachee_sets_the_agenda_of_an_upcoming_session_and_nothing_else(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(now_datetime(), -10))
		upcoming = make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=2))
		held = make_session(
			rel.agreement.name, start=add_to_date(now_datetime(), days=-3), status="Completed"
		)
		other = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(now_datetime(), -10))

		with self.set_user(rel.coachee.user):
			frappe.get_doc("Coaching Session", upcoming.name).set_agenda("  How to say no to my director  ")
			self.assertFalse(frappe.has_permission("Coaching Session", "write", doc=upcoming.name))
			self.assertRaises(
				frappe.ValidationError,
				frappe.get_doc("Coaching Session", held.name).set_agenda,
				"Rewrite history",
			)
		with self.set_user(rel.coach.user):
			self.assertEqual(
				frappe.get_doc("Coaching Session", upcoming.name).agenda, "How to say no to my director"
			)
			self.assertRaises(
				frappe.PermissionError,
				frappe.get_doc("Coaching Session", upcoming.name).set_agenda,
				"Coach's idea",
			)
		with self.set_user(other.coachee.user):
			self.assertFalse(frappe.has_permission("Coaching Session", "read", doc=upcoming.name))
			self.assertRaises(
				frappe.PermissionError, frappe.get_doc("Coaching Session", upcoming.name).set_agenda, "x"
			)
		self.assertEqual(frappe.db.get_value("Coaching Session", held.name, "agenda"), None)
		self.assertEqual(
			frappe.db.get_value("Coaching Session", upcoming.name, "agenda"), "How to say no to my director"
		)
