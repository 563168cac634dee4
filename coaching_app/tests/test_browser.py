"""Real-browser checks: headless Chromium, driven by Playwright, against this site served on 127.0.0.1.

A coach logs a session through the web form and a manager finds the relationship, not the session, in the
desk; a coachee fills in the growth plan and sees it on My Coaching. Screenshots go to test-artifacts/browser/. What the REST API gives
each user is checked without a browser, in test_http_access.py.

Skipped, saying why, when Playwright or a Chromium binary is missing.
"""

import frappe
from frappe.utils import add_to_date, now_datetime

from coaching_app import demo
from coaching_app.tests.browser import BrowserTestCase
from coaching_app.tests.served import COACH, COACHEE, MANAGER, OTHER_COACH, OTHER_COACHEE


def pop_up_text(page) -> str:
	"""What the page's dialog or message says, to tell why a step failed."""
	dialog = page.locator(".modal.show .modal-body, .msgprint")
	return dialog.first.inner_text() if dialog.count() else "no message on the page"


class TestInTheBrowser(BrowserTestCase):
	def choose(self, page, fieldname, typed):
		"""Type into a web form's link field and click the first option offered, as a person would."""
		page.click(f'[data-fieldname="{fieldname}"] input')
		page.keyboard.type(typed)
		option = page.locator(f'[data-fieldname="{fieldname}"] .awesomplete li').first
		option.wait_for(state="visible", timeout=10000)
		option.click()

	def submit(self, page, success_title, shot=None):
		"""Press the web form's save button and wait for its success message and the page it then moves on to;
		a refusal fails with its text. A press that only closes an open table row is pressed again, as a
		person would."""
		shown = page.get_by_text(success_title).filter(visible=True).first
		for _attempt in range(3):
			button = page.locator("button.submit-btn").filter(visible=True)
			if button.count():
				try:
					button.first.click(timeout=15000)
				except Exception as error:
					message = pop_up_text(page)
					if "already saved" in message:
						# A busy server answered the first press after this wait gave up; pressing again was a
						# double tap, which the app answers with the record already saved. The caller checks
						# the record itself.
						return
					raise AssertionError(f"the save button could not be pressed: {message}") from error
			try:
				shown.wait_for(timeout=15000)
			except Exception:
				continue
			if shot:
				self.shot(page, shot)
			# The form moves on to its success page five seconds later; wait for it, so that the next step
			# does not race that navigation.
			success_url = page.evaluate("() => frappe.web_form.success_url")
			if success_url:
				page.wait_for_event(
					"framenavigated", predicate=lambda frame: frame == page.main_frame, timeout=30000
				)
				page.wait_for_load_state("networkidle")
			return
		self.fail(f"the form was not saved ({success_title!r} never showed): {pop_up_text(page)}")

	def type_in_cell(self, page, row, fieldname, value):
		"""Tap a table cell until its input opens (the grid redraws the new row once), then type."""
		field = row.locator(
			f'[data-fieldname="{fieldname}"] textarea, [data-fieldname="{fieldname}"] input'
		).first
		for _attempt in range(5):
			row.locator(f'[data-fieldname="{fieldname}"]').first.click()
			try:
				field.wait_for(state="visible", timeout=2000)
				break
			except Exception:
				page.wait_for_timeout(300)
		field.fill(value)

	def log_session_through_the_form(self, phone, agenda):
		agreement = frappe.db.get_value(
			"Coaching Agreement",
			{"coach_user": COACH, "status": "Active"},
			["name", "coachee_name"],
			as_dict=True,
		)
		page = self.page_as(COACH, phone=phone)
		page.goto(f"{self.base}/log-a-session/new", wait_until="networkidle")
		page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
		self.assertIn("Log a Session", page.locator("h1, h2, h3").first.inner_text())
		# The coach finds the agreement by the coachee's first name, never by its ID.
		self.choose(page, "agreement", agreement.coachee_name.split()[0])
		self.assertEqual(page.evaluate("() => frappe.web_form.get_value('agreement')"), agreement.name)
		# Each journey logs its own session: the same agreement at the same minute is the same session.
		started = page.evaluate(
			"(moment) => frappe.datetime.str_to_user(moment)",
			str(add_to_date(now_datetime(), hours=-2 if phone else -1).replace(second=0, microsecond=0)),
		)
		page.fill('[data-fieldname="session_start"] input', started)
		page.keyboard.press("Escape")
		page.fill('[data-fieldname="agenda"] textarea', agenda)
		page.fill('[data-fieldname="wins"] textarea', "Said no to an extra project")
		# The action step's fields are all reachable on a phone: each row is a card.
		page.click('[data-fieldname="new_action_steps"] .grid-add-row')
		row = page.locator('[data-fieldname="new_action_steps"] .grid-body .grid-row').first
		self.type_in_cell(page, row, "description", "Ask the director for one priority")
		measure = row.locator('[data-fieldname="measure"] textarea')
		self.assertTrue(measure.is_visible())
		box = measure.bounding_box()
		self.assertLessEqual(
			box["x"] + box["width"], page.viewport_size["width"], "the measure fits the screen"
		)
		measure.fill("Priority written down by Friday")
		self.shot(page, f"coach-log-a-session-{'phone' if phone else 'desktop'}")
		self.submit(
			page, "Session logged", shot=f"coach-log-a-session-saved-{'phone' if phone else 'desktop'}"
		)
		self.fresh()
		session = frappe.db.get_value(
			"Coaching Session",
			{"agreement": agreement.name, "agenda": agenda},
			["name", "coach_user", "status"],
			as_dict=True,
		)
		self.assertTrue(
			session,
			"the session was saved through the web form; the agreement's sessions: "
			+ repr(
				frappe.get_all(
					"Coaching Session",
					{"agreement": agreement.name},
					["name", "agenda", "status", "session_start"],
				)
			),
		)
		self.assertEqual((session.coach_user, session.status), (COACH, "Completed"))
		self.assertEqual(
			frappe.db.get_value("Coaching Action", {"source_name": session.name}, "measure"),
			"Priority written down by Friday",
		)
		if phone:
			# The coach's list of sessions on a phone: a card per session, every value inside the screen.
			page.goto(f"{self.base}/log-a-session/list", wait_until="networkidle")
			card = page.locator(".web-list-table tbody tr").filter(has_text=agreement.coachee_name).first
			card.wait_for(timeout=15000)
			right_edge = page.evaluate(
				"""() => Math.max(...[...document.querySelectorAll('.web-list-table tbody td')]
					.filter((td) => td.offsetParent).map((td) => td.getBoundingClientRect().right))"""
			)
			self.assertLessEqual(right_edge, page.viewport_size["width"], "the list fits the screen")
			self.assertFalse(page.locator(".web-list-table thead").first.is_visible())
			self.shot(page, "coach-sessions-list-phone")
		return agreement.name, session.name

	def test_coach_logs_a_session_and_the_manager_sees_the_relationship_only(self):
		self.log_session_through_the_form(phone=False, agenda="Plan the quarter")
		agreement, name = self.log_session_through_the_form(
			phone=True, agenda="Prepare the budget conversation"
		)

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
		# What each characteristic means is on the form, beside the ratings.
		self.assertIn(demo.CHARACTERISTICS[0][1], page.locator('[data-fieldname="ratings"]').inner_text())
		rows = page.locator('[data-fieldname="ratings"] .grid-body .grid-row')
		for i in range(len(demo.CHARACTERISTICS)):
			self.type_in_cell(page, rows.nth(i), "self_rating", str(1 + i % 5))
			box = rows.nth(i).locator('[data-fieldname="self_rating"] input').bounding_box()
			self.assertLessEqual(box["x"] + box["width"], 390, "the self rating fits a phone's screen")
			# The coach's rating is the coach's: the coachee cannot type into it.
			self.assertTrue(rows.nth(i).locator('[data-fieldname="coach_rating"] input').is_disabled())
		page.fill('[data-fieldname="strengths"] textarea', "Calm under pressure")
		page.fill('[data-fieldname="areas_to_grow"] textarea', "Delegation")
		page.select_option('[data-fieldname="status"] select', "Submitted")
		self.shot(page, "coachee-growth-plan")
		self.submit(page, "Growth plan saved", shot="coachee-growth-plan-saved")
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

	def test_coachee_requests_a_pool_coach_who_accepts_with_a_time(self):
		requester = page = self.page_as(OTHER_COACHEE, phone=True)
		page.goto(f"{self.base}/request-a-coach/new", wait_until="networkidle")
		page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
		self.choose(page, "skill", "Deleg")
		page.fill('[data-fieldname="request_details"] textarea', "Hand over the weekly report")
		self.shot(page, "coachee-request-a-coach-phone")
		self.submit(page, "Request sent")
		self.fresh()
		request = frappe.db.get_value(
			"Coaching Request",
			{"requester": OTHER_COACHEE, "request_details": "Hand over the weekly report"},
			["name", "status"],
			as_dict=True,
		)
		self.assertEqual(request.status, "Open", "the request was filed through the web form")
		coach_user = frappe.db.sql(
			"""select c.user from `tabCoach` c join `tabCoach Skill` s on s.parent = c.name
			where s.skill = 'Delegation' and c.in_coach_pool = 1 and c.status = 'Active' and c.user != %s
			order by c.user limit 1""",
			OTHER_COACHEE,
		)[0][0]

		page = self.page_as(coach_user, phone=True)
		page.goto(f"{self.base}/my-coaching", wait_until="networkidle")
		offer = page.locator(f'.offer[data-request="{request.name}"]')
		self.assertIn("Hand over the weekly report", offer.inner_text())
		offer.locator(".offer-start").fill(
			str(add_to_date(now_datetime(), days=5).replace(hour=10, minute=0))[:16].replace(" ", "T")
		)
		offer.locator(".offer-location").fill("Room 4")
		self.shot(page, "coach-accepts-pool-request-phone")
		with page.expect_navigation(timeout=30000):  # My Coaching reloads once the request is accepted
			offer.locator(".accept-request").click()
		self.fresh()
		accepted = frappe.db.get_value("Coaching Request", request.name, ["status", "session"], as_dict=True)
		self.assertEqual(accepted.status, "Accepted")
		self.assertEqual(frappe.db.get_value("Coaching Session", accepted.session, "location"), "Room 4")

		requester.goto(f"{self.base}/my-coaching", wait_until="networkidle")
		self.assertIn("Accepted by", requester.locator("#my-requests").inner_text())
		self.shot(requester, "coachee-sees-request-accepted-phone")

	def test_both_parties_consent_from_my_coaching(self):
		agreement = frappe.db.get_value(
			"Coaching Agreement",
			{"status": "Awaiting Consent", "program": demo.PROGRAM},
			["name", "coach_user", "coachee_user", "partnership_expectations"],
			as_dict=True,
		)
		for user in (agreement.coachee_user, agreement.coach_user):
			page = self.page_as(user, phone=True)
			page.goto(f"{self.base}/my-coaching", wait_until="networkidle")
			box = page.locator(".consent").first
			# The terms are in front of the person when they consent.
			self.assertIn("keep confidences", box.inner_text())
			self.shot(page, f"consent-{'coach' if user == agreement.coach_user else 'coachee'}-phone")
			with page.expect_navigation(timeout=30000):  # My Coaching reloads once consent is recorded
				box.locator(".give-consent").click()
		self.fresh()
		self.assertEqual(frappe.db.get_value("Coaching Agreement", agreement.name, "status"), "Active")

	def desk_link(self, page, fieldname, typed, pick):
		"""Type into a desk form's link field and click the suggestion that reads `pick`."""
		field = page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first
		field.click()
		field.fill(typed)
		option = page.locator(
			f'.frappe-control[data-fieldname="{fieldname}"] .awesomplete [role="option"]'
		).filter(has_text=pick)
		option.first.wait_for(state="visible", timeout=15000)
		option.first.click()

	def test_staff_write_an_agreement_in_the_desk_and_both_consent_on_their_phones(self):
		coachee = frappe.db.get_value(
			"Coachee", {"user": f"yuki@{demo.DOMAIN}"}, ["name", "full_name", "user"], as_dict=True
		)
		coach = frappe.db.get_value(
			"Coach", {"user": f"daniel@{demo.DOMAIN}"}, ["name", "full_name", "user"], as_dict=True
		)
		page = self.page_as(MANAGER)
		page.goto(f"{self.base}/app/coaching-agreement/new", wait_until="networkidle")
		page.wait_for_selector('.frappe-control[data-fieldname="coach"] input', timeout=30000)
		self.clear_desk_dialogs(page, "manager-new-agreement")
		self.desk_link(page, "program", "Leaders", demo.PROGRAM)
		self.desk_link(page, "coach", coach.full_name.split()[0], coach.full_name)
		self.desk_link(page, "coachee", coachee.full_name.split()[0], coachee.full_name)
		starts = page.evaluate(
			"() => frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.get_today(), 7))"
		)
		page.locator('.frappe-control[data-fieldname="start_date"] input').first.fill(starts)
		page.keyboard.press("Escape")
		page.locator('.frappe-control[data-fieldname="partnership_expectations"] .ql-editor').first.click()
		page.keyboard.type("We meet every other week and keep what is said between us.")
		page.wait_for_function(
			"() => (cur_frm.doc.partnership_expectations || '').includes('keep what is said')", timeout=10000
		)
		self.shot(page, "manager-new-agreement")
		page.locator(".page-head .primary-action").filter(visible=True).first.click()
		try:
			page.wait_for_function("() => cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()", timeout=30000)
		except Exception:
			self.fail(f"the agreement was not saved: {pop_up_text(page)}")
		name = page.evaluate("() => cur_frm.doc.name")
		self.assertEqual(page.evaluate("() => cur_frm.doc.status"), "Draft")
		# The workflow's action, as staff press it.
		page.get_by_role("button", name="Actions").click()
		page.get_by_text("Send for Consent", exact=True).click()
		try:
			page.wait_for_function(
				"() => cur_frm && cur_frm.doc.status === 'Awaiting Consent'", timeout=30000
			)
		except Exception:
			self.fail(f"not sent for consent: {pop_up_text(page)}")
		self.assertEqual(page.locator(".modal.show .msgprint").count(), 0, "no error pops up")
		self.shot(page, "manager-agreement-sent-for-consent")

		for user, label in ((coachee.user, "coachee"), (coach.user, "coach")):
			phone = self.page_as(user, phone=True)
			phone.goto(f"{self.base}/my-coaching", wait_until="networkidle")
			button = phone.locator(f'.give-consent[data-agreement="{name}"]')
			self.assertIn(
				"keep what is said between us", phone.locator(".consent").filter(has=button).inner_text()
			)
			self.shot(phone, f"consent-new-agreement-{label}-phone")
			with phone.expect_navigation(timeout=30000):
				button.click()
		self.fresh()
		self.assertEqual(frappe.db.get_value("Coaching Agreement", name, "status"), "Active")

	def test_a_coach_finds_the_calendar_from_the_desk_and_it_opens_where_the_sessions_are(self):
		coach = frappe.db.get_value("Coach", {"user": OTHER_COACH}, "name")
		sessions = frappe.get_all("Coaching Session", {"coach": coach}, pluck="session_start")
		now = now_datetime()
		this_month = [s for s in sessions if (s.year, s.month) == (now.year, now.month)]
		ahead = sorted(s for s in sessions if s >= now)
		expected = now if this_month else (ahead[0] if ahead else max(sessions))
		page = self.page_as(OTHER_COACH)
		# The coach opens the desk, lands on the Coach Desk and taps the calendar there.
		page.goto(f"{self.base}/app", wait_until="networkidle")
		page.wait_for_url("**/app/coach-desk", timeout=30000)
		self.shot(page, "coach-desk")
		page.get_by_text("Session Calendar", exact=True).first.click()
		page.wait_for_url("**/app/coaching-session/view/calendar**", timeout=30000)
		title = page.locator(".fc-toolbar h2, .fc-toolbar-title").first
		page.wait_for_function(
			"(t) => { const e = document.querySelector('.fc-toolbar h2, .fc-toolbar-title'); return e && e.innerText.includes(t); }",
			arg=expected.strftime("%B %Y"),
			timeout=20000,
		)
		self.assertIn(expected.strftime("%B %Y"), title.inner_text())
		self.shot(page, "coach-calendar")
