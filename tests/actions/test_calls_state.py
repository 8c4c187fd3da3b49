"""The flows' state: typed, round-tripped through the session as a plain dict."""

import json
from datetime import UTC, datetime

from beacon.actions.calls.state import CallFlowState
from beacon.actions.letters.state import LetterFlowState
from beacon.officials.place import Place


def _through_json(value):
    return json.loads(json.dumps(value))


def test_the_state_survives_the_session_as_json_and_keeps_its_history():
    place = Place(divisions=["ocd-division/a"], candidates={"sldl": ["x", "y"]}, town="Lowell")
    state = CallFlowState(place=place)
    state.place.districts_pick({"sldl": "y"})
    state.outcome_add(0, "busy")
    state.outcome_add(0, "voicemail")
    state.reminder_set(1, datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    state.patch = 7

    again = CallFlowState.from_session(_through_json(state.to_session()))

    assert again == state
    assert again.place.divisions == ["ocd-division/a", "y"] and again.place.candidates == {}
    assert again.place.town == "Lowell"
    assert (
        again.earlier_outcomes(0) == ("busy", "voicemail") and again.outcome_for(0) == "voicemail"
    )
    assert again.reminder_at(1) == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert again.reminder_at(0) is None


def test_a_tampered_pick_settles_nothing():
    place = Place(divisions=[], candidates={"sldl": ["x", "y"]})
    place.districts_pick({"sldl": "elsewhere", "sldu": "x"})
    assert place.divisions == [] and place.candidates == {"sldl": ["x", "y"]}


def test_a_missing_or_malformed_state_reads_as_none():
    empty = {"divisions": [], "candidates": {}, "town": ""}
    assert CallFlowState.from_session(None) is None
    assert CallFlowState.from_session({"town": "Lowell"}) is None
    assert CallFlowState.from_session({"place": empty, "history": []}) is None
    assert CallFlowState.from_session({"place": {"divisions": "x"}}) is None
    assert CallFlowState.from_session({"place": empty, "surprise": 1}) == CallFlowState()


def test_the_letter_state_keeps_the_typed_address_and_seed():
    state = LetterFlowState(
        place=Place(divisions=["ocd-division/a"], town="Lowell"),
        street="12 Main St",
        city="Lowell",
        zip_code="01852",
        seed=42,
    )
    assert LetterFlowState.from_session(_through_json(state.to_session())) == state
    assert LetterFlowState.from_session({**state.to_session(), "seed": "42"}) is None
    assert LetterFlowState.from_session({"street": "12 Main St"}) is None
