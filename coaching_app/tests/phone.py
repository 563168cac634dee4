"""A served test site driven on a 390 px phone by Playwright in headless Chromium, for the portal journeys.
Screenshots go to test-artifacts/browser/. A suite built on it is skipped, saying why, when Playwright or a
Chromium binary is missing."""

import os
import shutil
from pathlib import Path

from coaching_app.tests.served import PASSWORD, ServedSiteTestCase

CHROMIUM = os.environ.get("COACHING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PHONE = {"width": 390, "height": 844}

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None

BROWSER_MISSING = None if sync_playwright and CHROMIUM else "Playwright or a Chromium binary is not installed"


class PhoneTestCase(ServedSiteTestCase):
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
		"""A new phone-size browser signed in as `user`."""
		context = self.browser.new_context(viewport=PHONE)
		self.addCleanup(context.close)
		page = context.new_page()
		response = page.request.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": PASSWORD})
		self.assertEqual(response.status, 200, f"login as {user}")
		return page

	def assertFitsThePhone(self, page, what):
		width = page.evaluate("() => document.documentElement.scrollWidth")
		self.assertLessEqual(width, PHONE["width"], f"{what} scrolls sideways on a phone")

	def screenshot(self, page, name: str):
		page.screenshot(path=str(ARTIFACTS / name), full_page=True)
