"""On a 390 px phone, in headless Chromium driven by Playwright against this site served on 127.0.0.1: the
coachee opens a held session from My Coaching, writes her reflection and marks her action step done; her coach
then reads both on the same page. Screenshots go to test-artifacts/browser/.

Skipped, saying why, when Playwright or a Chromium binary is missing.
"""

import os
import shutil
from pathlib import Path

import frappe

from coaching_app.tests.served import COACH, COACHEE, PASSWORD, ServedSiteTestCase

CHROMIUM = os.environ.get("COACHING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PHONE = {"width": 390, "height": 844}

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None

BROWSER_MISSING = None if sync_playwright and CHROMIUM else "Playwright or a Chromium binary is not installed"


class TestSessionPageOnAPhone(ServedSiteTestCase):
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

	def phone_as(self, user):
		context = self.browser.new_context(viewport=PHONE)
		self.addCleanup(context.close)
		page = context.new_page()
		response = page.request.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": PASSWORD})
		self.assertEqual(response.status, 200, f"login as {user}")
		return page

	def assertFitsThePhone(self, page, what):
		width = page.evaluate("() => document.documentElement.scrollWidth")
		self.assertLessEqual(width, PHONE["width"], f"{what} scrolls sideways on a phone")

	def test_coachee_reflects_on_a_session_and_marks_her_step_done(self):
		action = frappe.db.get_value(
			"Coaching Action",
			{"coachee_user": COACHEE, "status": "Open", "source_type": "Coaching Session"},
			["name", "source_name", "description"],
			as_dict=True,
		)
		self.assertTrue(action, "the demo gives the coachee an open step from a held session")
		session = action.source_name

		page = self.phone_as(COACHEE)
		page.goto(f"{self.base}/my-coaching", wait_until="networkidle")
		self.assertFitsThePhone(page, "My Coaching")
		page.locator(f'a[href="/coaching-session?name={session}"]').first.click()
		page.wait_for_url(f"**/coaching-session?name={session}")
		page.wait_for_load_state("networkidle")
		self.assertIn("Ran the team stand-up without notes.", page.content())
		self.assertIn(action.description, page.content())
		self.assertFitsThePhone(page, "the session page")
		page.screenshot(path=str(ARTIFACTS / "coachee-session-page.png"), full_page=True)

		page.fill("#coachee-takeaway", "Saying no kindly is still saying no")
		page.fill("#coachee-next", "Hand the weekly report to Jonas")
		page.click(".save-reflection")
		page.locator(".reflection-saved").wait_for(state="visible", timeout=15000)

		step = page.locator(f'.action-step[data-action="{action.name}"]')
		step.locator("summary").click()
		step.locator(".how-it-went").fill("Jonas sent it twice, I only checked it")
		with page.expect_navigation():
			step.locator(".mark-done").click()
		page.wait_for_load_state("networkidle")
		self.assertIn("Jonas sent it twice, I only checked it", page.content())
		self.assertFitsThePhone(page, "the session page after marking done")
		page.screenshot(path=str(ARTIFACTS / "coachee-session-step-done.png"), full_page=True)

		self.fresh()
		self.assertEqual(
			frappe.db.get_value("Coaching Session", session, ["coachee_takeaway", "coachee_next"]),
			("Saying no kindly is still saying no", "Hand the weekly report to Jonas"),
		)
		self.assertEqual(frappe.db.get_value("Coaching Action", action.name, "status"), "Done")

		coach = self.phone_as(COACH)
		coach.goto(f"{self.base}/coaching-session?name={session}", wait_until="networkidle")
		self.assertIn("Saying no kindly is still saying no", coach.content())
		self.assertIn("Jonas sent it twice, I only checked it", coach.content())
		self.assertEqual(coach.locator(".save-reflection").count(), 0)
		self.assertFitsThePhone(coach, "the coach's session page")
