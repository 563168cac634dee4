"""Malformed input over HTTP: every field of the app's DocTypes a user may write, and every argument of the
app's whitelisted functions, is sent values that do not fit (a date that does not exist, a word where a
number belongs, a megabyte where a short text belongs, text where a table of rows belongs). Each answer is a
refusal with a message (HTTP 4xx), never a server error; the database is as before and no Error Log row is
written.

The DocTypes and functions are read from the code, so a new one is swept without being listed here."""

import inspect
import json
from pathlib import Path

import frappe
from frappe.model.base_document import get_controller
from frappe.query_builder.functions import Max
from frappe.utils import add_to_date

from coaching_app import demo
from coaching_app.access.permissions import is_staff
from coaching_app.input_checks import refuses_non_rows
from coaching_app.rules.access import OWNED_FIELDS
from coaching_app.tests.served import COACH, COACHEE, MANAGER, ServedSiteTestCase
from coaching_app.tests.utils import app_whitelisted_functions

SYSTEM_MANAGER = f"sysadmin@{demo.DOMAIN}"
WRITERS = (SYSTEM_MANAGER, MANAGER, COACH, COACHEE)
MEGABYTE = "x" * 1_000_000
BAD_VALUES = {
	"Date": ["2026-02-30", "abc", "31.31.2026"],
	"Datetime": ["2026-02-30 10:00", "abc"],
	"Int": ["abc", "1.5", {"a": 1}],
	"Float": ["abc", [1]],
	"Currency": ["abc"],
	"Percent": ["abc"],
	"Check": ["abc"],
	"Small Text": [MEGABYTE, {"a": 1}],
	"Text": [MEGABYTE],
	"Data": [MEGABYTE],
	"Table": ["abc", {"a": 1}, 5, ["abc"]],
	"Table MultiSelect": ["abc", {"a": 1}],
}
# Values whose meaning bounds them, beyond their type.
BAD_IN_RANGE = {
	("Coach", "capacity"): [-1, "2.5"],
	("Coaching Settings", "pool_booking_weight"): [-0.5, 2],
}
# Arguments any words fit.
FREE_TEXT = ("agenda", "reason", "location")
# The count overrides of Frappe endpoints are swept by the suite of the request guard.
NOT_HERE = ("coaching_app.access.guard.",)
DOCTYPE_FOLDER = Path(__file__).resolve().parents[1] / "coaching" / "doctype"


def app_doctypes() -> list[str]:
	"""The app's DocTypes saved on their own, read from their definitions."""
	names = []
	for path in sorted(DOCTYPE_FOLDER.glob("*/*.json")):
		meta = json.loads(path.read_text())
		if path.stem == path.parent.name and meta.get("doctype") == "DocType" and not meta.get("istable"):
			names.append(meta["name"])
	return names


class TestMalformedInput(ServedSiteTestCase):
	@classmethod
	def add_served_records(cls):
		demo._user("sysadmin", "Sam Sysadmin", ("System Manager",))

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.http = {user: cls.login(user) for user in WRITERS}

	# --- what the database looks like --------------------------------------------------------------------

	def state(self) -> dict:
		"""Per DocType: how many rows and when the newest change was; and how many errors were logged."""
		self.fresh()
		state = {"Error Log": frappe.db.count("Error Log")}
		for doctype in app_doctypes():
			if frappe.get_meta(doctype).issingle:
				singles = frappe.qb.Table("tabSingles")
				state[doctype] = (
					frappe.qb.from_(singles)
					.select(singles.field, singles.value)
					.where(singles.doctype == doctype)
					.orderby(singles.field)
				).run()
				continue
			table = frappe.qb.DocType(doctype)
			state[doctype] = (
				frappe.db.count(doctype),
				frappe.qb.from_(table).select(Max(table.modified)).run()[0][0],
			)
		return state

	def assertRefused(self, response, case):
		self.assertLess(response.status_code, 500, (case, response.text[:500]))
		self.assertGreaterEqual(response.status_code, 400, (case, response.text[:300]))
		self.assertIn("_server_messages", response.json(), (case, response.text[:300]))

	# --- DocTypes ------------------------------------------------------------------------------------------

	def writer_of(self, doctype: str, name: str) -> str | None:
		for user in WRITERS:
			if frappe.has_permission(doctype, "write", doc=name, user=user):
				return user
		return None

	def fields_to_spoil(self, doctype: str, writer: str) -> list:
		meta = frappe.get_meta(doctype)
		owned = () if is_staff(writer) else OWNED_FIELDS.get(doctype, ())
		# A table given text fails while Frappe builds the document, before any event: only a controller
		# whose `set` calls input_checks.table_value can refuse it.
		tables_checked = refuses_non_rows(get_controller(doctype))
		return [
			df
			for df in meta.fields
			if df.fieldtype in BAD_VALUES
			and (tables_checked or df.fieldtype not in ("Table", "Table MultiSelect"))
			and not df.permlevel
			and not df.read_only
			and not df.fetch_from
			and df.fieldname not in owned
		]

	def test_every_writable_field_refuses_values_that_do_not_fit(self):
		cases = refused = 0
		swept = []
		before = self.state()
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			# The newest records someone can write: the demo program this suite serves, not whatever an
			# earlier suite left on the site.
			names = (
				[doctype]
				if meta.issingle
				else frappe.get_all(doctype, pluck="name", order_by="creation desc", limit_page_length=20)
			)
			name, writer = next(
				((name, writer) for name in names if (writer := self.writer_of(doctype, name))), (None, None)
			)
			if not writer:
				continue
			swept.append(doctype)
			path = f"{self.base}/api/resource/{doctype}/{name}"
			for df in self.fields_to_spoil(doctype, writer):
				values = BAD_VALUES[df.fieldtype] + BAD_IN_RANGE.get((doctype, df.fieldname), [])
				for value in values:
					case = (doctype, df.fieldname, str(value)[:40], writer)
					with self.subTest(case=case):
						response = self.http[writer].put(
							path,
							data=json.dumps({df.fieldname: value}),
							headers={"Content-Type": "application/json"},
						)
						cases += 1
						self.assertRefused(response, case)
						refused += 1
		self.assertEqual(self.state(), before, "nothing was written and no error was logged")
		self.assertGreaterEqual(len(swept), 10, swept)
		without = [d for d in app_doctypes() if not refuses_non_rows(get_controller(d))]
		with_tables = [d for d in without if frappe.get_meta(d).get_table_fields()]
		if with_tables:
			print(f"\n  tables not yet guarded against text while the document is built: {with_tables}")
		for doctype in ("Coach", "Coaching Session", "Coaching Request", "Coaching Settings"):
			self.assertIn(doctype, swept)
		print(f"\n  {cases} malformed field values over {len(swept)} DocTypes: {refused} refused with a 4xx")

	def test_a_new_record_with_a_malformed_value_is_refused(self):
		"""The insert path: a copy of a stored session, request and coach carrying one bad value."""
		cases = 0
		before = self.state()
		session = frappe.get_all(
			"Coaching Session",
			filters={"coach_user": COACH, "status": "Scheduled"},
			fields=["agreement", "session_start"],
			limit=1,
		)[0]
		# A start no session has yet, so each post is judged on its bad value, not as a second copy.
		good_session = {
			"agreement": session.agreement,
			"session_start": str(add_to_date(session.session_start, minutes=37)),
		}
		for values, writer in (
			({**good_session, "session_start": "2026-02-30 10:00"}, COACH),
			({**good_session, "duration_minutes": "abc"}, COACH),
			({**good_session, "agenda": MEGABYTE}, COACH),
			({**good_session, "new_action_steps": "abc"}, COACH),
			({**good_session, "new_action_steps": {"description": "x"}}, COACH),
			({**good_session, "new_action_steps": [{"description": {"a": 1}, "measure": "y"}]}, COACH),
			(
				{
					**good_session,
					"new_action_steps": [{"description": "x", "measure": "y", "due_date": "2026-02-30"}],
				},
				COACH,
			),
		):
			with self.subTest(values=str(values)[:120]):
				response = self.http[writer].post(
					f"{self.base}/api/resource/Coaching Session",
					data=json.dumps(values),
					headers={"Content-Type": "application/json"},
				)
				cases += 1
				self.assertRefused(response, values)
				self.assertNotIn("already saved", response.text, "refused for its bad value")
		for values in (
			{"skill": "Public Speaking", "preferred_date": "2026-02-30"},
			{"skill": "Public Speaking", "request_details": MEGABYTE},
		):
			response = self.http[COACHEE].post(
				f"{self.base}/api/resource/Coaching Request",
				data=json.dumps(values),
				headers={"Content-Type": "application/json"},
			)
			cases += 1
			self.assertRefused(response, values)
		coach_user = frappe.db.get_value("Coach", {"user": ("like", f"%@{demo.DOMAIN}")}, "user")
		for capacity in ("abc", -1, "2.5"):
			response = self.http[MANAGER].post(
				f"{self.base}/api/resource/Coach",
				data=json.dumps({"user": coach_user, "full_name": "Copy", "capacity": capacity}),
				headers={"Content-Type": "application/json"},
			)
			cases += 1
			self.assertRefused(response, capacity)
		self.assertEqual(self.state(), before)
		print(f"\n  {cases} new records with a malformed value: all refused with a 4xx")

	# --- whitelisted functions -----------------------------------------------------------------------------

	def test_every_whitelisted_function_refuses_malformed_arguments(self):
		functions = [
			fn
			for fn in app_whitelisted_functions()
			if "." not in fn.__qualname__
			and not fn.__module__.startswith(NOT_HERE)
			and inspect.signature(fn).parameters
		]
		self.assertGreaterEqual(len(functions), 8)
		stored = self.valid_arguments()
		bad = ["2026-02-30 10:00", "abc", MEGABYTE, '{"a": 1}', "[]", "-1"]
		cases = 0
		before = self.state()
		for fn in functions:
			path = f"{self.base}/api/method/{fn.__module__}.{fn.__name__}"
			parameters = list(inspect.signature(fn).parameters)
			for parameter in parameters:
				# Words are fine in a free text; only one that does not fit is malformed there.
				for value in [MEGABYTE] if parameter in FREE_TEXT else bad:
					# The other arguments name real records, so the bad one is what is judged.
					data = {p: stored.get(p, "") for p in parameters if p != parameter}
					data[parameter] = value
					for user in (COACH, COACHEE):
						verb = "GET" if fn.__name__ == "session_feed" else "POST"
						case = (fn.__name__, parameter, value[:30], user)
						with self.subTest(case=case):
							if verb == "GET":
								response = self.http[user].get(path, params=data)
							else:
								response = self.http[user].post(path, data=data)
							cases += 1
							self.assertLess(response.status_code, 500, (case, response.text[:500]))
		self.assertEqual(self.state(), before, "nothing was written and no error was logged")
		print(f"\n  {cases} calls of {len(functions)} whitelisted functions with malformed arguments: no 5xx")

	def valid_arguments(self) -> dict:
		"""A real record for each argument name the app's functions take."""
		agreement = frappe.db.get_value("Coaching Agreement", {"coach_user": COACH, "coachee_user": COACHEE})
		session = frappe.db.get_value(
			"Coaching Session", {"coachee_user": COACHEE, "status": "Scheduled"}, "name"
		)
		request = frappe.db.get_value("Coaching Request", {"status": "Open"}, "name")
		return {
			"agreement": agreement,
			"session": session,
			"request": request,
			"doctype": "Coaching Session",
			"name": session,
			"coachee": frappe.db.get_value("Coachee", {"user": COACHEE}),
			"coach": frappe.db.get_value("Coach", {"user": COACH}),
			"skill": "Public Speaking",
		}
