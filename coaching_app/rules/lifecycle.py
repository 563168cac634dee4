"""The Coaching Agreement lifecycle: the one transition table the shipped Workflow must match."""

from typing import NamedTuple

DRAFT = "Draft"
AWAITING_CONSENT = "Awaiting Consent"
ACTIVE = "Active"
RENEWAL_DUE = "Renewal Due"
RENEWED = "Renewed"
COMPLETED = "Completed"
REASSIGNED = "Reassigned"
TERMINATED = "Terminated"

STATES = (DRAFT, AWAITING_CONSENT, ACTIVE, RENEWAL_DUE, RENEWED, COMPLETED, REASSIGNED, TERMINATED)

# A coachee has at most one agreement in these states per program.
LIVE_STATES = frozenset({AWAITING_CONSENT, ACTIVE, RENEWAL_DUE})
# The coach is working with the coachee: these count toward the coach's load.
RUNNING_STATES = frozenset({ACTIVE, RENEWAL_DUE})
ENDED_STATES = frozenset({RENEWED, COMPLETED, REASSIGNED, TERMINATED})
# States whose transition needs an end reason written on the agreement.
REASON_REQUIRED = frozenset({REASSIGNED, TERMINATED})

MANAGER = "Coaching Manager"
COACH = "Coach"
COACHEE = "Coachee"

# Workflow condition that lets either party's consent complete activation.
BOTH_CONSENTED = "doc.coach_consented_on and doc.coachee_consented_on"
# Workflow condition that offers Complete only once the term is over (ending early is Terminate).
TERM_OVER = "frappe.utils.get_datetime(doc.end_date) <= frappe.utils.now_datetime()"


class Transition(NamedTuple):
	state: str
	action: str
	next_state: str
	role: str
	condition: str | None = None


TRANSITIONS: tuple[Transition, ...] = (
	Transition(DRAFT, "Send for Consent", AWAITING_CONSENT, MANAGER),
	Transition(AWAITING_CONSENT, "Withdraw", DRAFT, MANAGER),
	Transition(AWAITING_CONSENT, "Activate", ACTIVE, MANAGER, BOTH_CONSENTED),
	Transition(AWAITING_CONSENT, "Activate", ACTIVE, COACH, BOTH_CONSENTED),
	Transition(AWAITING_CONSENT, "Activate", ACTIVE, COACHEE, BOTH_CONSENTED),
	Transition(ACTIVE, "Flag for Renewal", RENEWAL_DUE, MANAGER),
	Transition(ACTIVE, "Reassign", REASSIGNED, MANAGER),
	Transition(ACTIVE, "Terminate", TERMINATED, MANAGER),
	Transition(ACTIVE, "Complete", COMPLETED, MANAGER, TERM_OVER),
	Transition(RENEWAL_DUE, "Renew", RENEWED, MANAGER),
	Transition(RENEWAL_DUE, "Reassign", REASSIGNED, MANAGER),
	Transition(RENEWAL_DUE, "Terminate", TERMINATED, MANAGER),
	Transition(RENEWAL_DUE, "Complete", COMPLETED, MANAGER, TERM_OVER),
)

# Who may edit the agreement's fields while it sits in each state.
EDITOR_BY_STATE = {state: MANAGER for state in STATES}


def next_state(state: str, action: str) -> str | None:
	for row in TRANSITIONS:
		if row.state == state and row.action == action:
			return row.next_state
	return None


def live_key(coachee: str | None, program: str | None, status: str | None) -> str | None:
	"""Value of the uniquely indexed column that lets the database refuse a second live agreement.

	Live agreements of one coachee in one program share a key, so the unique index lets only one through
	even when two requests race; ended and draft agreements carry NULL, which the index does not compare.
	"""
	if status in LIVE_STATES and coachee and program:
		return f"{program}\x1f{coachee}"
	return None
