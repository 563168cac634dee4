"""How the app's standard notifications reach people on a site that sends no email yet.

Frappe builds a notification's email first and its desk (bell) notification after; with no outgoing Email
Account the email step fails, the person who clicked sees "Please setup default Email Account" although their
action went through, and nobody gets the desk notification. For the app's own notifications (module Coaching)
the email is skipped quietly while no outgoing account exists, and the desk notification is still made.
Other notifications on the site behave exactly as Frappe makes them."""

import frappe
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.email.doctype.notification.notification import Notification

MODULE = "Coaching"


def can_send_email(doctype: str) -> bool:
	return bool(EmailAccount.find_outgoing(match_by_doctype=doctype, _raise_error=False))


class CoachingNotification(Notification):
	def is_ours(self) -> bool:
		return self.module == MODULE and self.channel == "Email"

	def send_an_email(self, doc, context):
		if self.is_ours() and not can_send_email(doc.doctype):
			return
		return super().send_an_email(doc, context)

	def send_notification_by_channel(self, doc, context):
		"""Frappe v16 sends one channel per notification: the app's email notifications also keep their
		desk notification, as on v15."""
		super().send_notification_by_channel(doc, context)
		if self.is_ours() and self.send_system_notification:
			try:
				self.create_system_notification(doc, context)
			except Exception:
				self.log_error("Failed to create the desk notification")
