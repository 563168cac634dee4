"""Coach training: a program defines its modules, a member starts the training from My Coaching, works through
the modules in order with her answers kept, and completing it records the training on her Coach record and
tells the program's staff, who alone (with her) read the answers. A program may require the training from its
coaches by a date; after it, those without it are offered no new coachees or pool requests."""

import frappe
from frappe.utils import add_days, set_request, today
from frappe.website.serve import get_response_content

from coaching_app import training
from coaching_app.access.permissions import offered_condition, stored_row_visible
from coaching_app.coaching.dashboard import in_coach_training
from coaching_app.coaching.report.coach_training import coach_training as report
from coaching_app.matching import pool_coaches, suggest_coaches
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	make_coach,
	make_coachee,
	make_program,
	make_skill,
	make_user,
)

RIGHT = "Wait and let the silence work"
MODULES = [
	{
		"module_title": "What coaching is",
		"material": "<p>Coaching is a partnership.</p><script>alert(1)</script>",
		"video_url": "https://video.example.com/coaching",
		"question": "Who helped you grow, and how?",
		"min_words": 5,
	},
	{
		"module_title": "Listening",
		"material": "<p>Listen to understand.</p>",
		"question": "Your coachee pauses. What do you do?",
		"answer_options": f"Suggest an answer\n{RIGHT}\nMove on",
		"correct_answer": RIGHT,
	},
	{
		"module_title": "Action steps",
		"question": "Write one measurable action step.",
		"min_words": 3,
	},
]


def page(path, **query):
	set_request(method="GET", path=path)
	frappe.form_dict.update(query)
	try:
		return get_response_content(path)
	finally:
		for key in query:
			frappe.form_dict.pop(key, None)


def training_program(manager=None, **values):
	return make_program(
		coach_training_modules=[dict(module) for module in MODULES],
		managers=[{"user": manager}] if manager else [],
		**values,
	)


def module_names(program: str) -> list[str]:
	return [row.name for row in training.program_modules(program)]


def answer_all(program: str, user: str) -> None:
	"""`user` answers every module of the program's training, as the training page posts them."""
	first, second, third = module_names(program)
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		training.answer_module(program, first, "My first manager listened to me every week")
		training.answer_module(program, second, RIGHT)
		training.answer_module(program, third, "Rehearse the talk twice")
	finally:
		frappe.set_user(previous)


class PageAssertions:
	"""Page checks that name the missing text, not the whole page, when they fail."""

	def assertOnPage(self, text: str, html: str):
		self.assertTrue(text in html, f"{text!r} is not on the page")

	def assertNotOnPage(self, text: str, html: str):
		self.assertFalse(text in html, f"{text!r} is on the page")


class TestCoachTraining(PageAssertions, CoachingTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_user(roles=("Coaching Manager",))
		cls.other_manager = make_user(roles=("Coaching Manager",))
		cls.program = training_program(cls.manager).name
		cls.other_program = training_program(cls.other_manager).name

	def test_staff_write_modules_that_can_be_answered(self):
		program = frappe.get_doc("Coaching Program", self.program)
		program.coach_training_modules[1].correct_answer = "Something else"
		self.assertRaisesRegex(frappe.ValidationError, "must be one of the options", program.save)
		program.reload()
		program.coach_training_modules[1].answer_options = "Only one"
		self.assertRaisesRegex(frappe.ValidationError, "at least two options", program.save)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Add the training modules",
			make_program,
			coach_training_required_by=add_days(today(), 30),
		)

	def test_a_coachee_becomes_a_coach_through_the_training(self):
		coachee = make_coachee(self.program)
		user = coachee.user
		first, second, third = module_names(self.program)
		with self.set_user(user):
			self.assertOnPage("Become a coach", page("my-coaching"))
			started = training.start_training(self.program)
			# A second press (a double tap) is the same training.
			self.assertEqual(training.start_training(self.program)["progress"], started["progress"])
		coach = frappe.get_doc("Coach", {"user": user})
		self.assertEqual(coach.status, "In Training")
		self.assertEqual(coach.grew_from_coachee, coachee.name)
		self.assertEqual([row.program for row in coach.programs], [self.program])
		self.assertEqual(frappe.db.get_value("Coachee", coachee.name, "became_coach"), coach.name)
		self.assertEqual(frappe.db.count("Coach Training Progress", {"user": user}), 1)

		with self.set_user(user):
			html = page("coach-training", program=self.program)
			self.assertOnPage("Module 1: What coaching is", html)
			self.assertOnPage("Coaching is a partnership.", html)
			self.assertNotOnPage("<script>alert(1)</script>", html)
			self.assertOnPage("https://video.example.com/coaching", html)
			self.assertOnPage("0 of 3 modules done", html)
			self.assertRaisesRegex(
				frappe.ValidationError,
				"modules before this one",
				training.answer_module,
				self.program,
				second,
				RIGHT,
			)
			self.assertRaisesRegex(
				frappe.ValidationError,
				"at least 5 words",
				training.answer_module,
				self.program,
				first,
				"Too short",
			)
			result = training.answer_module(self.program, first, "My first manager listened to me every week")
			self.assertEqual((result["done"], result["total"], result["next_module"]), (1, 3, second))
			self.assertRaisesRegex(
				frappe.ValidationError,
				"Choose one of the options",
				training.answer_module,
				self.program,
				second,
				"Shout",
			)
			wrong = training.answer_module(self.program, second, "Move on")
			self.assertFalse(wrong["passed"])
			self.assertIn("Not quite", wrong["message"])
			self.assertEqual(wrong["done"], 1)
			self.assertTrue(training.answer_module(self.program, second, RIGHT)["passed"])
			html = page("coach-training", program=self.program)
			self.assertOnPage("2 of 3 modules done", html)
			self.assertOnPage("Module 3: Action steps", html)
			self.assertOnPage("Continue the training", page("my-coaching"))

		progress = frappe.get_doc("Coach Training Progress", started["progress"])
		listening = next(row for row in progress.answers if row.module == second)
		self.assertEqual((listening.answer, listening.attempts, listening.passed), (RIGHT, 2, 1))

		# The last module completes the training: date and answers on her Coach record, staff told.
		with self.set_user(user):
			done = training.answer_module(self.program, third, "Rehearse the talk twice")
		self.assertTrue(done["completed"])
		coach.reload()
		self.assertEqual(str(coach.training_completed_on), today())
		self.assertEqual(coach.training_record, started["progress"])
		self.assertEqual(coach.status, "In Training")
		told = set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "Coach Training Progress", "document_name": started["progress"]},
				pluck="for_user",
			)
		)
		self.assertIn(self.manager, told)
		self.assertNotIn(self.other_manager, told)
		with self.set_user(user):
			self.assertRaisesRegex(
				frappe.ValidationError,
				"completed this training",
				training.answer_module,
				self.program,
				third,
				"Again and again",
			)
			self.assertOnPage("are reading your answers", page("my-coaching"))
			self.assertOnPage("Training complete", page("coach-training", program=self.program))

		# Staff read the answers, then make her Active: the training gate is met.
		with self.set_user(self.manager):
			rows = report.execute({"program": self.program})[1]
			row = next(r for r in rows if r["progress"] == started["progress"])
			self.assertEqual(
				(row["modules_done"], row["modules_total"], row["waiting_for_review"]), (3, 3, 1)
			)
			staff_coach = frappe.get_doc("Coach", coach.name)
			staff_coach.status = "Active"
			staff_coach.save()
		self.assertEqual(frappe.db.get_value("Coach", coach.name, "status"), "Active")

	def test_only_members_start_and_only_the_learner_and_program_staff_read_the_answers(self):
		learner = make_coachee(self.program).user
		stranger = make_coachee(self.other_program).user
		outsider = make_user()
		for user in (stranger, outsider):
			with self.set_user(user):
				self.assertRaises(frappe.PermissionError, training.start_training, self.program)
				self.assertRaises(
					frappe.PermissionError,
					training.answer_module,
					self.program,
					module_names(self.program)[0],
					"x",
				)
		with self.set_user("Guest"):
			self.assertRaises(frappe.PermissionError, training.start_training, self.program)
		with self.set_user(learner):
			name = training.start_training(self.program)["progress"]
			training.answer_module(
				self.program, module_names(self.program)[0], "A private memory of a mentor who cared"
			)
		for user, readable in (
			(learner, True),
			(self.manager, True),
			("Administrator", True),
			(self.other_manager, False),
			(stranger, False),
			(outsider, False),
		):
			self.assertEqual(
				frappe.has_permission("Coach Training Progress", "read", name, user=user), readable, user
			)
			with self.set_user(user):
				try:
					listed = frappe.get_list("Coach Training Progress", pluck="name")
				except frappe.PermissionError:  # no role that reads trainings at all
					listed = []
				self.assertEqual(name in listed, readable, user)
				answers = (
					frappe.get_list(
						"Coach Training Answer",
						filters={"parent": name},
						fields=["answer"],
						parent_doctype="Coach Training Progress",
					)
					if readable
					else []
				)
				if readable:
					self.assertIn("A private memory of a mentor who cared", [a.answer for a in answers], user)
		# Nobody edits the answers in the desk or over REST: they change only through the training.
		for user in (learner, self.manager):
			self.assertFalse(frappe.has_permission("Coach Training Progress", "write", name, user=user), user)
		with self.set_user(self.other_manager):
			self.assertNotIn(name, [r.get("progress") for r in report.execute({})[1]])
			self.assertRaises(frappe.PermissionError, report.execute, {"program": self.program})

	def test_promote_to_coach_from_the_desk_starts_the_training(self):
		coachee = make_coachee(self.program)
		with self.set_user(self.manager):
			coach = frappe.get_doc("Coachee", coachee.name).promote_to_coach()
		self.assertEqual(frappe.db.get_value("Coach", coach, "status"), "In Training")
		self.assertTrue(
			frappe.db.exists(
				"Coach Training Progress", {"user": coachee.user, "program": self.program, "coach": coach}
			)
		)
		with self.set_user(coachee.user):
			self.assertOnPage("Continue the training", page("my-coaching"))

	def test_one_training_per_person_and_program(self):
		user = make_coachee(self.program).user
		first = training.start_for(user, self.program)
		self.assertEqual(training.start_for(user, self.program), first)
		duplicate = frappe.get_doc(
			{"doctype": "Coach Training Progress", "user": user, "program": self.program, "full_name": "x"}
		)
		self.assertRaises(frappe.DuplicateEntryError, duplicate.insert, ignore_permissions=True)

	def test_a_training_without_a_date_keeps_no_coach_from_new_coachees(self):
		skill = make_skill()
		coach = make_coach(skills=[{"skill": skill}], programs=[{"program": self.program}], in_coach_pool=1)
		coachee = make_coachee(self.program, goal_skills=[{"skill": skill}])
		self.assertNotIn(coach.name, training.overdue_coaches())
		self.assertIn(coach.name, [c.name for c in pool_coaches()])
		with self.set_user(self.manager):
			self.assertIn(coach.name, [row["coach"] for row in suggest_coaches(coachee.name, limit=50)])

	def test_in_training_figures_count_the_callers_programs(self):
		user = make_coachee(self.program).user
		training.start_for(user, self.program)
		with self.set_user(self.manager):
			mine = in_coach_training()
		with self.set_user(self.other_manager):
			theirs = in_coach_training()
		self.assertEqual(
			mine,
			frappe.db.count("Coach Training Progress", {"program": self.program, "status": "In Progress"}),
		)
		self.assertEqual(
			theirs,
			frappe.db.count(
				"Coach Training Progress", {"program": self.other_program, "status": "In Progress"}
			),
		)
		with self.set_user(make_coachee(self.program).user):
			self.assertRaises(frappe.PermissionError, in_coach_training)


class TestRequiredTraining(PageAssertions, CoachingTestCase):
	"""A program requires the training from its existing coaches by a date."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_user(roles=("Coaching Manager",))
		cls.program = training_program(cls.manager, coach_training_required_by=add_days(today(), -1)).name
		cls.skill = make_skill()
		cls.untrained = make_coach(
			in_coach_pool=1,
			skills=[{"skill": cls.skill}],
			programs=[{"program": cls.program}],
			full_name="Untrained Coach",
		)
		cls.trained = make_coach(
			in_coach_pool=1,
			skills=[{"skill": cls.skill}],
			programs=[{"program": cls.program}],
			full_name="Trained Coach",
		)
		training.start_for(cls.trained.user, cls.program)
		answer_all(cls.program, cls.trained.user)
		cls.coachee = make_coachee(cls.program, goal_skills=[{"skill": cls.skill}])
		cls.request = frappe.get_doc(
			{
				"doctype": "Coaching Request",
				"requester": make_user(),
				"skill": cls.skill,
				"request_details": "Help",
			}
		).insert(ignore_permissions=True)

	def offered(self, coach) -> bool:
		return stored_row_visible(
			"Coaching Request", self.request.name, offered_condition(coach.name, coach.user)
		)

	def test_after_the_date_untrained_coaches_get_no_new_coachees_or_pool_requests(self):
		with self.set_user(self.manager):
			suggested = [row["coach"] for row in suggest_coaches(self.coachee.name, limit=50)]
		self.assertIn(self.trained.name, suggested)
		self.assertNotIn(self.untrained.name, suggested)
		self.assertTrue(self.offered(self.trained))
		self.assertFalse(self.offered(self.untrained))
		pool = [coach.name for coach in pool_coaches()]
		self.assertIn(self.trained.name, pool)
		self.assertNotIn(self.untrained.name, pool)
		with self.set_user(self.untrained.user):
			self.assertNotOnPage("Requests for you", page("my-coaching"))
		with self.set_user(self.trained.user):
			self.assertOnPage("Requests for you", page("my-coaching"))
		# Nor can a requester name her.
		named = frappe.get_doc(
			{
				"doctype": "Coaching Request",
				"requester": make_user(),
				"skill": self.skill,
				"preferred_coach": self.untrained.name,
			}
		)
		self.assertRaisesRegex(
			frappe.ValidationError, "not taking coach-pool bookings", named.insert, ignore_permissions=True
		)

	def test_staff_see_who_has_not_completed_it(self):
		with self.set_user(self.manager):
			rows = report.execute({"program": self.program})[1]
		untrained = next(r for r in rows if r["coach"] == self.untrained.name)
		self.assertEqual((untrained["raw_status"], untrained["overdue"]), ("Not Started", 1))
		trained = next(r for r in rows if r["coach"] == self.trained.name)
		self.assertEqual((trained["raw_status"], trained["overdue"]), ("Completed", 0))
		with self.set_user(self.manager):
			overdue_only = report.execute({"program": self.program, "only_overdue": 1})[1]
		self.assertEqual({r["coach"] for r in overdue_only}, {self.untrained.name})

	def test_before_the_date_every_coach_is_still_offered(self):
		frappe.db.set_value(
			"Coaching Program", self.program, "coach_training_required_by", add_days(today(), 10)
		)
		try:
			self.assertTrue(self.offered(self.untrained))
			with self.set_user(self.manager):
				suggested = [row["coach"] for row in suggest_coaches(self.coachee.name, limit=50)]
			self.assertIn(self.untrained.name, suggested)
		finally:
			frappe.db.set_value(
				"Coaching Program", self.program, "coach_training_required_by", add_days(today(), -1)
			)

	def test_an_existing_coach_who_completes_it_is_offered_again(self):
		coach = make_coach(
			in_coach_pool=1, skills=[{"skill": self.skill}], programs=[{"program": self.program}]
		)
		self.assertFalse(self.offered(coach))
		with self.set_user(coach.user):
			self.assertOnPage("Start the training", page("my-coaching"))
			training.start_training(self.program)
		answer_all(self.program, coach.user)
		self.assertTrue(self.offered(coach))
		# An active coach stays active; the training date is the new one.
		self.assertEqual(
			frappe.db.get_value("Coach", coach.name, ["status", "training_completed_on"]),
			("Active", frappe.utils.getdate(today())),
		)
