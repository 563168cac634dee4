"""Notifications reach the parties of an agreement, once, and only people who can open it."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate

from coaching_app.rules import lifecycle
from coaching_app.tasks import flag_renewals_due, mark_inactive_coaches, send_inactive_coach_notices, send_renewal_notices
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_relationship, make_user


def notified(document_name, subject_part):
	return set(
		frappe.get_all(
			"Notification Log",
			filters={"document_name": document_name, "subject": ("like", f"%{subject_part}%")},
			pluck="for_user",
		)
	)


class TestAgreementNotifications(CoachingTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_send_for_consent_notifies_both_parties(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		frappe.set_user(make_user(roles=("Coaching Manager",)))
		apply_workflow(rel.agreement, "Send for Consent")
		self.assertEqual(
			notified(rel.agreement.name, "accept coaching agreement"), {rel.coach.user, rel.coachee.user}
		)

	def test_renewal_notice_goes_out_once(self):
		manager = make_user(roles=("Coaching Manager",))
		rel = make_relationship(status=lifecycle.ACTIVE, start_date="2026-07-01")
		flag_renewals_due(add_days(getdate(rel.agreement.end_date), -10))
		self.assertIn(rel.agreement.name, send_renewal_notices())
		self.assertEqual(send_renewal_notices(), [])
		recipients = notified(rel.agreement.name, "renew")
		self.assertTrue({rel.coach.user, rel.coachee.user, manager} <= recipients)
		for user in recipients:
			self.assertTrue(frappe.has_permission("Coaching Agreement", "read", rel.agreement.name, user=user))

	def test_inactive_coach_notice_lists_affected_coachees_once(self):
		manager = make_user(roles=("Coaching Manager",))
		rel = make_relationship(status=lifecycle.ACTIVE)
		frappe.db.set_value("Coach", rel.coach.name, "last_session_date", "2020-01-01")
		self.assertIn(rel.coach.name, mark_inactive_coaches())
		self.assertIn(rel.coach.name, send_inactive_coach_notices())
		self.assertEqual(send_inactive_coach_notices(), [])
		log = frappe.get_all(
			"Notification Log",
			filters={"document_name": rel.coach.name, "for_user": manager},
			fields=["subject", "email_content"],
		)
		self.assertEqual(len(log), 1)
		self.assertIn(rel.coachee.full_name, log[0].email_content)
