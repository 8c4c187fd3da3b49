"""The supporter's place between call pages, kept in the server-side session (never in a
URL): the divisions the address resolved to, split-town candidates, town, first name,
and the outcomes recorded so far.

Letters keep an equivalent state privately in beacon.actions.letters.views; this small
helper is written for calls rather than importing their private functions.
"""

from __future__ import annotations

from beacon.geo.models import Division


def state_key(action) -> str:
    return f"call:{action.pk}"


def state_from(resolution, *, first_name: str = "", city: str = "") -> dict:
    """A JSON-able state for the session from a geo Resolution."""
    place = resolution.place
    return {
        "town": (place.name.title() if place else "") or city,
        "first_name": first_name,
        "divisions": [d.ocd_id for d in resolution.divisions],
        "candidates": {k: [d.ocd_id for d in v] for k, v in resolution.candidates.items()},
        "outcomes": {},
    }


def state_get(request, action) -> dict | None:
    """The action's state from the session, or None when there is none (or it is
    malformed: sessions outlive deployments)."""
    state = request.session.get(state_key(action))
    if not isinstance(state, dict) or not isinstance(state.get("divisions"), list):
        return None
    state.setdefault("outcomes", {})
    state.setdefault("candidates", {})
    return state


def state_save(request, action, state: dict) -> None:
    request.session[state_key(action)] = state


class ResolvedPlace:
    """A Resolution rebuilt from the state, for officials' `representation_for`."""

    error = None

    def __init__(self, state: dict):
        ids = state["divisions"] + [i for ids in state["candidates"].values() for i in ids]
        found = {d.ocd_id: d for d in Division.objects.filter(ocd_id__in=ids)}
        self.divisions = [found[i] for i in state["divisions"] if i in found]
        self.candidates = {
            k: [found[i] for i in v if i in found] for k, v in state["candidates"].items()
        }
