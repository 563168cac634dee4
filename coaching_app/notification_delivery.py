"""How the app's standard notifications reach people.

On a site that sends no email yet: Frappe builds a notification's email first and its desk (bell)
notification after; with no outgoing Email Account the email step fails, the person who clicked sees "Please
setup default Email Account" although their action went through, and nobody gets the desk notification. For
the app's own notifications (module Coaching) the email is skipped quietly while no outgoing account exists,
and the desk notification is still made.

Staff notices go to the program's staff: a recipient row "by role Coaching Manager" on one of the app's
notifications means the managers of the record's program (its Managers table, or every Coaching Manager
when it names none), never every Coaching Manager on the site. A record that belongs to several programs (a
coach) is told about once per program, each notice naming only that program's records.

Other notifications on the site behave exactly as Frappe makes them."""

import frappe
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.email.doctype.notification.notification import Notification

from coaching_app.access.scope import program_managers
from coaching_app.rules.lifecycle import LIVE_STATES, MANAGER

MODULE = "Coaching"


def can_send_email(doctype: str) -> bool:
	return bool(EmailAccount.find_outgoing(match_by_doctype=doctype, _raise_error=False))


def programs_of_record(doc) -> list[str]:
	"""The programs a record belongs to: its own program, or for a coach the programs they list and those
	of their live agreements."""
	if doc.doctype == "Coach":
		listed = [row.program for row in doc.get("programs") or [] if row.program]
		live = frappe.get_all(
			"Coaching Agreement",
			filters={"coach": doc.name, "status": ("in", sorted(LIVE_STATES))},
			pluck="program",
			distinct=True,
		)
		return sorted({*listed, *live})
	if doc.get("program"):
		return [doc.program]
	if doc.get("agreement"):
		program = frappe.db.get_value("Coaching Agreement", doc.agreement, "program")
		return [program] if program else []
	return []


class CoachingNotification(Notification):
	def is_ours(self) -> bool:
		return self.module == MODULE and self.channel == "Email"

	def staff_rows(self) -> list:
		return [row for row in self.recipients if row.receiver_by_role == MANAGER]

	def send(self, doc):
		"""A staff notice about a record of several programs goes out once per program."""
		if not (self.module == MODULE and self.staff_rows()):
			return super().send(doc)
		programs = programs_of_record(doc) or [None]
		for index, program in enumerate(programs):
			self.flags.notice_program = program
			# The record's own people (rows by document field) hear it once.
			self.flags.staff_only = index > 0
			try:
				super().send(doc)
			finally:
				self.flags.notice_program = None
				self.flags.staff_only = False

	def load_standard_properties(self, context):
		super().load_standard_properties(context)
		# The message names only the records of the program this notice is for.
		context["notice_program"] = self.flags.notice_program

	def get_list_of_recipients(self, doc, context):
		if self.module != MODULE:
			return super().get_list_of_recipients(doc, context)
		staff_rows = self.staff_rows()
		if not staff_rows:
			return super().get_list_of_recipients(doc, context)
		every_row = self.recipients
		self.recipients = [] if self.flags.staff_only else [row for row in every_row if row not in staff_rows]
		try:
			recipients, cc, bcc = super().get_list_of_recipients(doc, context)
		finally:
			self.recipients = every_row
		if any(not row.condition or frappe.safe_eval(row.condition, None, context) for row in staff_rows):
			recipients = sorted({*recipients, *program_managers(self.flags.notice_program)})
		return recipients, cc, bcc

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
