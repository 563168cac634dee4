"""The daily digest: each person hears of the day's renewals due, cadence lapses and overdue action steps in one
email and one desk notification, in her language, and each record is told once."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app.digest import send_daily_digest
from coaching_app.renewals import flag_renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	emails_about,
	make_action,
	make_agreement,
	make_coach,
	make_coachee,
	make_program,
	make_relationship,
	make_user,
)

TITLE = "Your coaching notices"


class TestDailyDigest(CoachingTestCase):
	def setUp(self):
		frappe.db.savepoint("digest")
		self.addCleanup(frappe.db.rollback, save_point="digest")
		self.manager = make_user(roles=("Coaching Manager",))
		self.other_manager = make_user(roles=("Coaching Manager",))
		self.program = make_program(managers=[{"user": self.manager}]).name
		self.other_program = make_program(managers=[{"user": self.other_manager}]).name
		# One coach, two coachees whose agreements come due for renewal on the same day; one coachee also
		# has an overdue step, and the other relationship has not met for months.
		self.coach = make_coach()
		start = "2026-01-05"
		self.coachees = [make_coachee(self.program) for _ in range(2)]
		self.agreements = [
			make_agreement(
				self.coach.name, c.name, self.program, status=lifecycle.ACTIVE, start_date=start
			).name
			for c in self.coachees
		]
		self.day = add_days(
			getdate(frappe.db.get_value("Coaching Agreement", self.agreements[0], "end_date")), -10
		)
		self.step = make_action(
			self.coachees[0].name,
			self.agreements[0],
			description="Call the mentor",
			due_date=add_days(self.day, -3),
		).name
		self.elsewhere = make_relationship(
			status=lifecycle.ACTIVE, start_date=start, program=self.other_program
		)
		flag_renewals_due(self.day)
		frappe.cache.delete_value(f"coaching-digest-sent::{self.day}")

	def digests(self, user):
		return emails_about(user, TITLE)

	def test_one_digest_per_person_lists_all_of_her_notices_once(self):
		told = send_daily_digest(self.day)
		self.assertTrue(set(self.agreements) <= set(told["renewal"]))
		self.assertIn(self.step, told["overdue"])
		self.assertTrue(set(self.agreements) <= set(told["cadence"]), "no session since January")

		(coach,) = self.digests(self.coach.user)
		for name in self.agreements:
			self.assertIn(f"Coaching agreement {name} ends on", coach.body)
			self.assertIn(f"agreement {name} is behind", coach.body)
		self.assertIn(f"Action step {self.step} was due", coach.body)

		first, second = (self.digests(c.user) for c in self.coachees)
		self.assertEqual((len(first), len(second)), (1, 1))
		self.assertIn(f"Action step {self.step} was due", first[0].body)
		self.assertNotIn(self.agreements[1], first[0].body, "a coachee hears of her own agreement only")
		self.assertNotIn(self.step, second[0].body)

		# Staff hear of renewals of the programs they run, not of cadence or steps.
		(manager,) = self.digests(self.manager)
		for name in self.agreements:
			self.assertIn(name, manager.body)
		self.assertNotIn(self.step, manager.body)
		self.assertNotIn("is behind", manager.body)
		self.assertFalse(
			any(name in e.body for e in self.digests(self.other_manager) for name in self.agreements)
		)

		# One desk notification each, too.
		for user in (self.coach.user, self.coachees[0].user, self.manager):
			logs = frappe.get_all(
				"Notification Log", filters={"for_user": user, "subject": ("like", f"{TITLE}%")}
			)
			self.assertEqual(len(logs), 1, user)

		# Told once: the next day's digest lists none of them again.
		again = send_daily_digest(add_days(self.day, 1))
		self.assertFalse(set(self.agreements) & set(again["renewal"]))
		self.assertNotIn(self.step, again["overdue"])
		self.assertFalse(set(self.agreements) & set(again["cadence"]))
		self.assertEqual(len(self.digests(self.coach.user)), 1)

	def test_each_digest_is_the_sites_email_frame_around_her_own_notices(self):
		"""The frame is styled once per subject and shared; each email must still be exactly the page Frappe
		builds around a message, with that person's notices in it and nobody else's."""
		from frappe.email.email_body import get_formatted_html

		send_daily_digest(self.day)
		(coach,) = self.digests(self.coach.user)
		first, second = (self.digests(c.user)[0] for c in self.coachees)
		subject = coach.body.splitlines()[0]
		mark = "frame-check-mark"
		before, after = get_formatted_html(subject, mark).split(mark)
		for email in (coach, first, second):
			self.assertNotIn("coaching-digest-body", email.body)
			html = email.body.replace("\r\n", "\n")  # MIME writes CRLF line ends
			self.assertIn(before.strip(), html, "the page starts as Frappe's own email page")
			self.assertIn(after.strip()[-60:], html, "and ends as it")
		self.assertIn(f"Action step {self.step} was due", first.body)
		self.assertNotIn(f"Action step {self.step} was due", second.body)
		self.assertNotIn(self.agreements[0], second.body)

	def test_a_digest_is_written_in_its_readers_language(self):
		frappe.db.set_value("User", self.coachees[0].user, "language", "de")
		frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "de",
				"source_text": "Your coaching notices for {0}",
				"translated_text": "Ihre Coaching-Hinweise vom {0}",
			}
		).insert(ignore_permissions=True)
		frappe.cache.delete_value("translation_assets")
		frappe.translate.clear_cache()
		send_daily_digest(self.day)
		self.assertEqual(len(emails_about(self.coachees[0].user, "Ihre Coaching-Hinweise")), 1)
		self.assertEqual(len(emails_about(self.coachees[1].user, TITLE)), 1)

	def test_a_notice_the_organization_turned_off_is_left_out_and_stays_untold(self):
		frappe.db.set_value("Notification", "Coaching Action Overdue", "enabled", 0)
		told = send_daily_digest(self.day)
		self.assertNotIn("overdue", told)
		self.assertNotIn(self.step, self.digests(self.coachees[0].user)[0].body)
		self.assertFalse(frappe.db.get_value("Coaching Action", self.step, "overdue_notified_on"))

	def test_a_step_done_before_the_digest_is_not_listed(self):
		frappe.db.set_value("Coaching Action", self.step, "status", "Done")
		self.assertNotIn(self.step, send_daily_digest(self.day)["overdue"])
