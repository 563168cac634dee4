"""Which tables carry coaching records, and who owns which of their fields.

Who reads a coaching record follows from the coaching relationship: the coach, the coachee, program staff,
and for private notes the author alone. Frappe reaches the same rows through more doors than the record
itself: its child tables, the Version, Comment, ToDo, File and Communication rows that refer to it, Deleted
Document copies, and counting or search endpoints. This module names those tables once, so the permission
hooks and the endpoint guard cover the same set.
"""

# Records that hold someone's story. Frappe's document sharing would let one user hand such a record to
# anybody, and a share grants access even where the permission hooks refuse it, so these are never shared.
# Reference data that holds no one's personal story (programs, the resource library, skills, topics,
# frameworks, feedback rounds) stays shareable.
UNSHAREABLE_DOCTYPES = frozenset(
	{
		"Coach",
		"Coachee",
		"Coaching Agreement",
		"Coaching Session",
		"Growth Plan",
		"Coaching Action",
		"Coaching Note",
		"Coaching Request",
		"Coaching Feedback",
		"Coaching Calendar Feed",
		"Coach Training Progress",
	}
)

# Every DocType whose rows are decided record by record (the hooks in hooks.py).
RECORD_DOCTYPES = UNSHAREABLE_DOCTYPES | {"Coaching Resource"}

# Child tables of those records -> their parent DocType. A child row is read exactly when its parent is.
CHILD_TABLE_PARENTS = {
	"Coach Skill": "Coach",
	"Coach Program": "Coach",
	"Coachee Goal Skill": "Coachee",
	"Growth Plan Rating": "Growth Plan",
	"Coaching Session Prompt Answer": "Coaching Session",
	"Coaching Session Checklist Item": "Coaching Session",
	"Coaching Session Review": "Coaching Session",
	"Coaching Session Step": "Coaching Session",
	"Coaching Session Resource": "Coaching Session",
	"Coaching Resource Topic": "Coaching Resource",
	"Coach Training Answer": "Coach Training Progress",
}

# Frappe's own tables whose rows copy or point at another record: DocType -> (column naming the record's
# DocType, column naming the record). Such a row about a coaching record is read only by someone who may
# read that record.
REFERENCE_COLUMNS = {
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Communication": ("reference_doctype", "reference_name"),
}

# Copies of deleted records: nobody but Administrator reads a deleted coaching record.
DELETED_COPY = ("Deleted Document", "deleted_doctype")

# Every table the endpoint guard (coaching_app/access/guard.py) watches.
GUARDED_DOCTYPES = RECORD_DOCTYPES | set(CHILD_TABLE_PARENTS) | set(REFERENCE_COLUMNS) | {DELETED_COPY[0]}

# Fields that staff or the app own. Anyone else's write leaves them as stored (or at their defaults on a new
# record): read-only in the form protects nothing over the REST API.
OWNED_FIELDS = {
	"Coach": (
		"user",
		"status",
		"capacity",
		"in_coach_pool",
		"training_completed_on",
		"training_record",
		"grew_from_coachee",
		"current_load",
		"last_session_date",
		"inactive_notified_on",
	),
	"Coachee": (
		"user",
		"program",
		"status",
		"current_coach",
		"current_coach_name",
		"current_agreement",
		"became_coach",
	),
	"Coaching Action": (
		"coachee",
		"coachee_name",
		"coachee_user",
		"agreement",
		"coach",
		"coach_user",
		"source_type",
		"source_name",
		"overdue_notified_on",
	),
	"Coaching Request": ("requester", "requester_name", "coachee", "status", "assigned_coach", "session"),
	"Coaching Feedback": (
		"round",
		"agreement",
		"coach",
		"coachee",
		"respondent_role",
		"respondent",
		"submitted_on",
		"reminder_sent_on",
	),
	"Growth Plan": ("coachee", "coachee_name", "coachee_user", "agreement", "coach", "coach_user"),
}

# The coachee's own choices, made through their buttons: every save, by anyone, keeps them as stored.
COACHEE_CHOICE_FIELDS = {
	"Coaching Session": ("shared_with_staff", "coachee_takeaway", "coachee_next"),
	"Growth Plan": ("shared_with_staff",),
}

# Child tables whose rows a non-staff user may not add, remove or change on their own record.
OWNED_TABLES = {"Coach": ("programs",)}


def unchanged_owned(doctype: str, stored: dict | None, incoming: dict, defaults: dict) -> dict[str, object]:
	"""The values to put back on a record saved by someone who does not own these fields: the stored value
	for an existing record, the default for a new one. Returns only the fields that differ."""
	reference = stored if stored is not None else defaults
	restore = {}
	for field in OWNED_FIELDS.get(doctype, ()):
		kept = reference.get(field)
		if _normal(incoming.get(field)) != _normal(kept):
			restore[field] = kept
	return restore


def _normal(value):
	"""Frappe hands an empty link as None or "", a check as 0 or False, a number as int or str."""
	if value in (None, "", 0, 0.0, False):
		return None
	return str(value)
