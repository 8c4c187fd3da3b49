"""The supporter's place between letter pages: one typed `LetterFlowState`, kept in the
server-side session (never in a URL) as a plain dict.

It holds the shared `Place` (divisions, split-town candidates, town), the address as
typed (the letter's return address, stored only when the letter is submitted) and the
seed that picks the subject lines, so that the letter shown is the letter sent.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.http import HttpRequest

from beacon.campaigns.models import LetterAsk
from beacon.geo.services import Resolution
from beacon.officials.place import Place


def state_key(ask: LetterAsk) -> str:
    return f"letter:{ask.pk}"


@dataclass
class LetterFlowState:
    """One letter ask's flow for one browser."""

    place: Place = field(default_factory=Place)
    street: str = ""
    city: str = ""
    zip_code: str = ""
    seed: int = 0

    @classmethod
    def from_resolution(
        cls, resolution: Resolution, *, street: str = "", city: str = "", zip_code: str = ""
    ) -> LetterFlowState:
        """A fresh state from a geo Resolution and the address as typed."""
        return cls(
            place=Place.from_resolution(resolution, city=city),
            street=street,
            city=city,
            zip_code=zip_code,
            seed=secrets.randbelow(10_000),
        )

    @classmethod
    def from_session(cls, value: object) -> LetterFlowState | None:
        """The state stored by `to_session`, or None when it is missing or malformed."""
        if not isinstance(value, dict):
            return None
        place = Place.from_session(value.get("place"))
        typed = [value.get(k, "") for k in ("street", "city", "zip_code")]
        seed = value.get("seed")
        if place is None or not all(isinstance(v, str) for v in typed):
            return None
        if not isinstance(seed, int) or isinstance(seed, bool):
            return None
        street, city, zip_code = (str(v) for v in typed)
        return cls(place=place, street=street, city=city, zip_code=zip_code, seed=seed)

    def to_session(self) -> dict[str, object]:
        """A JSON-able dict for the session."""
        return {
            "place": self.place.to_session(),
            "street": self.street,
            "city": self.city,
            "zip_code": self.zip_code,
            "seed": self.seed,
        }


def state_get(request: HttpRequest, ask: LetterAsk) -> LetterFlowState | None:
    """The ask's state from the session, or None when there is none."""
    return LetterFlowState.from_session(request.session.get(state_key(ask)))


def state_save(request: HttpRequest, ask: LetterAsk, state: LetterFlowState) -> None:
    request.session[state_key(ask)] = state.to_session()


def state_clear(request: HttpRequest, ask: LetterAsk) -> None:
    request.session.pop(state_key(ask), None)
