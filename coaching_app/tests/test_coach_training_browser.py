"""On a 390 px phone, in headless Chromium against this site served on 127.0.0.1, the whole way from coachee
to coach: she taps Become a coach on My Coaching, works through the demo program's three modules (a wrong
answer to the check is told and the module stays open), and the program's manager reads her answers and
makes her Active in the desk. (That the manager is told is shown by test_coach_training: the served site runs
no background worker to write the desk notification.) Screenshots go to test-artifacts/browser/."""

import frappe

from coaching_app.tests.browser import BrowserTestCase
from coaching_app.tests.served import COACHEE, MANAGER


class TestCoachTrainingOnAPhone(BrowserTestCase):
	def test_a_coachee_becomes_an_active_coach_through_the_training(self):
		self.assertFalse(frappe.db.exists("Coach", {"user": COACHEE}), "the demo coachee is not a coach yet")
		page = self.phone_as(COACHEE)
		page.goto(f"{self.base}/my-coaching", wait_until="networkidle")
		card = page.locator("#coach-training")
		self.assertIn("Become a coach", card.inner_text())
		self.assertFitsThePhone(page, "My Coaching with the training card")
		self.shot(page, "become-a-coach-phone")
		with page.expect_navigation(url="**/coach-training?program=*"):
			card.locator(".start-training").click()
		page.wait_for_load_state("networkidle")
		self.assertIn("Module 1: What coaching is", page.content())
		self.assertIn("0 of 3 modules done", page.content())
		self.assertFitsThePhone(page, "the first training module")
		self.shot(page, "coach-training-module-phone")

		# Too few words: told on the page, nothing lost.
		page.fill("#module-answer", "A mentor")
		page.click(".send-answer")
		dialog = page.locator(".modal-dialog:visible")
		dialog.wait_for(timeout=15000)
		self.assertIn("at least 10 words", dialog.inner_text())
		dialog.locator(".btn-modal-close, [data-dismiss='modal']").first.click()
		dialog.wait_for(state="hidden", timeout=15000)
		page.fill(
			"#module-answer",
			"My first team lead asked me what I wanted to learn and then listened every week",
		)
		with page.expect_navigation():
			page.click(".send-answer")
		page.wait_for_load_state("networkidle")
		self.assertIn("Module 2: Listening", page.content())
		self.assertIn("Read: Listening to understand", page.content())

		# A wrong answer to the check is told and the module stays open.
		page.check('input[name="module-answer"][value="Suggest an answer to help"]')
		page.click(".send-answer")
		page.locator(".answer-message:not(.d-none)").wait_for(timeout=15000)
		self.assertIn("Not quite", page.locator(".answer-message").inner_text())
		self.shot(page, "coach-training-check-wrong-phone")
		page.check('input[name="module-answer"][value="Wait and let the silence work"]')
		with page.expect_navigation():
			page.click(".send-answer")
		page.wait_for_load_state("networkidle")
		self.assertIn("2 of 3 modules done", page.content())

		page.fill(
			"#module-answer",
			"Speak first in Monday's meeting, and we both know it is done when the minutes show her item first",
		)
		with page.expect_navigation():
			page.click(".send-answer")
		page.wait_for_load_state("networkidle")
		self.assertIn("Training complete", page.content())
		self.assertFitsThePhone(page, "the completed training")
		self.shot(page, "coach-training-complete-phone")

		self.fresh()
		coach = frappe.db.get_value(
			"Coach",
			{"user": COACHEE},
			["name", "status", "training_completed_on", "training_record"],
			as_dict=True,
		)
		self.assertEqual(coach.status, "In Training")
		self.assertTrue(coach.training_completed_on and coach.training_record)
		# The manager reads the answers, then makes her Active in the desk.
		desk = self.phone_as(MANAGER)
		desk.goto(
			f"{self.base}/app/coach-training-progress/{coach.training_record}", wait_until="networkidle"
		)
		desk.locator(".frappe-control[data-fieldname='answers']").wait_for(timeout=30000)
		self.assertIn("Wait and let the silence work", desk.content())
		self.shot(desk, "coach-training-answers-manager-phone")
		desk.goto(f"{self.base}/app/coach/{coach.name}", wait_until="networkidle")
		status = desk.locator("select[data-fieldname='status']")
		status.wait_for(timeout=30000)
		status.select_option("Active")
		desk.keyboard.press("Control+s")
		desk.locator(".indicator-pill:has-text('Active')").first.wait_for(timeout=30000)
		self.fresh()
		self.assertEqual(frappe.db.get_value("Coach", coach.name, "status"), "Active")
		self.shot(desk, "coach-made-active-manager-phone")

		page.goto(f"{self.base}/coach-training", wait_until="networkidle")
		self.assertIn("You are an active coach.", page.content())
