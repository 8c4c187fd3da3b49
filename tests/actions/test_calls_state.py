"""The call flow's state: typed, round-tripped through the session as a plain dict."""

import json
from datetime import UTC, datetime

from beacon.actions.calls.state import CallFlowState


def test_the_state_survives_the_session_as_json_and_keeps_its_history():
    state = CallFlowState(divisions=["ocd-division/a"], candidates={"sldl": ["x", "y"]})
    state.districts_pick({"sldl": "y"})
    state.outcome_add(0, "busy")
    state.outcome_add(0, "voicemail")
    state.reminder_set(1, datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    state.patch = 7

    again = CallFlowState.from_session(json.loads(json.dumps(state.to_session())))

    assert again == state
    assert again.divisions == ["ocd-division/a", "y"] and again.candidates == {}
    assert (
        again.earlier_outcomes(0) == ("busy", "voicemail") and again.outcome_for(0) == "voicemail"
    )
    assert again.reminder_at(1) == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert again.reminder_at(0) is None


def test_a_missing_or_malformed_state_reads_as_none():
    assert CallFlowState.from_session(None) is None
    assert CallFlowState.from_session({"town": "Lowell"}) is None
    assert CallFlowState.from_session({"divisions": [], "history": []}) is None
    assert CallFlowState.from_session({"divisions": [], "surprise": 1}) == CallFlowState()
