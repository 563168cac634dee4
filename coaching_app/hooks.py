app_name = "coaching_app"
app_title = "Coaching"
app_publisher = "coaching_app contributors"
app_description = (
	"Coaching and mentoring programs: agreements, sessions, growth plans, coach pool and feedback"
)
app_email = "maintainers@coaching-app.invalid"
app_license = "MIT"
app_icon = "octicon octicon-heart"
app_color = "#2f855a"

required_apps = []

# Underscored, so Frappe does not read these tables themselves as hooks.
from coaching_app.rules import access as _access
from coaching_app.rules import lifecycle as _lifecycle

export_python_type_annotations = True

# Installation
# ------------
before_install = "coaching_app.install.before_install"
after_install = "coaching_app.install.after_install"
after_migrate = "coaching_app.install.after_migrate"
before_uninstall = "coaching_app.install.before_uninstall"

# Fixtures: only the records this app owns, so an export never sweeps in a site's own roles or workflows.
fixtures = [
	{"dt": "Role", "filters": [["name", "in", [_lifecycle.MANAGER, _lifecycle.COACH, _lifecycle.COACHEE]]]},
	{"dt": "Workflow State", "filters": [["name", "in", list(_lifecycle.STATES)]]},
	{
		"dt": "Workflow Action Master",
		"filters": [["name", "in", sorted({t.action for t in _lifecycle.TRANSITIONS})]],
	},
	{"dt": "Workflow", "filters": [["name", "in", ["Coaching Agreement Lifecycle"]]]},
]

# Permissions: record-level access for coaches and coachees
# ----------------------------------------------------------
permission_query_conditions = {
	"Coach": "coaching_app.access.permissions.coach_query",
	"Coachee": "coaching_app.access.permissions.coachee_query",
	"Coaching Agreement": "coaching_app.access.permissions.agreement_query",
	"Coaching Session": "coaching_app.access.permissions.session_query",
	"Growth Plan": "coaching_app.access.permissions.growth_plan_query",
	"Coaching Action": "coaching_app.access.permissions.action_query",
	"Coaching Note": "coaching_app.access.permissions.note_query",
	"Coaching Request": "coaching_app.access.permissions.request_query",
	"Coaching Feedback": "coaching_app.access.permissions.feedback_query",
	"Coaching Resource": "coaching_app.access.permissions.resource_query",
	"Coaching Calendar Feed": "coaching_app.access.permissions.calendar_feed_query",
	"Coach Training Progress": "coaching_app.access.permissions.training_query",
	# Child rows are read with their parent; Frappe checks only the parent's role permission.
	**{child: "coaching_app.access.permissions.child_query" for child in _access.CHILD_TABLE_PARENTS},
	# Frappe's rows about a coaching record (history, comments, assignments, files, emails).
	**{table: "coaching_app.access.permissions.reference_query" for table in _access.REFERENCE_COLUMNS},
	_access.DELETED_COPY[0]: "coaching_app.access.permissions.deleted_copy_query",
	# A Coaching Manager who is not a System Manager lists the programs she runs (and takes part in).
	"Coaching Program": "coaching_app.access.permissions.program_query",
}

has_permission = {
	"Coach": "coaching_app.access.permissions.has_coach_permission",
	"Coachee": "coaching_app.access.permissions.has_coachee_permission",
	"Coaching Agreement": "coaching_app.access.permissions.has_agreement_permission",
	"Coaching Session": "coaching_app.access.permissions.has_session_permission",
	"Growth Plan": "coaching_app.access.permissions.has_growth_plan_permission",
	"Coaching Action": "coaching_app.access.permissions.has_action_permission",
	"Coaching Note": "coaching_app.access.permissions.has_note_permission",
	"Coaching Request": "coaching_app.access.permissions.has_request_permission",
	"Coaching Feedback": "coaching_app.access.permissions.has_feedback_permission",
	"Coaching Resource": "coaching_app.access.permissions.has_resource_permission",
	"Coaching Calendar Feed": "coaching_app.access.permissions.has_calendar_feed_permission",
	"Coach Training Progress": "coaching_app.access.permissions.has_training_permission",
	**{
		table: "coaching_app.access.permissions.has_reference_permission"
		for table in _access.REFERENCE_COLUMNS
	},
	_access.DELETED_COPY[0]: "coaching_app.access.permissions.has_deleted_copy_permission",
	"Coaching Program": "coaching_app.access.permissions.has_program_permission",
}

# Coaching records are reached through the coaching relationship, never handed on by sharing, and a file on
# a private note is served only to those who may read the note.
doc_events = {
	"DocShare": {"validate": "coaching_app.access.permissions.refuse_sharing_private_records"},
	"File": {"validate": "coaching_app.access.permissions.check_file"},
	# Figures on coaching tables come from the app's own reports, cards and chart (coaching_app/access/charts.py).
	"Dashboard Chart": {"validate": "coaching_app.access.charts.refuse_charts_on_coaching_tables"},
	"Number Card": {"validate": "coaching_app.access.charts.refuse_charts_on_coaching_tables"},
	# Fields staff or the app own stay as stored when anyone else saves (rules/access.py OWNED_FIELDS).
	**{
		doctype: {"before_validate": "coaching_app.access.permissions.keep_owned_fields"}
		for doctype in {**_access.OWNED_FIELDS, **_access.COACHEE_CHOICE_FIELDS}
	},
}

# Staff write only into the programs they run, and only System Managers say who runs a program
# (coaching_app/access/write_scope.py).
for _doctype in ("Coaching Agreement", "Coachee", "Coaching Session", "Coaching Feedback Round"):
	doc_events.setdefault(_doctype, {})["validate"] = (
		"coaching_app.access.write_scope.check_program_of_record"
	)
doc_events.setdefault("Coach", {})["validate"] = "coaching_app.access.write_scope.check_coach"
doc_events.setdefault("Coaching Program", {})["validate"] = "coaching_app.access.write_scope.check_program"

# Every value a coaching DocType receives is checked before the database sees it: dates that exist, numbers
# where numbers belong, text that fits its column (coaching_app/input_checks.py). A tuple key adds the check
# to each of these DocTypes next to the handlers above.
doc_events[
	(
		"Coach",
		"Coachee",
		"Coaching Action",
		"Coaching Agreement",
		"Coaching Calendar Feed",
		"Coaching Feedback",
		"Coaching Feedback Round",
		"Coaching Note",
		"Coaching Program",
		"Coaching Request",
		"Coaching Resource",
		"Coaching Session",
		"Coaching Settings",
		"Coaching Skill",
		"Coaching Topic",
		"Growth Framework",
		"Growth Plan",
	)
] = {"before_validate": "coaching_app.input_checks.check_document"}

# A deletion request's last step renames the User: then the person's words in coaching child rows and the
# history of her coaching records go too (coaching_app/personal_data.py).
doc_events.setdefault("User", {})["after_rename"] = "coaching_app.personal_data.forget_after_deletion"

# Frappe endpoints that read any DocType's rows past the record-level hooks answer for coaching tables only
# from rows the caller can list; other DocTypes are passed to Frappe unchanged (see coaching_app/access/guard.py).
override_whitelisted_methods = {
	"frappe.client.get_count": "coaching_app.access.guard.get_count",
	"frappe.desk.listview.get_group_by_count": "coaching_app.access.guard.get_group_by_count",
	"frappe.desk.search.search_link": "coaching_app.access.guard.search_link",
	"frappe.desk.search.search_widget": "coaching_app.access.guard.search_widget",
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": (
		"coaching_app.access.guard.get_workflow_state_count"
	),
}

# Arguments that would carry a query into Frappe's SQL, and Frappe endpoints that answer about a named record
# after a role check only, are refused before the endpoint runs (see coaching_app/access/guard.py).
before_request = [
	"coaching_app.access.guard.check_request",
	"coaching_app.navigation.keep_website_users_out_of_desk",
	"coaching_app.navigation.send_home_after_login_request",
]

# The app's notifications reach the desk even before the site sends email (coaching_app/notification_delivery.py).
override_doctype_class = {"Notification": "coaching_app.notification_delivery.CoachingNotification"}

# Portal
# ------
# The app's pages, by role: Frappe adds them to the portal sidebar on every request (they are not stored in
# Portal Settings); coaching_app.navigation lists each page once and puts them in the avatar menu on phones.
portal_menu_items = [
	{"title": "My Coaching", "route": "/my-coaching", "role": "Coachee"},
	{"title": "My Coaching", "route": "/my-coaching", "role": "Coach"},
	{"title": "My Growth Plan", "route": "/my-growth-plan", "role": "Coachee"},
	{"title": "Log a Session", "route": "/log-a-session", "role": "Coach"},
	{"title": "My Sessions", "route": "/my-sessions", "role": "Coachee"},
	{"title": "My Sessions", "route": "/my-sessions", "role": "Coach"},
	{"title": "Resource Library", "route": "/coaching-resources", "role": "Coachee"},
	{"title": "Resource Library", "route": "/coaching-resources", "role": "Coach"},
	{"title": "Coach Pool", "route": "/coach-pool", "role": "Coachee"},
	{"title": "Coach Pool", "route": "/coach-pool", "role": "Coach"},
	{"title": "Coaching Feedback", "route": "/coaching-feedback", "role": "Coachee"},
	{"title": "Coaching Feedback", "route": "/coaching-feedback", "role": "Coach"},
]
update_website_context = ["coaching_app.navigation.update_website_context"]

# After signing in, coaches and coachees land on My Coaching and staff on the Coaching workspace
# (coaching_app.navigation). The site's home page is left alone: a role home page would also apply to
# Administrator, who holds every role, and would stand over the site's own home page.
on_session_creation = ["coaching_app.navigation.send_home_after_login"]
boot_session = "coaching_app.navigation.boot_session"

# Personal data: what Frappe's Personal Data Download includes and its Deletion Request redacts.
# Records shared by two people list each person's own side; counts and dates stay for reports.
user_data_fields = [
	{
		"doctype": "Coach",
		"filter_by": "user",
		"redact_fields": ["full_name", "bio", "story", "passions", "what_i_bring", "training_evidence"],
	},
	{
		"doctype": "Coachee",
		"filter_by": "user",
		"redact_fields": ["full_name", "story", "passions", "dreams", "coaching_goals"],
	},
	{"doctype": "Coaching Agreement", "filter_by": "coach_user", "redact_fields": ["coach_name", "title"]},
	{
		"doctype": "Coaching Agreement",
		"filter_by": "coachee_user",
		"redact_fields": ["coachee_name", "title", "notes", "end_reason", "capacity_override_reason"],
	},
	{"doctype": "Coaching Session", "filter_by": "coach_user", "redact_fields": ["coach_name"]},
	{
		"doctype": "Coaching Session",
		"filter_by": "coachee_user",
		"redact_fields": [
			"coachee_name",
			"agenda",
			"wins",
			"realities",
			"obstacles",
			"shared_notes",
			"coachee_takeaway",
			"coachee_next",
		],
	},
	{
		"doctype": "Growth Plan",
		"filter_by": "coachee_user",
		"redact_fields": ["coachee_name", "strengths", "areas_to_grow", "action_plan"],
	},
	{
		"doctype": "Coaching Action",
		"filter_by": "coachee_user",
		"redact_fields": ["coachee_name", "description", "measure", "review_notes"],
	},
	{
		"doctype": "Coaching Request",
		"filter_by": "requester",
		"redact_fields": ["requester_name", "request_details", "decline_reason"],
	},
	{"doctype": "Coaching Feedback", "filter_by": "respondent", "redact_fields": ["comments"]},
	# A private note goes to its author's download only, and its text is removed on deletion.
	{"doctype": "Coaching Note", "filter_by": "owner", "redact_fields": ["content"]},
	{"doctype": "Coaching Calendar Feed", "filter_by": "user", "redact_fields": ["token"]},
	# Her coach training; the answers in its rows go with the rename (coaching_app/personal_data.py).
	{"doctype": "Coach Training Progress", "filter_by": "user", "redact_fields": ["full_name"]},
]

# Scheduled tasks
# ---------------
scheduler_events = {
	"daily": [
		"coaching_app.tasks.run_daily_agreement_jobs",
		"coaching_app.tasks.run_daily_coach_jobs",
		"coaching_app.tasks.run_daily_feedback_jobs",
		"coaching_app.tasks.delete_expired_private_notes",
	],
}

# Testing
# -------
before_tests = "coaching_app.install.before_tests"
