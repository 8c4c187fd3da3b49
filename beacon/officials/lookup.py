"""From a geo Resolution to the people who represent that place.

Read-only: the page ("Find your legislators") and `beacon lookup` both call
`representation_for`, and the command prints `representation_as_dict`.
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Protocol, TypedDict, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from beacon.geo.models import Division, PlaceOverlap
from beacon.geo.selectors import district_extent_list
from beacon.geo.services import Resolution
from beacon.geo.services.resolve import Error, Precision
from beacon.officials.models import ContactChannel, Office, Official
from beacon.officials.selectors import (
    SEAT_ROLE_BY_KIND,
    Seat,
    official_list_for_divisions,
    seat_get_governor,
    seat_list_from,
)

if TYPE_CHECKING:
    from beacon.officials.selectors import OfficialWithContacts


@dataclass
class Choice:
    """A seat a split town leaves open: the supporter picks one of `seats`, which come in
    natural order of the district names ("2nd Suffolk" before "10th Suffolk"). `extents`
    maps a district's pk to the towns it reaches, (name, whole town?, area) triples (see
    `beacon.geo.selectors.district_extent_list`)."""

    kind: str
    seats: list[Seat]
    extents: dict[int, list[tuple[str, bool, str]]] = field(default_factory=dict)

    @property
    def field_name(self) -> str:
        return f"choice_{self.kind}"

    @property
    def options(self) -> list[tuple[Seat, str]]:
        """(seat, where the district reaches, in words) pairs, for the picker."""
        return [(seat, extent_words(self.extents.get(seat.division.pk, []))) for seat in self.seats]


def extent_words(towns: list[tuple[str, bool, str]]) -> str:
    """ "all of Yarmouth, part of Barnstable (west)": where a district reaches, in words,
    with where in a town a smaller piece lies."""
    areas = dict(PlaceOverlap.Area.choices)
    words = []
    for town, whole, area in towns:
        if whole:
            words.append(_("all of %(town)s") % {"town": town})
        elif area in areas:
            words.append(_("part of %(town)s (%(area)s)") % {"town": town, "area": areas[area]})
        else:
            words.append(_("part of %(town)s") % {"town": town})
    return ", ".join(words)


_ORDINAL_NAME = re.compile(r"^(\d+)(?:st|nd|rd|th)\s+(.*)$", re.IGNORECASE)


def district_sort_key(division: Division) -> tuple[str, int]:
    """ "10th Suffolk" -> ("suffolk", 10): districts of one county together, in number order."""
    match = _ORDINAL_NAME.match(division.name)
    if match:
        return match.group(2).lower(), int(match.group(1))
    return division.name.lower(), 0


class Placed(Protocol):
    """What `representation_for` reads of a place: a geo Resolution, or a stored place's
    `beacon.officials.place.SettledPlace`."""

    @property
    def divisions(self) -> Sequence[Division]: ...

    @property
    def candidates(self) -> Mapping[str, Sequence[Division]]: ...

    @property
    def error(self) -> str | None: ...


PlacedT = TypeVar("PlacedT", bound=Placed)


@dataclass
class Representation(Generic[PlacedT]):
    """Who represents a resolved place: certain seats (vacant ones included), choices
    left for the supporter in a split town, the Governor, and every official found."""

    resolution: PlacedT
    seats: list[Seat] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    governor: Official | None = None
    # The Governor's seat, also when its term in the data has ended (awaiting data).
    governor_seat: Seat | None = None
    officials: list[OfficialWithContacts] = field(default_factory=list)
    has_chosen: bool = False  # the supporter picked a district of a split town

    @property
    def is_found(self) -> bool:
        return getattr(self.resolution, "error", None) is None


def representation_for(
    resolution: PlacedT, *, chosen: Iterable[str] = ()
) -> Representation[PlacedT]:
    """Seats and officials for `resolution` (a geo Resolution).

    `chosen` holds division ids the supporter picked among a split town's candidates;
    ids that are not candidates are ignored, so a tampered form cannot pick a district
    the place does not touch. Runs a fixed number of queries.
    """
    representation = Representation(resolution=resolution)
    if resolution.error is not None:
        return representation
    certain = list(resolution.divisions)
    open_choices: dict[str, list[Division]] = {}
    chosen_ids = set(chosen)
    for kind, candidates in resolution.candidates.items():
        picked = [d for d in candidates if d.ocd_id in chosen_ids]
        if len(picked) == 1:
            certain.append(picked[0])
            representation.has_chosen = True
        elif kind in SEAT_ROLE_BY_KIND:
            open_choices[kind] = list(candidates)
    everyone = certain + [d for ds in open_choices.values() for d in ds]
    officials = _officials_for(everyone)
    representation.officials = [
        o
        for o in officials
        if any(r.division_id in {d.pk for d in certain} for r in o.current_roles)
    ]
    seat_of = {s.division.pk: s for s in seat_list_from(everyone, officials)}
    representation.seats = [
        seat_of[d.pk] for d in sorted(certain, key=lambda d: d.kind != "sldu") if d.pk in seat_of
    ]
    extents = (
        district_extent_list(districts=[d for ds in open_choices.values() for d in ds])
        if open_choices
        else {}
    )
    representation.choices = [
        Choice(
            kind,
            [seat_of[d.pk] for d in sorted(divisions, key=district_sort_key) if d.pk in seat_of],
            extents,
        )
        for kind, divisions in sorted(open_choices.items(), key=lambda kv: kv[0] != "sldu")
    ]
    governor = next(
        (o for o in officials if any(r.type == "governor" for r in o.current_roles)), None
    )
    representation.governor_seat = seat_get_governor(holder=governor)
    representation.governor = (
        representation.governor_seat.official if representation.governor_seat else None
    )
    return representation


# Officials per division set, kept BEACON_OFFICIALS_CACHE_SECONDS in this process: reading
# them (five queries and their prefetches) was half the cost of the lookup page. Bounded;
# an officials import in this process clears it, other processes see changes within the
# TTL. The objects are shared between requests: read-only.
_OFFICIALS_CACHE: dict[
    tuple[datetime.date, tuple[int, ...]], tuple[float, list[OfficialWithContacts]]
] = {}
_OFFICIALS_CACHE_MAX = 2048


def _officials_for(divisions: list[Division]) -> list[OfficialWithContacts]:
    ttl = float(settings.BEACON_OFFICIALS_CACHE_SECONDS)
    if ttl <= 0:
        return official_list_for_divisions(divisions)
    key = (timezone.localdate(), tuple(sorted(d.pk for d in divisions)))
    now = time.monotonic()
    hit = _OFFICIALS_CACHE.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]
    officials = official_list_for_divisions(divisions)
    if len(_OFFICIALS_CACHE) >= _OFFICIALS_CACHE_MAX:
        _OFFICIALS_CACHE.clear()
    _OFFICIALS_CACHE[key] = (now, officials)
    return officials


def officials_cache_clear() -> None:
    """Forget the cached officials and rendered cards of this process (the officials
    import calls this)."""
    _OFFICIALS_CACHE.clear()
    _RENDERED.clear()


# Rendered fragments (official cards), with the same lifetime as the officials cache.
_RENDERED: dict[tuple[Hashable, ...], tuple[float, str]] = {}


def rendered_get(key: tuple[Hashable, ...], render: Callable[[], str]) -> str:
    """`render()`, kept under `key` for BEACON_OFFICIALS_CACHE_SECONDS (0: never kept)."""
    ttl = float(settings.BEACON_OFFICIALS_CACHE_SECONDS)
    if ttl <= 0:
        return render()
    now = time.monotonic()
    hit = _RENDERED.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]
    if len(_RENDERED) >= _OFFICIALS_CACHE_MAX:
        _RENDERED.clear()
    html = render()
    _RENDERED[key] = (now, html)
    return html


def channels_of(official: OfficialWithContacts) -> list[tuple[Office | None, ContactChannel]]:
    """(office or None, channel) pairs in display order: direct channels, then offices."""
    pairs: list[tuple[Office | None, ContactChannel]] = [
        (None, c) for c in official.direct_channels
    ]
    for office in official.office_list:
        pairs.extend((office, c) for c in office.channel_list)
    return pairs


class DivisionDict(TypedDict):
    ocd_id: str
    name: str
    kind: str
    chamber: str | None


class RoleDict(TypedDict):
    title: str
    division: str  # its OCD id


class ChannelDict(TypedDict):
    kind: str
    value: str
    label: str
    office: str | None
    staff_added: bool


class OfficialDict(TypedDict):
    ocd_id: str
    name: str
    party: str
    offices: list[RoleDict]
    channels: list[ChannelDict]


class VacantDict(DivisionDict):
    office: str


class AwaitingDict(DivisionDict):
    office: str
    last_holder: str | None
    term_ended_on: str | None  # ISO date


class PeopleDict(TypedDict):
    """Who represents a set of divisions, as `representation_as_dict` and the bulk
    lookups (beacon/officials/bulk.py) write it."""

    divisions: list[DivisionDict]
    candidates: dict[str, list[DivisionDict]]
    officials: list[OfficialDict]
    vacant: list[VacantDict]
    awaiting_updated_data: list[AwaitingDict]


class RepresentationDict(PeopleDict):
    precision: Precision
    error: Error | None
    point: list[float] | None


def division_as_dict(division: Division) -> DivisionDict:
    """A division as plain JSON data: id, name, kind and chamber."""
    return {
        "ocd_id": division.ocd_id,
        "name": division.name,
        "kind": division.kind,
        "chamber": {"sldu": "upper", "sldl": "lower"}.get(division.kind),
    }


def official_as_dict(official: OfficialWithContacts) -> OfficialDict:
    """An official as plain JSON data: ids, titles and every contact channel."""
    return {
        "ocd_id": official.ocd_person_id,
        "name": official.name,
        "party": official.party,
        "offices": [
            {"title": str(r.title), "division": r.division.ocd_id} for r in official.current_roles
        ],
        "channels": [
            {
                "kind": c.kind,
                "value": c.value,
                "label": c.label,
                "office": office.display_name if office else None,
                "staff_added": c.is_staff_added,
            }
            for office, c in channels_of(official)
        ],
    }


def representation_as_dict(representation: Representation[Resolution]) -> RepresentationDict:
    """The JSON printed by `beacon lookup`: precision, divisions, officials, vacancies."""
    resolution = representation.resolution
    return {
        "precision": resolution.precision,
        "error": resolution.error,
        "point": list(resolution.point) if resolution.point else None,
        "divisions": [division_as_dict(d) for d in resolution.divisions],
        "candidates": {
            kind: [division_as_dict(d) for d in divisions]
            for kind, divisions in resolution.candidates.items()
        },
        "officials": [official_as_dict(o) for o in representation.officials],
        "vacant": [
            {**division_as_dict(s.division), "office": str(s.title)}
            for s in representation.seats
            if s.is_vacant
        ],
        "awaiting_updated_data": [
            awaiting_as_dict(s) for s in representation.seats if s.is_awaiting_data
        ],
    }


def awaiting_as_dict(seat: Seat) -> AwaitingDict:
    """A seat awaiting updated data as JSON: its division, office, last holder, end."""
    return {
        **division_as_dict(seat.division),
        "office": str(seat.title),
        "last_holder": seat.last_holder.name if seat.last_holder else None,
        "term_ended_on": seat.term_ended_on.isoformat() if seat.term_ended_on else None,
    }
