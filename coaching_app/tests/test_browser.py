"""Real-browser checks: headless Chromium, driven by Playwright, against this site served on 127.0.0.1.

A coach logs a session through the web form and a manager finds the relationship, not the session, in the
desk; a coachee fills in the growth plan and sees it on My Coaching. Screenshots go to test-artifacts/browser/. What the REST API gives
each user is checked without a browser, in test_http_access.py.

Skipped, saying why, when Playwright or a Chromium binary is missing.
"""

import os
import shutil
from pathlib import Path

import frappe
from frappe.utils import now_datetime

from coaching_app import demo
from coaching_app.tests.served import COACH, COACHEE, MANAGER, PASSWORD, ServedSiteTestCase

CHROMIUM = os.environ.get("COACHING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None


BROWSER_MISSING = None if sync_playwright and CHROMIUM else "Playwright or a Chromium binary is not installed"


class TestInTheBrowser(ServedSiteTestCase):
	# Skipped test by test rather than as a class: Frappe's develop test runner loses its captured output
	# when a whole class is skipped.
	@classmethod
	def setUpClass(cls):
		if BROWSER_MISSING:
			return
		super().setUpClass()
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(
			executable_path=CHROMIUM,
			args=[
				"--no-sandbox",
				"--disable-gpu",
				"--disable-background-networking",
				"--disable-component-update",
			],
		)
		ARTIFACTS.mkdir(parents=True, exist_ok=True)

	@classmethod
	def tearDownClass(cls):
		if BROWSER_MISSING:
			return
		try:
			cls.browser.close()
			cls.playwright.stop()
		finally:
			super().tearDownClass()

	def setUp(self):
		if BROWSER_MISSING:
			self.skipTest(BROWSER_MISSING)

	def page_as(self, user, phone=False):
		context = self.browser.new_context(
			viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
		)
		self.addCleanup(context.close)
		page = context.new_page()
		response = page.request.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": PASSWORD})
		self.assertEqual(response.status, 200, f"login as {user}")
		return page

	def shot(self, page, name):
		page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

	def test_coach_logs_a_session_and_the_manager_sees_the_relationship_only(self):
		agreement = frappe.db.get_value(
			"Coaching Agreement", {"coach_user": COACH, "status": "Active"}, "name"
		)
		page = self.page_as(COACH)
		page.goto(f"{self.base}/log-a-session/new", wait_until="networkidle")
		page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
		page.evaluate(
			"""([agreement, start]) => {
				frappe.web_form.set_value("agreement", agreement);
				frappe.web_form.set_value("session_start", start);
			}""",
			[agreement, str(now_datetime().replace(microsecond=0))],
		)
		page.fill('[data-fieldname="agenda"] textarea', "Prepare the budget conversation")
		page.fill('[data-fieldname="wins"] textarea', "Said no to an extra project")
		self.shot(page, "coach-log-a-session")
		page.click("button.submit-btn")
		page.wait_for_timeout(3000)
		self.shot(page, "coach-log-a-session-saved")
		self.fresh()
		name = frappe.db.get_value(
			"Coaching Session", {"agreement": agreement, "agenda": "Prepare the budget conversation"}, "name"
		)
		self.assertTrue(name, "the session was saved through the web form")
		self.assertEqual(frappe.db.get_value("Coaching Session", name, "coach_user"), COACH)
		self.assertEqual(frappe.db.get_value("Coaching Session", name, "status"), "Scheduled")

		# Staff follow the relationship through its agreement; what was said in the session stays with the two.
		manager = self.page_as(MANAGER)
		manager.goto(f"{self.base}/app/coaching-agreement/{agreement}", wait_until="networkidle")
		manager.wait_for_selector('.frappe-control[data-fieldname="coachee"]', timeout=30000)
		self.shot(manager, "manager-agreement-in-desk")
		response = manager.request.get(f"{self.base}/api/resource/Coaching Session/{name}")
		self.assertEqual(response.status, 403)
		self.assertNotIn("Prepare the budget conversation", response.text())
		manager.goto(f"{self.base}/app/coaching", wait_until="networkidle")
		manager.wait_for_selector("text=Sessions per Month", timeout=20000)
		manager.wait_for_timeout(3000)
		self.shot(manager, "manager-workspace")

	def test_coachee_fills_growth_plan_and_sees_it_on_my_coaching(self):
		page = self.page_as(COACHEE, phone=True)
		page.goto(f"{self.base}/my-growth-plan/new", wait_until="networkidle")
		page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
		# The core characteristics are listed before the first save, ready to rate.
		page.wait_for_function(
			"(n) => document.querySelectorAll('[data-fieldname=ratings] .grid-body .grid-row').length === n",
			arg=len(demo.CHARACTERISTICS),
			timeout=15000,
		)
		self.shot(page, "coachee-growth-plan-new")
		page.evaluate(
			"""() => {
				const table = frappe.web_form.fields_dict.ratings;
				table.get_value().forEach((row, i) => { row.self_rating = 1 + (i % 5); });
				table.grid.refresh();
			}"""
		)
		page.fill('[data-fieldname="strengths"] textarea', "Calm under pressure")
		page.fill('[data-fieldname="areas_to_grow"] textarea', "Delegation")
		page.evaluate("() => frappe.web_form.set_value('status', 'Submitted')")
		self.shot(page, "coachee-growth-plan")
		page.click("button.submit-btn")
		page.wait_for_timeout(3000)
		self.shot(page, "coachee-growth-plan-saved")
		self.fresh()
		coachee = frappe.db.get_value("Coachee", {"user": COACHEE}, "name")
		plan = frappe.db.get_value(
			"Growth Plan",
			{"coachee": coachee, "strengths": ("like", "Calm under pressure%")},
			["name", "status", "coachee_user"],
			as_dict=True,
		)
		self.assertTrue(plan, "the growth plan was saved through the web form")
		self.assertEqual(plan.status, "Submitted")
		self.assertEqual(plan.coachee_user, COACHEE)
		rated = frappe.get_all(
			"Growth Plan Rating",
			filters={"parent": plan.name},
			fields=["characteristic", "self_rating"],
			order_by="idx asc",
		)
		self.assertEqual(
			[(r.characteristic, r.self_rating) for r in rated],
			[(c, 1 + i % 5) for i, (c, _) in enumerate(demo.CHARACTERISTICS)],
			"the plan saved the ratings given on the form, one per core characteristic",
		)
		page.goto(f"{self.base}/my-coaching", wait_until="networkidle")
		self.assertIn("Maya Okafor", page.content())
		self.assertIn(f"/my-growth-plan/{plan.name}", page.content())
		self.shot(page, "coachee-my-coaching")

	def test_coachee_cannot_open_the_coach_form(self):
		page = self.page_as(COACHEE, phone=True)
		page.goto(f"{self.base}/log-a-session/new", wait_until="networkidle")
		self.shot(page, "coachee-log-a-session-refused")
		self.fresh()
		before = frappe.db.count("Coaching Session")
		if page.query_selector("button.submit-btn"):
			page.evaluate(
				"""([start]) => {
					frappe.web_form.set_value("session_start", start);
				}""",
				[str(now_datetime().replace(microsecond=0))],
			)
			page.click("button.submit-btn")
			page.wait_for_timeout(2000)
		self.fresh()
		self.assertEqual(frappe.db.count("Coaching Session"), before)
