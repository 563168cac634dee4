"""A served test site driven by Playwright in headless Chromium, on a desktop-size or a 390 px phone screen,
for the journeys people click through. Screenshots go to test-artifacts/browser/. A suite built on it is
skipped test by test, saying why, when Playwright or a Chromium binary is missing."""

import os
import shutil
from pathlib import Path

from coaching_app.tests.served import PASSWORD, ServedSiteTestCase

CHROMIUM = os.environ.get("COACHING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

try:
	from playwright.sync_api import sync_playwright
except ImportError:
	sync_playwright = None

BROWSER_MISSING = None if sync_playwright and CHROMIUM else "Playwright or a Chromium binary is not installed"


def launch_chromium(playwright):
	"""The system Chromium, headless; without the background-networking flags it keeps calling out to hosts
	a closed network refuses."""
	return playwright.chromium.launch(
		executable_path=CHROMIUM,
		args=[
			"--no-sandbox",
			"--disable-gpu",
			"--disable-background-networking",
			"--disable-component-update",
		],
	)


class BrowserTestCase(ServedSiteTestCase):
	# Skipped test by test rather than as a class: Frappe's develop test runner loses its captured output
	# when a whole class is skipped.
	@classmethod
	def setUpClass(cls):
		if BROWSER_MISSING:
			return
		super().setUpClass()
		cls.playwright = sync_playwright().start()
		cls.browser = launch_chromium(cls.playwright)
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
		"""A new browser signed in as `user`, on a phone-size screen or a desktop one."""
		context = self.browser.new_context(viewport=PHONE if phone else DESKTOP)
		self.addCleanup(context.close)
		page = context.new_page()
		response = page.request.post(f"{self.base}/api/method/login", data={"usr": user, "pwd": PASSWORD})
		self.assertEqual(response.status, 200, f"login as {user}")
		return page

	def phone_as(self, user):
		return self.page_as(user, phone=True)

	def assertFitsThePhone(self, page, what):
		width = page.evaluate("() => document.documentElement.scrollWidth")
		self.assertLessEqual(width, PHONE["width"], f"{what} scrolls sideways on a phone")

	def shot(self, page, name):
		page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

	def clear_desk_dialogs(self, page, name):
		"""Close a dialog the host site opens over a freshly loaded desk page (another app's welcome or notes,
		say), as a person would, after keeping a picture of it. A dialog that reports an error fails the test
		with its text: an error on opening a coaching form is the app's to answer for."""
		dialog = page.locator(".modal.show").first
		try:
			dialog.wait_for(state="visible", timeout=2000)
		except Exception:
			return  # none opened
		self.shot(page, f"{name}-dialog")
		text = " ".join(dialog.inner_text().split())
		errors = dialog.locator(
			".indicator.red, .modal-title:has-text('Error'), .modal-title:has-text('Not Permitted')"
		)
		self.assertEqual(errors.count(), 0, f"an error dialog opened over the desk: {text[:300]}")
		print(f"    (closed a dialog the site opened over the desk: {text[:120]})")
		page.keyboard.press("Escape")
		dialog.wait_for(state="hidden", timeout=10000)
