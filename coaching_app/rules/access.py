"""Which coaching records may be shared with other users.

Who reads a coaching record follows from the coaching relationship: the coach, the coachee, program staff,
and for private notes the author alone. Frappe's document sharing would let one user hand a record to
anybody, and a share grants access even where the permission hooks refuse it, so these DocTypes are never
shared. Reference data that holds no one's personal story (programs, the resource library, skills, topics,
frameworks, feedback rounds) stays shareable.
"""

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
	}
)
