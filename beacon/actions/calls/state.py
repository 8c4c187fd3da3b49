"""The supporter's place between call pages: one typed `CallFlowState`, kept in the
server-side session (never in a URL) as a plain dict.

It holds the shared `Place` (divisions the address resolved to, split-town candidates,
town), the first name, and what this browser did so far (outcomes per target, reminders
asked for, the patch-through session). Views change it only through its methods and save it with
`state_save`; they never edit the session's dict in place.

What is shown from it is this browser's own history; counts organizers see come from
the Call rows. The limits on recording outcomes are the limiter's, counted in its shared
store, never from this state (see docs/security.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from beacon.geo.services import Resolution
from beacon.officials.place import Place

from ..models import Call


def state_key(ask) -> str:
    return f"call:{ask.pk}"


@dataclass
class CallFlowState:
    """One call ask's flow for one browser; indices are the call sheet positions."""

    place: Place = field(default_factory=Place)
    first_name: str = ""
    # The latest outcome per target, and every outcome recorded per target.
    outcomes: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[str]] = field(default_factory=dict)
    # When each target's reminder is due, as an ISO datetime.
    reminders: dict[str, str] = field(default_factory=dict)
    patch: int | None = None

    @classmethod
    def from_resolution(
        cls, resolution: Resolution, *, first_name: str = "", city: str = ""
    ) -> CallFlowState:
        """A fresh state from a geo Resolution."""
        return cls(place=Place.from_resolution(resolution, city=city), first_name=first_name)

    @classmethod
    def from_session(cls, value: Any) -> CallFlowState | None:
        """The state stored by `to_session`, or None when it is missing or malformed
        (sessions outlive deployments)."""
        if not isinstance(value, dict):
            return None
        place = Place.from_session(value.get("place"))
        if place is None:
            return None
        known = cls.__dataclass_fields__
        try:
            state = cls(**{k: v for k, v in value.items() if k in known and k != "place"})
        except TypeError:
            return None
        state.place = place
        shapes = (
            (state.outcomes, dict),
            (state.history, dict),
            (state.reminders, dict),
        )
        if not all(isinstance(part, kind) for part, kind in shapes):
            return None
        return state

    def to_session(self) -> dict[str, Any]:
        """A JSON-able dict for the session."""
        return {**asdict(self), "place": self.place.to_session()}

    def earlier_outcomes(self, index: int) -> tuple[str, ...]:
        """The outcomes this browser recorded for the target at `index`."""
        return tuple(self.history.get(str(index), ()))

    def outcome_add(self, index: int, outcome: str) -> None:
        self.history.setdefault(str(index), []).append(outcome)
        self.outcomes[str(index)] = outcome

    def outcome_for(self, index: int) -> str:
        return self.outcomes.get(str(index), "")

    def has_counted(self, index: int) -> bool:
        return any(o in Call.COUNTED for o in self.earlier_outcomes(index))

    def counted(self) -> int:
        """Calls this browser recorded that count, for the thank-you page."""
        return sum(o in Call.COUNTED for tries in self.history.values() for o in tries)

    def reminder_set(self, index: int, at: datetime) -> None:
        self.reminders[str(index)] = at.isoformat()

    def reminder_at(self, index: int) -> datetime | None:
        value = self.reminders.get(str(index))
        try:
            return datetime.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            return None


def state_get(request, ask) -> CallFlowState | None:
    """The ask's state from the session, or None when there is none."""
    return CallFlowState.from_session(request.session.get(state_key(ask)))


def state_save(request, ask, state: CallFlowState) -> None:
    request.session[state_key(ask)] = state.to_session()
