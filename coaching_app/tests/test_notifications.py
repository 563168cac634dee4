"""Notifications reach the parties of an agreement, once, and only people who can open it."""

from unittest import mock

import frappe
from frappe.email.doctype.notification.notification import Notification
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate

from coaching_app.coach_activity import mark_inactive_coaches
from coaching_app.digest import send_daily_digest
from coaching_app.notices import send_inactive_coach_notices
from coaching_app.renewals import flag_renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import emailed, emails_about, make_relationship, make_session, make_user


class TestAgreementNotifications(CoachingTestCase):
	def test_send_for_consent_notifies_both_parties(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		with self.set_user(make_user(roles=("Coaching Manager",))):
			apply_workflow(rel.agreement, "Send for Consent")
		self.assertEqual(
			emailed(rel.agreement.name, "accept coaching agreement"), {rel.coach.user, rel.coachee.user}
		)

	def test_without_an_outgoing_email_account_the_desk_still_hears_and_nothing_pops_up(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		frappe.local.message_log = []
		# A site with no outgoing Email Account (Frappe's test runner pretends to have one, so it is simulated).
		with (
			mock.patch("coaching_app.notification_delivery.can_send_email", return_value=False),
			mock.patch.object(Notification, "send_an_email") as frappes_email,
			self.set_user(make_user(roles=("Coaching Manager",))),
		):
			doc = apply_workflow(rel.agreement, "Send for Consent")
		self.assertEqual(doc.status, lifecycle.AWAITING_CONSENT)
		frappes_email.assert_not_called()
		self.assertFalse([m for m in frappe.local.message_log if "Email Account" in str(m)])
		told = set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "Coaching Agreement", "document_name": rel.agreement.name},
				pluck="for_user",
			)
		)
		self.assertEqual(told, {rel.coach.user, rel.coachee.user})

	def test_renewal_notice_goes_out_once(self):
		manager = make_user(roles=("Coaching Manager",))
		rel = make_relationship(status=lifecycle.ACTIVE, start_date="2026-07-01")
		flag_renewals_due(add_days(getdate(rel.agreement.end_date), -10))
		self.assertIn(rel.agreement.name, send_daily_digest()["renewal"])
		self.assertNotIn(rel.agreement.name, send_daily_digest()["renewal"])
		line = f"Coaching agreement {rel.agreement.name} ends on"
		for user in (rel.coach.user, rel.coachee.user, manager):
			self.assertEqual(len(emails_about(user, line)), 1, user)
			self.assertTrue(
				frappe.has_permission("Coaching Agreement", "read", rel.agreement.name, user=user)
			)

	def test_inactive_coach_notice_lists_affected_coachees_once(self):
		manager = make_user(roles=("Coaching Manager",))
		rel = make_relationship(status=lifecycle.ACTIVE)
		frappe.db.set_value("Coach", rel.coach.name, "last_session_date", "2020-01-01")
		mark_inactive_coaches()
		self.assertEqual(frappe.db.get_value("Coach", rel.coach.name, "status"), "Inactive")
		self.assertIn(rel.coach.name, send_inactive_coach_notices())
		self.assertNotIn(rel.coach.name, send_inactive_coach_notices())
		(email,) = emails_about(rel.coach.name, "is now inactive")
		self.assertIn(manager, email.recipients)
		self.assertIn(rel.coachee.full_name, email.body)


class TestGrowthPlanReminder(CoachingTestCase):
	def test_second_session_without_a_submitted_plan_reminds_both_once(self):
		from frappe.utils import add_to_date, now_datetime

		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(getdate(), -20))
		make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=-14))
		self.assertFalse(emails_about(rel.agreement.name, "Growth plan due"), "not at the first session")
		make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=2))
		self.assertEqual(emailed(rel.agreement.name, "Growth plan due"), {rel.coach.user, rel.coachee.user})
		make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=16))
		self.assertEqual(len(emails_about(rel.agreement.name, "Growth plan due")), 1, "once")

	def test_no_reminder_when_the_plan_is_in(self):
		from frappe.utils import add_to_date, now_datetime

		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(getdate(), -20))
		plan = frappe.get_doc(
			{"doctype": "Growth Plan", "coachee": rel.coachee.name, "agreement": rel.agreement.name}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Growth Plan", plan.name, "status", "Submitted")
		make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=-14))
		make_session(rel.agreement.name, start=add_to_date(now_datetime(), days=2))
		self.assertFalse(emails_about(rel.agreement.name, "Growth plan due"))
