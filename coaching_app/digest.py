"""The daily digest: one email and one desk notification per person per day, listing every agreement of
hers that came due for renewal, every relationship of hers that fell behind its cadence and every action
step of hers that is overdue, in her language. Each record is marked as told once, so it is in one digest
only.

The standard Notifications keep their part: each line of a digest is the record's Notification subject (so
an organization rewords a line by editing the Notification), a Notification that is disabled leaves its
kind out, and who hears of a record follows its recipient rows (a row "by role Coaching Manager" meaning the
managers of the record's program). Immediate notices of single events (a consent request, an agreement made
active) are sent by their Notifications as they happen, as before.

A heavy day is sent in parts: one job sends at most PEOPLE_PER_JOB digests and hands the rest to a
follow-up part, which skips the people already sent today."""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.email.doctype.email_queue.email_queue import QueueBuilder
from frappe.utils import formatdate, get_url, get_url_to_form, getdate

from coaching_app.access.scope import program_managers
from coaching_app.cadence import lapsed_relationships
from coaching_app.notices import enqueue_notices
from coaching_app.notification_delivery import can_send_email
from coaching_app.rules.lifecycle import MANAGER, RENEWAL_DUE

# One job sends at most this many digests; the benchmark's notices run shows the time a part takes.
PEOPLE_PER_JOB = 3000
# A part commits after this many digests, so a failure late in a run keeps what went out.
CHUNK = 500
METHOD = "coaching_app.digest.send_daily_digest"


@dataclass(frozen=True)
class Kind:
	key: str
	notification: str  # the standard Notification whose subject is the line and whose rows say who hears
	doctype: str
	marker: str  # the record's "told on" date
	heading: str


RENEWAL = Kind(
	"renewal",
	"Coaching Agreement Renewal Due",
	"Coaching Agreement",
	"renewal_notified_on",
	"Agreements coming to the end of their term: renew, change coach or close",
)
CADENCE = Kind(
	"cadence",
	"Coaching Relationship Behind Cadence",
	"Coaching Agreement",
	"cadence_notified_on",
	"Relationships behind their agreed cadence: time to meet",
)
OVERDUE = Kind(
	"overdue",
	"Coaching Action Overdue",
	"Coaching Action",
	"overdue_notified_on",
	"Action steps past their due date",
)
KINDS = (RENEWAL, CADENCE, OVERDUE)


# --- What is due today ------------------------------------------------------------------------------------


def due_today(kind: Kind, today) -> list[str]:
	"""The records of `kind` to tell today, in name order."""
	if kind is RENEWAL:
		table = frappe.qb.DocType("Coaching Agreement")
		query = (
			frappe.qb.from_(table)
			.select(table.name)
			.where((table.status == RENEWAL_DUE) & table.renewal_notified_on.isnull())
		)
	elif kind is CADENCE:
		return sorted(lapsed_relationships(today))
	else:
		table = frappe.qb.DocType("Coaching Action")
		# IS NULL, not Frappe's "not set": Frappe 15 compares an empty date with '', which PostgreSQL refuses.
		query = (
			frappe.qb.from_(table)
			.select(table.name)
			.where((table.status == "Open") & (table.due_date < today) & table.overdue_notified_on.isnull())
		)
	return query.orderby(table.name).run(pluck=True)


def program_of(kind: Kind, rows: list) -> dict[str, str | None]:
	"""Each record's program, for the staff rows of its Notification."""
	if kind.doctype == "Coaching Agreement":
		return {row.name: row.program for row in rows}
	agreements = {row.agreement for row in rows if row.agreement}
	programs = dict(
		frappe.get_all(
			"Coaching Agreement",
			filters={"name": ("in", sorted(agreements) or [""])},
			fields=["name", "program"],
			as_list=True,
		)
	)
	return {row.name: programs.get(row.agreement) for row in rows}


def recipients_of(notification, kind: Kind, rows: list) -> dict[str, set[str]]:
	"""Who hears of each record: the users its Notification's recipient rows name (a document field, or the
	program's managers for a row by role Coaching Manager)."""
	fields = [
		row.receiver_by_document_field for row in notification.recipients if row.receiver_by_document_field
	]
	staff = any(row.receiver_by_role == MANAGER for row in notification.recipients)
	programs = program_of(kind, rows) if staff else {}
	managers: dict[str | None, list[str]] = {}
	told = {}
	for row in rows:
		users = {row.get(field) for field in fields} - {None, ""}
		if staff:
			program = programs.get(row.name)
			if program not in managers:
				managers[program] = program_managers(program)
			users |= set(managers[program])
		told[row.name] = users
	return told


# --- Sending ------------------------------------------------------------------------------------------------


def send_daily_digest(today=None, part: int = 0) -> dict[str, list[str]]:
	"""The day's digests, then every record they list marked as told. Returns the records told, by kind."""
	today = getdate(today)
	notifications = {
		kind.key: frappe.get_doc("Notification", kind.notification)
		for kind in KINDS
		if frappe.db.get_value("Notification", kind.notification, "enabled")
	}
	items: dict[str, list[tuple[Kind, frappe._dict]]] = {}
	due: dict[str, list[str]] = {}
	for kind in KINDS:
		if kind.key not in notifications:
			continue  # the organization turned this notice off: nothing is listed, nothing marked
		names = due_today(kind, today)
		due[kind.key] = names
		for start in range(0, len(names), CHUNK):
			rows = frappe.get_all(
				kind.doctype, filters={"name": ("in", names[start : start + CHUNK])}, fields=["*"]
			)
			by_name = {row.name: row for row in rows}
			for name, users in recipients_of(notifications[kind.key], kind, rows).items():
				for user in users:
					items.setdefault(user, []).append((kind, by_name[name]))
	sent_key = f"coaching-digest-sent::{today}"
	already = {frappe.safe_decode(u) for u in frappe.cache.smembers(sent_key)} if part else set()
	people = [user for user in sorted(items) if user not in already]
	more = len(people) > PEOPLE_PER_JOB
	people = people[:PEOPLE_PER_JOB]
	profiles = {
		row.name: row
		for row in frappe.get_all(
			"User",
			filters={"name": ("in", people or [""]), "enabled": 1},
			fields=["name", "email", "language", "user_type", "first_name"],
		)
	}
	emails = can_send_email("Coaching Agreement")
	DigestMail.forget()
	_line_templates.clear()
	for index, user in enumerate(people, start=1):
		profile = profiles.get(user)
		if profile:
			savepoint = f"coaching_digest_{index}"
			frappe.db.savepoint(savepoint)
			try:
				send_one(profile, items[user], notifications, today, emails)
			except Exception:
				frappe.db.rollback(save_point=savepoint)
				frappe.log_error(title=f"Coaching daily digest failed for {user}")
		frappe.cache.sadd(sent_key, user)
		if index % CHUNK == 0:
			frappe.db.commit()  # static-check: background job committing in chunks
	frappe.cache.expire(frappe.cache.make_key(sent_key), 3 * 24 * 3600)
	if more:
		enqueue_notices(METHOD, part + 1)
		return {}
	for kind in KINDS:
		names = due.get(kind.key) or []
		for start in range(0, len(names), CHUNK):
			table = frappe.qb.DocType(kind.doctype)
			frappe.qb.update(table).set(table[kind.marker], today).where(
				table.name.isin(names[start : start + CHUNK])
			).run()
	return due


def send_one(profile, items: list, notifications: dict, today, emails: bool) -> None:
	"""One person's digest: an email (when the site sends email) and a desk notification, in her language."""
	lang = profile.language or frappe.db.get_default("lang") or "en"
	previous = getattr(frappe.local, "lang", None)
	frappe.local.lang = lang
	try:
		subject = _("Your coaching notices for {0}", lang=lang).format(formatdate(today))
		message = render(profile, items, notifications, lang)
	finally:
		frappe.local.lang = previous
	if emails and profile.email:
		DigestMail(
			recipients=[profile.email],
			subject=subject,
			message=message,
			reference_doctype="User",
			reference_name=profile.name,
		).process()
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"type": "Alert",
			"for_user": profile.name,
			"subject": subject,
			"email_content": message,
			"link": "/app/coaching" if profile.user_type == "System User" else "/my-coaching",
		}
	).insert(ignore_permissions=True)


class DigestMail(QueueBuilder):
	"""A digest queued as `frappe.sendmail` queues it, with the site's email frame built once per subject.

	Frappe builds every email by rendering its frame (logo, footer, the sending account's signature) around
	the message and inlining the site's email stylesheet into the whole page, which takes most of the time a
	digest costs (some 70 ms an email, for CSS that is the same in every one). The digests of a day share
	their subject per language and carry no unsubscribe link of their own, so their frame is the same: it is
	built and styled once, and each digest's body (written with its own inline styles) is put into it."""

	BODY = "coaching-digest-body-4f1c"
	frames: dict = {}
	accounts: dict = {}

	@classmethod
	def forget(cls):
		"""Each job builds its frames anew, so a changed email account or footer counts from the next day."""
		cls.frames = {}
		cls.accounts = {}

	def get_outgoing_email_account(self):
		if not self._email_account:
			key = (self.reference_doctype, self._sender)
			if key not in DigestMail.accounts:
				DigestMail.accounts[key] = super().get_outgoing_email_account()
			self._email_account = DigestMail.accounts[key]
		return self._email_account

	def email_html_content(self):
		account = self.get_outgoing_email_account()
		key = (self.subject, getattr(account, "name", None), self.unsubscribe_message() is None)
		if key not in DigestMail.frames:
			message, self._message = self._message, self.BODY
			try:
				DigestMail.frames[key] = super().email_html_content()
			finally:
				self._message = message
		frame = DigestMail.frames[key]
		if self.BODY not in frame:  # a frame that lost the mark: build this one whole
			return super().email_html_content()
		return frame.replace(self.BODY, self._message, 1)


_line_templates: dict = {}


def line_template(subject: str):
	"""A Notification's subject compiled once per job, as `frappe.render_template` compiles it per call."""
	if subject not in _line_templates:
		from frappe.utils.jinja import get_jenv

		if ".__" in subject:
			frappe.throw(_("Illegal template"))
		_line_templates[subject] = get_jenv().from_string(subject)
	return _line_templates[subject]


# Inline styles of a digest's body, which is put into an already styled frame.
HEADING_STYLE = "font-size: 15px; font-weight: 600; margin: 18px 0 6px;"
LIST_STYLE = "margin: 0 0 12px; padding-left: 20px;"
ITEM_STYLE = "margin: 4px 0;"


def render(profile, items: list, notifications: dict, lang: str) -> str:
	desk = profile.user_type == "System User"
	parts = [
		f"<p>{frappe.utils.escape_html(_('Hello {0},', lang=lang).format(profile.first_name or ''))}</p>"
	]
	for kind in KINDS:
		rows = [row for item_kind, row in items if item_kind is kind]
		if not rows:
			continue
		heading = frappe.utils.escape_html(_(kind.heading, lang=lang))
		parts.append(f'<h3 style="{HEADING_STYLE}">{heading}</h3><ul style="{LIST_STYLE}">')
		for row in sorted(rows, key=lambda r: r.name):
			line = line_template(notifications[kind.key].subject).render({"doc": row, "notice_program": None})
			link = get_url_to_form(kind.doctype, row.name) if desk else get_url("/my-coaching")
			parts.append(
				f'<li style="{ITEM_STYLE}"><a href="{link}">{frappe.utils.escape_html(line)}</a></li>'
			)
		parts.append("</ul>")
	return "\n".join(parts)
