"""A full coaching cycle: a first session sets steps, the next reviews them; cadence and reminders."""

import frappe
from frappe.email.doctype.notification.notification import evaluate_alert
from frappe.utils import add_days, add_to_date, get_datetime, getdate

from coaching_app.coaching.doctype.growth_plan.growth_plan import get_growth_progress
from coaching_app.digest import send_daily_digest
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import emailed, emails_about, make_action, make_relationship, make_session

STEP = {"description": "Ask two peers for feedback", "measure": "Two written notes received"}


class TestSessionCycle(CoachingTestCase):
	def setUp(self):
		self.rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(getdate(), -30))

	def test_first_session_sets_steps_and_next_session_reviews_them(self):
		first = make_session(
			self.rel.agreement.name,
			start=add_to_date(get_datetime(), days=-14),
			new_action_steps=[
				STEP,
				{"description": "Block an hour for planning", "measure": "Calendar entry kept"},
			],
		)
		self.assertTrue(first.first_session)
		actions = frappe.get_all(
			"Coaching Action",
			filters={"source_name": first.name},
			fields=["name", "description", "measure", "status", "agreement", "source_type"],
			order_by="creation asc",
		)
		self.assertEqual(
			[a.description for a in actions], [STEP["description"], "Block an hour for planning"]
		)
		self.assertTrue(all(a.status == "Open" and a.agreement == self.rel.agreement.name for a in actions))
		self.assertEqual({a.source_type for a in actions}, {"Coaching Session"})
		first.reload()
		self.assertEqual([r.action for r in first.new_action_steps], [a.name for a in actions])

		second = make_session(self.rel.agreement.name, start=get_datetime())
		self.assertEqual(
			{
				a.status
				for a in frappe.get_all(
					"Coaching Action", filters={"source_name": first.name}, fields=["status"]
				)
			},
			{"Open"},
		)
		self.assertFalse(second.first_session)
		self.assertEqual({r.action for r in second.action_review}, {a.name for a in actions})
		done, dropped = second.action_review
		done.outcome, done.review_notes = "Done", "Both notes arrived"
		dropped.outcome = "Dropped"
		second.save()
		done_action = frappe.db.get_value(
			"Coaching Action", done.action, ["status", "completed_on", "review_notes"]
		)
		self.assertEqual(done_action[0], "Done")
		self.assertEqual(getdate(done_action[1]), getdate())
		self.assertEqual(done_action[2], "Both notes arrived")
		self.assertEqual(frappe.db.get_value("Coaching Action", dropped.action, "status"), "Dropped")
		# Saving the session again does not reopen steps that moved on elsewhere.
		frappe.db.set_value("Coaching Action", dropped.action, "status", "Open")
		second.reload()
		second.agenda = "Follow-up"
		second.save()
		self.assertEqual(frappe.db.get_value("Coaching Action", dropped.action, "status"), "Open")
		# A third session sees only what is still open.
		third = make_session(self.rel.agreement.name, start=add_to_date(get_datetime(), hours=2))
		self.assertEqual([r.action for r in third.action_review], [dropped.action])

	def test_step_limit_and_measure(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"at most 2 new action steps",
			make_session,
			self.rel.agreement.name,
			new_action_steps=[STEP, STEP, STEP],
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"measured",
			make_session,
			self.rel.agreement.name,
			new_action_steps=[{"description": "Read a book", "measure": "<p><br></p>"}],
		)
		self.assertFalse(frappe.db.exists("Coaching Session", {"agreement": self.rel.agreement.name}))

	def test_growth_progress_compares_plans(self):
		def plan(day, self_ratings):
			doc = frappe.get_doc(
				{
					"doctype": "Growth Plan",
					"coachee": self.rel.coachee.name,
					"agreement": self.rel.agreement.name,
					"assessment_date": day,
					"status": "Submitted",
				}
			).insert(ignore_permissions=True)
			for row, value in zip(doc.ratings, self_ratings, strict=False):
				row.self_rating = value
			doc.save()
			return doc

		plan("2026-01-15", [2, 3, 1])
		plan("2026-07-15", [4, 3, 2])
		progress = get_growth_progress(self.rel.coachee.name)
		self.assertEqual(progress["labels"], ["2026-01-15", "2026-07-15"])
		self.assertEqual(progress["characteristics"]["Integrity"]["self"], [2, 4])
		self.assertEqual(progress["characteristics"]["Integrity"]["self_change"], 2)
		self.assertEqual(progress["characteristics"]["Courage"]["self_change"], 0)
		self.assertEqual(progress["characteristics"]["Wisdom"]["self"], [None, None])

	def test_submitting_a_plan_notifies_the_coach(self):
		plan = frappe.get_doc(
			{"doctype": "Growth Plan", "coachee": self.rel.coachee.name, "agreement": self.rel.agreement.name}
		).insert(ignore_permissions=True)
		self.assertEqual(emailed(plan.name, "submitted a growth plan"), set())
		plan.status = "Submitted"
		plan.save()
		self.assertEqual(emailed(plan.name, "submitted a growth plan"), {self.rel.coach.user})


class TestCadenceCheck(CoachingTestCase):
	def test_behind_detected_at_boundary_and_told_once_per_lapse(self):
		# Every other week from 1 March, grace 7 days: due 15 March, behind from 23 March.
		rel = make_relationship(status=lifecycle.ACTIVE, start_date="2026-03-01", cadence="Every Other Week")
		name = rel.agreement.name

		def lapsed(day):
			return send_daily_digest(day)["cadence"]

		self.assertNotIn(name, lapsed("2026-03-22"))
		self.assertIn(name, lapsed("2026-03-23"))
		self.assertNotIn(name, lapsed("2026-03-24"))
		self.assertNotIn(name, lapsed("2026-04-30"))
		for user in (rel.coach.user, rel.coachee.user):
			self.assertEqual(len(emails_about(user, f"{name} is behind")), 1, user)
		# A completed session ends the lapse; falling behind again is a new lapse.
		session = make_session(name, start="2026-05-01 10:00:00")
		session.status = "Completed"
		session.save()
		self.assertNotIn(name, lapsed("2026-05-22"))
		self.assertIn(name, lapsed("2026-05-23"))
		self.assertEqual(len(emails_about(rel.coach.user, f"{name} is behind")), 2)


class TestReminders(CoachingTestCase):
	def test_overdue_action_reminded_once_and_session_the_day_before(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date="2026-01-01")
		action = make_action(rel.coachee.name, rel.agreement.name, due_date="2026-02-10")
		done = make_action(rel.coachee.name, rel.agreement.name, due_date="2026-02-10", status="Done")
		session = make_session(rel.agreement.name, start="2026-02-12 09:30:00")
		# What the daily scheduler does, without its commit: the digest, and the date-based notification of
		# a session the next day.
		tomorrow = frappe.get_doc("Notification", "Coaching Session Tomorrow")
		for day in ("2026-02-10", "2026-02-11", "2026-02-12", "2026-02-13"):
			with self.freeze_time(day + " 06:00:00"):
				send_daily_digest(day)
				for doc in tomorrow.get_documents_for_today():
					evaluate_alert(doc, tomorrow, tomorrow.event)
		self.assertEqual(frappe.db.get_value("Coaching Action", action.name, "status"), "Open")
		for user in (rel.coach.user, rel.coachee.user):
			self.assertEqual(len(emails_about(user, f"Action step {action.name} was due")), 1, user)
			self.assertFalse(emails_about(user, f"Action step {done.name} was due"), user)
		self.assertEqual(len(emails_about(session.name, "tomorrow")), 1)
		self.assertEqual(emailed(session.name, "tomorrow"), {rel.coach.user, rel.coachee.user})
