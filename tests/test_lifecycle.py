import json
from pathlib import Path

from coaching_app.rules import lifecycle as L

FIXTURES = Path(__file__).resolve().parents[1] / "coaching_app" / "fixtures"


def load(name):
	return json.loads((FIXTURES / name).read_text())


def test_shipped_workflow_matches_the_transition_table():
	(workflow,) = load("workflow.json")
	assert workflow["document_type"] == "Coaching Agreement"
	assert workflow["workflow_state_field"] == "status"
	shipped = [
		(t["state"], t["action"], t["next_state"], t["allowed"], t.get("condition") or None)
		for t in workflow["transitions"]
	]
	assert shipped == [tuple(t) for t in L.TRANSITIONS]
	assert [s["state"] for s in workflow["states"]] == list(L.STATES)
	assert {s["state"]: s["allow_edit"] for s in workflow["states"]} == L.EDITOR_BY_STATE
	assert all(s["doc_status"] == "0" for s in workflow["states"])


def test_fixtures_ship_every_state_and_action_the_workflow_uses():
	(workflow,) = load("workflow.json")
	states = {row["name"] for row in load("workflow_state.json")}
	actions = {row["name"] for row in load("workflow_action_master.json")}
	assert states == set(L.STATES)
	assert actions == {t["action"] for t in workflow["transitions"]}


def test_agreement_status_options_match_the_states():
	path = FIXTURES.parent / "coaching" / "doctype" / "coaching_agreement" / "coaching_agreement.json"
	meta = json.loads(path.read_text())
	status = next(f for f in meta["fields"] if f["fieldname"] == "status")
	assert status["options"].split("\n") == list(L.STATES)
	assert status["default"] == L.DRAFT


def test_every_state_is_reachable_from_draft():
	reached, frontier = {L.DRAFT}, [L.DRAFT]
	while frontier:
		state = frontier.pop()
		for row in L.TRANSITIONS:
			if row.state == state and row.next_state not in reached:
				reached.add(row.next_state)
				frontier.append(row.next_state)
	assert reached == set(L.STATES)


def test_ended_states_are_final():
	assert not [t for t in L.TRANSITIONS if t.state in L.ENDED_STATES]


def test_only_managers_move_agreements_except_activation_after_consent():
	for row in L.TRANSITIONS:
		if row.role != L.MANAGER:
			assert row.action == "Activate" and row.condition == L.BOTH_CONSENTED


def test_next_state_follows_the_table():
	assert L.next_state(L.ACTIVE, "Reassign") == L.REASSIGNED
	assert L.next_state(L.RENEWAL_DUE, "Renew") == L.RENEWED
	assert L.next_state(L.DRAFT, "Renew") is None


def test_live_key_only_for_live_states():
	assert L.live_key("CE-1", "P", L.ACTIVE) == L.live_key("CE-1", "P", L.AWAITING_CONSENT)
	assert L.live_key("CE-1", "P", L.ACTIVE) != L.live_key("CE-2", "P", L.ACTIVE)
	assert L.live_key("CE-1", "P", L.ACTIVE) != L.live_key("CE-1", "Q", L.ACTIVE)
	for state in (L.DRAFT, *L.ENDED_STATES):
		assert L.live_key("CE-1", "P", state) is None
	assert L.live_key(None, "P", L.ACTIVE) is None
