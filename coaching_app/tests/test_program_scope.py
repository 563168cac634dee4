"""A program's staff see and hear about their own program only, on every figure the app has.

Two programs: A run by manager MA, B run by manager MB, a coach who coaches in both, coachees in each. Every
Report, Number Card and Dashboard Chart of module Coaching is found from the database and asked through
Frappe's own endpoint as MA; none of them shows MA anything of B (names, records or counts), with no filter
or with B chosen as the filter. Lineage and the staff notices follow the same rule.
"""

import frappe
from frappe.desk.doctype.dashboard_chart import dashboard_chart
from frappe.desk.doctype.number_card import number_card
from frappe.desk.query_report import run as run_report
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, now_datetime, today

from coaching_app import training
from coaching_app.access import charts
from coaching_app.coach_activity import mark_inactive_coaches
from coaching_app.coaching.doctype.coach.coach import get_lineage
from coaching_app.digest import send_daily_digest
from coaching_app.notices import send_inactive_coach_notices
from coaching_app.renewals import flag_renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	answer_feedback,
	emails_about,
	make_agreement,
	make_coach,
	make_coachee,
	make_feedback_round,
	make_program,
	make_session,
	make_user,
	unique,
)

# Agreements started this long ago end within the next 30 days (a twelve-month term).
NEAR_THE_END = -350


def make_program_run_by(manager: str, prefix: str) -> str:
	program = make_program(unique(prefix))
	program.append("managers", {"user": manager})
	program.save(ignore_permissions=True)
	return program.name


class TestProgramScope(CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ma = make_user(roles=("Coaching Manager",))
		cls.mb = make_user(roles=("Coaching Manager",))
		cls.site_admin = make_user(roles=("System Manager", "Coaching Manager"))
		cls.a = make_program_run_by(cls.ma, "Alpha")
		cls.b = make_program_run_by(cls.mb, "Bravo")
		cls.shared_coach = make_coach(
			capacity=10, full_name=unique("Shared Coach"), programs=[{"program": cls.a}, {"program": cls.b}]
		)
		start = add_days(today(), NEAR_THE_END)
		cls.a_coachee = make_coachee(cls.a, full_name=unique("Alma"))
		cls.a_waiting = make_coachee(cls.a, full_name=unique("Aurelia"))
		cls.b_coachee = make_coachee(cls.b, full_name=unique("Bianca"))
		cls.b_waiting = make_coachee(cls.b, full_name=unique("Beatrix"))
		cls.a_agreement = make_agreement(
			cls.shared_coach.name, cls.a_coachee.name, cls.a, status=lifecycle.ACTIVE, start_date=start
		)
		cls.b_agreement = make_agreement(
			cls.shared_coach.name, cls.b_coachee.name, cls.b, status=lifecycle.ACTIVE, start_date=start
		)
		# A coach of B only, full, who was coached in B first.
		cls.b_coach = make_coach(
			capacity=1,
			full_name=unique("Bruno"),
			programs=[{"program": cls.b}],
			grew_from_coachee=cls.b_waiting.name,
		)
		cls.b_others = [make_coachee(cls.b, full_name=unique("Bettina")) for _ in range(2)]
		cls.b_coach_agreements = [
			make_agreement(cls.b_coach.name, c.name, cls.b, status=lifecycle.ACTIVE, start_date=start)
			for c in cls.b_others
		]
		make_session(cls.a_agreement.name)
		make_session(cls.b_agreement.name)
		cls.a_round = make_feedback_round(cls.a, title=unique("Alpha round"), status="Open")
		cls.b_round = make_feedback_round(cls.b, title=unique("Bravo round"), status="Open")
		answer_feedback(cls.a_round.name, cls.a_agreement.name, 4, anonymous=0)
		answer_feedback(cls.b_round.name, cls.b_agreement.name, 2, anonymous=0)
		# A member of each program has started its coach training.
		cls.a_learner = make_coachee(cls.a, full_name=unique("Amara"))
		training.start_for(cls.a_learner.user, cls.a)
		cls.b_learner = make_coachee(cls.b, full_name=unique("Benedikt"))
		cls.b_training = training.start_for(cls.b_learner.user, cls.b)

	def setUp(self):
		frappe.db.savepoint("program_scope")

	def tearDown(self):
		frappe.db.rollback(save_point="program_scope")

	# --- what of B must never reach MA ----------------------------------------------------------------------

	def b_texts(self) -> list[str]:
		"""Names of B's people and things, unique enough to be searched for in any answer."""
		return [
			self.b,
			self.b_coachee.full_name,
			self.b_waiting.full_name,
			self.b_coach.full_name,
			*[c.full_name for c in self.b_others],
			self.b_round.title,
			self.b_learner.full_name,
		]

	def b_records(self) -> set[str]:
		return {
			self.b,
			self.b_coachee.name,
			self.b_waiting.name,
			self.b_coach.name,
			self.b_agreement.name,
			self.b_round.name,
			*[c.name for c in self.b_others],
			*[a.name for a in self.b_coach_agreements],
			self.b_learner.name,
			self.b_training,
		}

	def assertNothingOfB(self, answer, where: str):
		text = frappe.as_json(answer)
		for name in self.b_texts():
			self.assertNotIn(name, text, where)
		self.assertFalse(self.b_records() & set(_values(answer)), where)

	# --- reports ----------------------------------------------------------------------------------------------

	def test_every_report_shows_a_manager_her_programs_only(self):
		reports = frappe.get_all("Report", filters={"module": "Coaching"}, pluck="name")
		self.assertGreaterEqual(len(reports), 6)
		# Something of A each report is expected to show MA, so that an empty answer does not pass unseen.
		expected = {
			"Renewals Due": self.a_agreement.name,
			"Cadence Health": self.a_agreement.name,
			"Coach Load": self.shared_coach.name,
			"Coachees Needing a Coach": self.a_waiting.name,
			"Feedback Summary": self.a_round.title,
			"Coaching Culture": self.a,
			"Coach Training": self.a_learner.full_name,
		}
		with self.set_user(self.ma):
			for report in reports:
				with self.subTest(report=report):
					answer = run_report(report, filters={})
					self.assertNothingOfB(answer, report)
					if report in expected:
						self.assertIn(expected[report], frappe.as_json(answer), report)
					try:
						answer = run_report(report, filters={"program": self.b})
					except frappe.PermissionError:
						continue
					self.assertNothingOfB(answer, f"{report} filtered on B")

	def test_a_shared_coach_counts_her_programs_agreements_only(self):
		def agreements_of_shared_coach(user):
			with self.set_user(user):
				rows = run_report("Coach Load", filters={})["result"]
			(row,) = [r for r in rows if r["coach"] == self.shared_coach.name]
			return row["agreements"]

		self.assertEqual(agreements_of_shared_coach(self.ma), 1)
		self.assertEqual(agreements_of_shared_coach(self.mb), 1)
		self.assertEqual(agreements_of_shared_coach(self.site_admin), 2, "System Managers see every program")

	# --- number cards and the chart -----------------------------------------------------------------------------

	def figures(self, user) -> dict:
		"""Every Number Card and Dashboard Chart of module Coaching, as `user` gets them from Frappe's
		endpoints."""
		shown = {}
		with self.set_user(user):
			for name in frappe.get_all("Number Card", filters={"module": "Coaching"}, pluck="name"):
				card = frappe.get_doc("Number Card", name)
				if card.type == "Custom":
					method = frappe.get_attr(card.method)
					self.assertIn(method, frappe.whitelisted, card.method)
					shown[name] = frappe.call(method, filters=card.filters_json)
				else:
					shown[name] = number_card.get_result(card.as_json(), card.filters_json)
			for name in frappe.get_all("Dashboard Chart", filters={"module": "Coaching"}, pluck="name"):
				shown[name] = dashboard_chart.get(chart_name=name, refresh=1)
		return shown

	def test_workspace_figures_count_the_viewers_programs_only(self):
		ma_before, mb_before = self.figures(self.ma), self.figures(self.mb)
		self.assertGreaterEqual(len(ma_before), 7)
		# One more of everything the cards count, in B: a full coach who grew from a coachee, running
		# agreements that end soon, a session this month, a coachee without a coach, a coach in training.
		start = add_days(today(), NEAR_THE_END)
		grown = make_coachee(self.b)
		coach = make_coach(capacity=1, programs=[{"program": self.b}], grew_from_coachee=grown.name)
		agreements = [
			make_agreement(
				coach.name, make_coachee(self.b).name, self.b, status=lifecycle.ACTIVE, start_date=start
			)
			for _ in range(2)
		]
		make_session(agreements[0].name, start=now_datetime())
		make_coachee(self.b)
		# Someone of B starts B's coach training.
		training.start_for(make_coachee(self.b).user, self.b)
		ma_after, mb_after = self.figures(self.ma), self.figures(self.mb)
		self.assertEqual(ma_after, ma_before, "B's records change nothing MA sees")
		for card in frappe.get_all("Number Card", filters={"module": "Coaching"}, pluck="name"):
			self.assertNotEqual(mb_after[card], mb_before[card], f"{card} counts B's records for MB")

	# --- lineage ---------------------------------------------------------------------------------------------

	def test_lineage_names_only_coachees_the_caller_may_read(self):
		for user, own, other in (
			(self.ma, self.a_coachee, self.b_coachee),
			(self.mb, self.b_coachee, self.a_coachee),
		):
			with self.set_user(user):
				lineage = get_lineage(self.shared_coach.name)
			self.assertEqual([row.coachee for row in lineage["coachees"]], [own.name])
			self.assertNotIn(other.full_name, frappe.as_json(lineage))
		with self.set_user(self.ma):
			lineage = get_lineage(self.b_coach.name)
		self.assertNothingOfB(lineage["coachees"] + lineage["coached_by"], "lineage of B's coach")

	# --- staff notices ---------------------------------------------------------------------------------------

	def test_agreement_ended_reaches_its_programs_managers_only(self):
		with self.set_user(self.mb):
			agreement = frappe.get_doc("Coaching Agreement", self.b_agreement.name)
			agreement.end_reason = "Moved to another team"
			agreement.save()
			apply_workflow(agreement, "Terminate")
		recipients = set().union(*(e.recipients for e in emails_about(self.b_agreement.name, "terminated")))
		self.assertIn(self.mb, recipients)
		self.assertTrue({self.shared_coach.user, self.b_coachee.user} <= recipients)
		self.assertNotIn(self.ma, recipients)

	def test_renewal_notice_reaches_its_programs_managers_only(self):
		flag_renewals_due(getdate())
		send_daily_digest()
		for agreement, manager, stranger in (
			(self.a_agreement, self.ma, self.mb),
			(self.b_agreement, self.mb, self.ma),
		):
			self.assertTrue(emails_about(manager, agreement.name))
			self.assertFalse(emails_about(stranger, agreement.name))

	def test_inactive_coach_notice_tells_each_program_of_its_own_coachees(self):
		# The coach's last session long ago, as a coach who stopped coaching leaves it.
		frappe.db.set_value("Coach", self.shared_coach.name, "last_session_date", "2020-01-01")
		mark_inactive_coaches()
		self.assertIn(self.shared_coach.name, send_inactive_coach_notices())
		emails = emails_about(self.shared_coach.name, "is now inactive")
		told = {}
		for email in emails:
			for manager in (self.ma, self.mb):
				if manager in email.recipients:
					told[manager] = email
		self.assertEqual(set(told), {self.ma, self.mb})
		self.assertNotIn(self.mb, told[self.ma].recipients)
		self.assertIn(self.a_coachee.full_name, told[self.ma].body)
		self.assertNotIn(self.b_coachee.full_name, told[self.ma].body)
		self.assertIn(self.b_coachee.full_name, told[self.mb].body)
		self.assertNotIn(self.a_coachee.full_name, told[self.mb].body)


class TestChartsOnCoachingTables(CoachingTestCase):
	"""Staff build no chart or card of their own on coaching tables; the app's own keep working."""

	def setUp(self):
		frappe.db.savepoint("charts")

	def tearDown(self):
		frappe.db.rollback(save_point="charts")

	def attempts(self):
		return [
			(
				dashboard_chart.create_dashboard_chart,
				{
					"chart_name": unique("Ratings by day"),
					"chart_type": "Average",
					"type": "Heatmap",
					"document_type": "Coaching Feedback",
					"based_on": "submitted_on",
					"value_based_on": "overall_rating",
					"timeseries": 1,
					"filters_json": frappe.as_json(
						[["Coaching Feedback", "respondent", "=", "x@example.com"]]
					),
				},
			),
			(
				dashboard_chart.create_dashboard_chart,
				{
					"chart_name": unique("Notes"),
					"chart_type": "Count",
					"type": "Bar",
					"document_type": "Coaching Note",
					"based_on": "creation",
					"timeseries": 1,
					"filters_json": frappe.as_json([["Coaching Note", "content", "like", "%secret%"]]),
				},
			),
			(
				number_card.create_number_card,
				{
					"label": unique("Average rating"),
					"type": "Document Type",
					"document_type": "Coaching Feedback",
					"function": "Average",
					"aggregate_function_based_on": "overall_rating",
					"filters_json": "[]",
				},
			),
			(
				dashboard_chart.create_dashboard_chart,
				{
					"chart_name": unique("History heatmap"),
					"chart_type": "Count",
					"type": "Heatmap",
					"document_type": "Version",
					"based_on": "creation",
					"timeseries": 1,
					"filters_json": frappe.as_json([["Version", "ref_doctype", "=", "Coaching Note"]]),
				},
			),
		]

	def test_no_role_builds_a_chart_or_card_on_coaching_tables(self):
		for user in (
			make_user(roles=("Coaching Manager",)),
			make_user(roles=("System Manager",)),
			"Administrator",
		):
			for create, args in self.attempts():
				with self.subTest(user=user, args=args), self.set_user(user):
					self.assertRaises(frappe.PermissionError, create, frappe.as_json(args))

	def test_a_saved_chart_cannot_be_turned_onto_a_coaching_table(self):
		with self.set_user(make_user(roles=("System Manager",))):
			chart = dashboard_chart.create_dashboard_chart(
				frappe.as_json(
					{
						"chart_name": unique("My to-dos"),
						"chart_type": "Count",
						"type": "Bar",
						"document_type": "ToDo",
						"based_on": "creation",
						"timeseries": 1,
						"filters_json": "[]",
					}
				)
			)
			chart.document_type = "Coaching Feedback"
			chart.type = "Heatmap"
			self.assertRaises(frappe.PermissionError, chart.save)

	def test_a_chart_saved_before_the_rule_answers_to_it(self):
		chart = frappe.get_doc(
			{
				"doctype": "Dashboard Chart",
				"chart_name": unique("Old heatmap"),
				"chart_type": "Average",
				"type": "Heatmap",
				"document_type": "Coaching Feedback",
				"based_on": "submitted_on",
				"value_based_on": "overall_rating",
				"filters_json": "[]",
			}
		)
		chart.name = chart.chart_name
		# Stored as a site that had it before the rule holds it: written without its validation.
		chart.db_insert()
		self.assertRaises(frappe.PermissionError, charts.refuse_stored_chart, chart.name)

	def test_the_apps_own_charts_and_cards_stand_and_a_changed_copy_does_not(self):
		for doctype in ("Number Card", "Dashboard Chart"):
			for name in frappe.get_all(doctype, filters={"module": "Coaching"}, pluck="name"):
				doc = frappe.get_doc(doctype, name)
				self.assertIsNone(charts.refusal(doc), name)
		card = frappe.get_doc("Number Card", "Active Agreements")
		card.document_type, card.function = "Coaching Feedback", "Average"
		card.aggregate_function_based_on = "overall_rating"
		self.assertIsNotNone(charts.refusal(card))


def _values(answer):
	"""Every string value anywhere in a report's, card's or chart's answer."""
	if isinstance(answer, dict):
		for value in answer.values():
			yield from _values(value)
	elif isinstance(answer, list | tuple):
		for value in answer:
			yield from _values(value)
	elif isinstance(answer, str):
		yield answer
