"""On a 390 px phone, in headless Chromium driven by Playwright against this site served on 127.0.0.1: the
coachee opens a held session from My Coaching, writes her reflection and marks her action step done; her coach
then reads both on the same page. Screenshots go to test-artifacts/browser/.

Skipped, saying why, when Playwright or a Chromium binary is missing.
"""

import frappe

from coaching_app.tests.browser import BrowserTestCase
from coaching_app.tests.served import COACH, COACHEE


class TestSessionPageOnAPhone(BrowserTestCase):
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
		self.shot(page, "coachee-session-page")

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
		self.shot(page, "coachee-session-step-done")

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
