"""Demo data: `bench --site SITE execute coaching_app.demo.make_demo` builds a small living program.

Every demo user's email ends in @demo.coaching.invalid, which is how `clear_demo` finds them again.
"""

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

from coaching_app.rules import lifecycle

DOMAIN = "demo.coaching.invalid"
PROGRAM = "Leaders Who Serve"
FRAMEWORK = "Five Core Characteristics"
CHARACTERISTICS = (
	("Integrity", "Keeps promises; words and deeds match."),
	("Courage", "Takes the hard conversation instead of the easy silence."),
	("Compassion", "Sees the person behind the task."),
	("Wisdom", "Weighs options and learns from what happened."),
	("Perseverance", "Keeps going when progress is slow."),
)
SKILLS = ("Public Speaking", "Delegation", "Conflict Resolution", "Career Transitions", "Time Management")
TOPICS = ("Listening", "Goal Setting", "Resilience", "Feedback")
COACHES = (
	("maya", "Maya Okafor", ("Public Speaking", "Conflict Resolution"), 4),
	("daniel", "Daniel Brandt", ("Delegation", "Time Management"), 3),
	("priya", "Priya Raman", ("Career Transitions", "Public Speaking"), 2),
)
COACHEES = (
	"lena Lena Fischer",
	"omar Omar Haddad",
	"sofia Sofia Marques",
	"tom Tom Becker",
	"yuki Yuki Tanaka",
)


def make_demo():
	"""Build the demo program; safe to run twice (it stops if the program already exists)."""
	frappe.only_for(("System Manager", "Administrator"))
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		# The wizard sets the site's time zone: dates made before it would move by hours once it ran.
		frappe.throw(
			frappe._(
				"Finish the setup wizard first (sign in at /app as Administrator): it sets the site's time zone, and the demo's sessions are placed in it."
			),
			title=frappe._("Setup Not Complete"),
		)
	if frappe.db.exists("Coaching Program", PROGRAM):
		print(
			f"Demo program {PROGRAM!r} already exists; run `bench --site SITE coaching-demo --clear` first to rebuild it."
		)
		return
	_masters()
	manager = _user("manager", "Grace Manager", ("Coaching Manager",))
	frappe.get_doc(
		{
			"doctype": "Coaching Program",
			"program_name": PROGRAM,
			"growth_framework": FRAMEWORK,
			"description": "A one-year coaching commitment for new team leads.",
			"managers": [{"user": manager}],
		}
	).insert(ignore_permissions=True)
	coaches = [_coach(*row) for row in COACHES]
	coachees = []
	for entry in COACHEES:
		key, name = entry.split(" ", 1)
		coachees.append(
			frappe.get_doc(
				{
					"doctype": "Coachee",
					"user": _user(key, name, ()),
					"full_name": name,
					"program": PROGRAM,
					"story": "Promoted to team lead this year.",
					"coaching_goals": "Lead meetings with confidence and delegate well.",
				}
			).insert(ignore_permissions=True)
		)
	_agreements(coaches, coachees)
	_resources()
	_coach_training()
	frappe.db.commit()  # static-check: a one-off command run from the shell
	print(f"Demo ready: program {PROGRAM!r}. Sign in as any demo user with password 'demo' (see the README).")


def _user(key: str, full_name: str, roles: tuple[str, ...]) -> str:
	email = f"{key}@{DOMAIN}"
	if not frappe.db.exists("User", email):
		first, _, last = full_name.partition(" ")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last,
				"send_welcome_email": 0,
				"new_password": "demo",
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
	if roles:
		doc = frappe.get_doc("User", email)
		doc.flags.ignore_permissions = True
		doc.add_roles(*roles)
	return email


def _masters():
	if not frappe.db.exists("Growth Framework", FRAMEWORK):
		frappe.get_doc(
			{
				"doctype": "Growth Framework",
				"framework_name": FRAMEWORK,
				"description": "The characteristics every leader in the program grows in.",
				"characteristics": [{"characteristic": c, "description": d} for c, d in CHARACTERISTICS],
			}
		).insert(ignore_permissions=True)
	for skill in SKILLS:
		if not frappe.db.exists("Coaching Skill", skill):
			frappe.get_doc({"doctype": "Coaching Skill", "skill_name": skill}).insert(ignore_permissions=True)
	for topic in TOPICS:
		if not frappe.db.exists("Coaching Topic", topic):
			frappe.get_doc({"doctype": "Coaching Topic", "topic_name": topic}).insert(ignore_permissions=True)


def _coach(key, full_name, skills, capacity):
	return frappe.get_doc(
		{
			"doctype": "Coach",
			"user": _user(key, full_name, ()),
			"full_name": full_name,
			"status": "Active",
			"capacity": capacity,
			"training_completed_on": add_days(today(), -200),
			"in_coach_pool": 1,
			"show_bio_in_pool": 1,
			"bio": f"{full_name} has coached new leaders for years.",
			"programs": [{"program": PROGRAM}],
			"skills": [
				{"skill": s, "level": "Expert" if i == 0 else "Practised"} for i, s in enumerate(skills)
			],
		}
	).insert(ignore_permissions=True)


def _agreement(coach, coachee, start, status):
	doc = frappe.get_doc(
		{
			"doctype": "Coaching Agreement",
			"program": PROGRAM,
			"coach": coach.name,
			"coachee": coachee.name,
			"start_date": start,
			"partnership_expectations": "<p>We meet every other week, keep confidences and come prepared.</p>",
		}
	).insert(ignore_permissions=True)
	if status != lifecycle.DRAFT:
		values = {"status": status, "live_key": lifecycle.live_key(coachee.name, PROGRAM, status)}
		if status != lifecycle.AWAITING_CONSENT:
			consented = get_datetime(start)
			values.update(coach_consented_on=consented, coachee_consented_on=consented)
		frappe.db.set_value("Coaching Agreement", doc.name, values)
		doc.reload()
		doc.on_update()
	return doc


def _agreements(coaches, coachees):
	maya, daniel, priya = coaches
	lena, omar, sofia, tom, yuki = coachees
	running = _agreement(maya, lena, add_days(today(), -120), lifecycle.ACTIVE)
	due = _agreement(daniel, omar, add_days(today(), -350), lifecycle.RENEWAL_DUE)
	_agreement(priya, sofia, add_days(today(), 7), lifecycle.AWAITING_CONSENT)
	_agreement(maya, tom, add_days(today(), 14), lifecycle.DRAFT)
	# Lena and Maya meet every other week up to now (on cadence, a session this month); Omar and Daniel
	# stopped meeting months ago (behind cadence).
	for agreement, weeks in ((running, 9), (due, 10)):
		for week in range(weeks):
			start = add_to_date(get_datetime(agreement.start_date), days=14 * week, hours=10)
			if start > now_datetime():
				break
			session = frappe.get_doc(
				{
					"doctype": "Coaching Session",
					"agreement": agreement.name,
					"session_start": start,
					"status": "Completed",
					"mode": "Video Call",
					"agenda": "Prepare for the quarterly planning meeting.",
					"wins": "Ran the team stand-up without notes.",
					"realities": "Two deadlines collide next month.",
					"obstacles": "Hard to say no to the director.",
				}
			).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Coaching Action",
				"coachee": agreement.coachee,
				"agreement": agreement.name,
				"source_type": "Coaching Session",
				"source_name": session.name,
				"description": "Delegate the weekly report to a team member.",
				"measure": "Report sent by someone else two weeks running.",
				"due_date": add_days(today(), 10),
			}
		).insert(ignore_permissions=True)
		plan = frappe.get_doc(
			{"doctype": "Growth Plan", "coachee": agreement.coachee, "agreement": agreement.name}
		)
		plan.insert(ignore_permissions=True)
		for i, row in enumerate(plan.ratings):
			row.self_rating = 2 + i % 3
			row.coach_rating = 3 + i % 2
		plan.strengths = "Warm, trusted by the team."
		plan.areas_to_grow = "Delegation; saying no."
		plan.status = "Submitted"
		plan.save(ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": "Coaching Session",
			"agreement": running.name,
			"session_start": add_to_date(getdate(add_days(today(), 5)), hours=10, as_datetime=True),
			"status": "Scheduled",
			"mode": "Video Call",
		}
	).insert(ignore_permissions=True)
	_feedback_round((running, due))
	_coach_who_was_a_coachee(priya, maya)
	# Yuki waits for a coach: a coach-pool request nobody has taken yet.
	frappe.get_doc(
		{
			"doctype": "Coaching Request",
			"requester": yuki.user,
			"coachee": yuki.name,
			"skill": "Public Speaking",
			"request_details": "A conference talk in six weeks.",
		}
	).insert(ignore_permissions=True)


def _feedback_round(agreements):
	"""This year's feedback round, open, with named answers from both sides of each running relationship."""
	from coaching_app.feedback import request_feedback

	round_ = frappe.get_doc(
		{
			"doctype": "Coaching Feedback Round",
			"title": f"Feedback {getdate(today()).year}",
			"round_type": "Program",
			"program": PROGRAM,
			"opens_on": add_days(today(), -3),
			"closes_on": add_days(today(), 25),
		}
	).insert(ignore_permissions=True)
	request_feedback(round_.name, [a.name for a in agreements])
	frappe.db.set_value("Coaching Feedback Round", round_.name, "status", "Open")
	ratings = {"Coach": (5, 4, 4), "Coachee": (5, 5, 4)}
	for feedback in frappe.get_all(
		"Coaching Feedback", filters={"round": round_.name}, fields=["name", "respondent_role", "agreement"]
	):
		if feedback.agreement != agreements[0].name and feedback.respondent_role == "Coach":
			continue  # Daniel has not answered yet: the reminder job has someone to remind
		overall, relationship, progress = ratings[feedback.respondent_role]
		frappe.db.set_value(
			"Coaching Feedback",
			feedback.name,
			{
				"status": "Submitted",
				"submitted_on": now_datetime(),
				"overall_rating": overall,
				"relationship_rating": relationship,
				"progress_rating": progress,
				"comments": "Honest conversations that lead somewhere.",
			},
		)


def _coach_who_was_a_coachee(coach, former_coach):
	"""Priya was coached by Maya before she became a coach: the coaching culture the program grows."""
	coachee = frappe.get_doc(
		{
			"doctype": "Coachee",
			"user": coach.user,
			"full_name": coach.full_name,
			"program": PROGRAM,
			"story": "Joined as a new team lead two years ago.",
		}
	).insert(ignore_permissions=True)
	_agreement(former_coach, coachee, add_days(today(), -800), lifecycle.COMPLETED)
	frappe.db.set_value("Coach", coach.name, "grew_from_coachee", coachee.name)
	frappe.db.set_value("Coachee", coachee.name, "became_coach", coach.name)


def _resources():
	for title, topic, url in (
		("Listening to understand", "Listening", "https://example.com/listening"),
		("Writing goals you can measure", "Goal Setting", "https://example.com/goals"),
		("Bouncing back after a setback", "Resilience", "https://example.com/resilience"),
	):
		frappe.get_doc(
			{
				"doctype": "Coaching Resource",
				"title": title,
				"url": url,
				"published": 1,
				"topics": [{"topic": topic}],
			}
		).insert(ignore_permissions=True)


def _coach_training():
	"""Three short modules: every demo coachee can press Become a coach on My Coaching and work through them."""
	program = frappe.get_doc("Coaching Program", PROGRAM)
	listening = frappe.db.get_value("Coaching Resource", {"title": "Listening to understand"}, "name")
	for module in (
		{
			"module_title": "What coaching is",
			"material": "<p>Coaching is a partnership: the person coached sets the agenda and owns the actions; "
			"the coach asks, listens and holds the space. It is kept apart from performance evaluation.</p>",
			"question": "Think of someone who helped you grow. What did they do that made the difference?",
			"min_words": 10,
		},
		{
			"module_title": "Listening",
			"material": "<p>Listen to understand, not to answer. Read the library article, then answer the check.</p>",
			"resource": listening,
			"question": "Your coachee pauses after a hard question. What do you do?",
			"answer_options": "Suggest an answer to help\nWait and let the silence work\nMove to the next topic",
			"correct_answer": "Wait and let the silence work",
		},
		{
			"module_title": "Action steps that can be measured",
			"material": "<p>Every session ends with one or two action steps, each with how you will know it is done.</p>",
			"question": "Write one action step you would agree with a coachee, and how you would both know it is done.",
			"min_words": 12,
		},
	):
		program.append("coach_training_modules", module)
	program.flags.ignore_permissions = True
	program.save()
	# Priya, already a coach, has started the training the program now asks of its coaches: one module done.
	from coaching_app import training

	priya = f"priya@{DOMAIN}"
	training.start_for(priya, PROGRAM)
	first = training.program_modules(PROGRAM)[0].name
	previous = frappe.session.user
	frappe.set_user(priya)
	try:
		training.answer_module(PROGRAM, first, "My first team lead asked what I wanted to learn and listened")
	finally:
		frappe.set_user(previous)


def clear_demo():
	"""Remove the demo program and everything that belongs to it."""
	frappe.only_for(("System Manager", "Administrator"))
	agreements = frappe.get_all("Coaching Agreement", {"program": PROGRAM}, pluck="name") or [""]
	coachees = frappe.get_all("Coachee", {"program": PROGRAM}, pluck="name") or [""]
	coaches = frappe.get_all("Coach", {"user": ("like", f"%@{DOMAIN}")}, pluck="name") or [""]
	# Coach-pool bookings have no agreement: they go with the demo coaches.
	sessions = sorted(
		set(frappe.get_all("Coaching Session", {"agreement": ("in", agreements)}, pluck="name"))
		| set(frappe.get_all("Coaching Session", {"coach": ("in", coaches)}, pluck="name"))
	) or [""]
	plans = frappe.get_all("Growth Plan", {"coachee": ("in", coachees)}, pluck="name") or [""]
	resources = frappe.get_all(
		"Coaching Resource", {"url": ("like", "https://example.com/%")}, pluck="name"
	) or [""]
	notes = frappe.get_all("Coaching Note", {"session": ("in", sessions)}, pluck="name")
	# Files on the demo's records go with them, from the disk too.
	for attached_to, names in (("Coaching Note", notes), ("Coaching Session", sessions), ("Coach", coaches)):
		for file in frappe.get_all(
			"File",
			{"attached_to_doctype": attached_to, "attached_to_name": ("in", names or [""])},
			pluck="name",
		):
			frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	for file in frappe.get_all("File", {"owner": ("like", f"%@{DOMAIN}"), "is_folder": 0}, pluck="name"):
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	frappe.db.delete("Coaching Calendar Feed", {"user": ("like", f"%@{DOMAIN}")})
	trainings = frappe.get_all("Coach Training Progress", {"program": PROGRAM}, pluck="name") or [""]
	for doctype, filters in (
		("Coach Training Answer", {"parent": ("in", trainings)}),
		("Coach Training Progress", {"name": ("in", trainings)}),
		("Coaching Note", {"session": ("in", sessions)}),
		("Coaching Feedback", {"agreement": ("in", agreements)}),
		("Coaching Feedback Round", {"program": PROGRAM}),
		("Coaching Session Resource", {"parent": ("in", sessions)}),
		("Coaching Session", {"name": ("in", sessions)}),
		("Coaching Action", {"coachee": ("in", coachees)}),
		("Growth Plan Rating", {"parent": ("in", plans)}),
		("Growth Plan", {"name": ("in", plans)}),
		("Coaching Request", {"requester": ("like", f"%@{DOMAIN}")}),
		("Coaching Agreement", {"name": ("in", agreements)}),
		("Coachee Goal Skill", {"parent": ("in", coachees)}),
		("Coachee", {"name": ("in", coachees)}),
		("Coach Skill", {"parent": ("in", coaches)}),
		("Coach Program", {"parent": ("in", coaches)}),
		("Coach", {"name": ("in", coaches)}),
		("Coaching Resource Topic", {"parent": ("in", resources)}),
		("Coaching Resource", {"name": ("in", resources)}),
	):
		frappe.db.delete(doctype, filters)
	frappe.delete_doc("Coaching Program", PROGRAM, ignore_missing=True, force=True, ignore_permissions=True)
	# Masters the demo brought, unless something else has come to use them since.
	for doctype, names in (
		("Growth Framework", [FRAMEWORK]),
		("Coaching Skill", SKILLS),
		("Coaching Topic", TOPICS),
	):
		for name in names:
			try:
				frappe.delete_doc(doctype, name, ignore_missing=True, ignore_permissions=True)
			except frappe.LinkExistsError:
				frappe.clear_last_message()
	for user in frappe.get_all("User", {"name": ("like", f"%@{DOMAIN}")}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # static-check: a one-off command run from the shell
	print("Demo data removed.")
