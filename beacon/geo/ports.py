"""The geocoder interface: an address in, a point or a place out.

Providers live in `beacon/geo/providers/` and are chosen by dotted path in
`settings.BEACON_GEOCODER` (the environment variable BEACON_GEOCODER picks `auto`, the
default: `local` once address data is loaded, else `town`; or `local`, `census`, `town`).
A provider never raises for bad input or a failing service: it answers with a status. It
never logs the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Status = Literal["match", "no_match", "unavailable", "invalid", "skipped", "po_box"]


@dataclass(frozen=True)
class Geocode:
    """A geocoder's answer.

    `point` is (lat, lon) when the address was placed on a street; `state` is the
    two-letter state the geocoder placed it in, when it says. `source` says how the
    point was found ("point": a surveyed address point, "range": interpolated along a
    street segment), `suggestion` a street name that nearly matched, to be offered to the
    supporter and never used silently; "po_box" says the line was a post office box.
    """

    status: Status
    point: tuple[float, float] | None = None
    state: str | None = None
    source: str | None = None
    suggestion: str | None = None


class Geocoder(Protocol):
    """Turns a street address into a point."""

    #: Shown to the supporter before they submit: who receives the address, or "" when
    #: the address never leaves Beacon.
    sends_address_to: str
    #: False for a provider that places no street (the offline town resolver).
    places_streets: bool

    def geocode(self, *, street: str, city: str, zip_code: str) -> Geocode:
        """Place the address; never raises, never logs the address."""
        ...
