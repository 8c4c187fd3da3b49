"""Mapping Open States names to Open Civic Data divisions, shared by every reader."""

from __future__ import annotations

import datetime
from functools import cache
from typing import Protocol, TypedDict

import openstates_metadata

from beacon.officials.importers.records import ChannelRecord, OfficeRecord, RoleRecord

OFFICE_KINDS = {"capitol": "capitol", "district": "district", "district-mail": "district"}
LEGISLATIVE = {"upper", "lower"}
# Executive offices held statewide: their division is the state itself.
STATEWIDE = {
    "governor",
    "lt_governor",
    "attorney general",
    "chief election officer",
    "treasurer",
    "auditor",
}
KNOWN_ROLE_TYPES = frozenset(LEGISLATIVE | STATEWIDE | {"mayor"})


# openstates-metadata ships no type information: the parts of its records we read, as its
# models (attrs classes) declare them.
class DistrictMetadata(Protocol):
    name: str
    division_id: str | None


class ChamberMetadata(Protocol):
    chamber_type: str
    name: str
    title: str
    organization_id: str
    districts: list[DistrictMetadata]


class StateMetadata(Protocol):
    name: str
    division_id: str
    jurisdiction_id: str
    legislature_name: str
    lower: ChamberMetadata | None
    upper: ChamberMetadata | None

    def lookup_district(
        self, division_id: str | None = None, *, name: str | None = None, chamber: str | None = None
    ) -> DistrictMetadata | None: ...


@cache
def state_metadata(abbr: str) -> StateMetadata:
    """The openstates-metadata record for a state (chambers, districts, division ids)."""
    state: StateMetadata = openstates_metadata.lookup(abbr=abbr)
    return state


def parse_date(value: object) -> datetime.date | None:
    """Open States writes dates as YAML dates or as 'YYYY-MM-DD' strings (or partial)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return datetime.date.fromisoformat(text)
        if len(parts) == 2:
            return datetime.date(int(parts[0]), int(parts[1]), 1)
        return datetime.date(int(parts[0]), 1, 1)
    except ValueError:
        return None


def place_division_id(jurisdiction_id: str) -> str:
    """ocd-jurisdiction/country:us/state:ma/place:salem/government -> the place division."""
    return jurisdiction_id.replace("ocd-jurisdiction/", "ocd-division/", 1).removesuffix(
        "/government"
    )


class _RoleDates(TypedDict):
    start_date: datetime.date | None
    end_date: datetime.date | None
    end_reason: str


def role_record(
    *,
    abbr: str,
    type_: str,
    district: str = "",
    jurisdiction: str = "",
    start: object = None,
    end: object = None,
    end_reason: str = "",
    place_names: dict[str, str] | None = None,
) -> RoleRecord | None:
    """A RoleRecord with its division resolved, or None when the seat cannot be placed
    (an unknown role type, or a district the current plan no longer lists)."""
    state = state_metadata(abbr)
    dates: _RoleDates = {
        "start_date": parse_date(start),
        "end_date": parse_date(end),
        "end_reason": end_reason,
    }
    if type_ in LEGISLATIVE:
        found = state.lookup_district(name=str(district), chamber=type_)
        if found is None or found.division_id is None:
            return None
        return RoleRecord(
            type=type_,
            division_id=found.division_id,
            division_name=found.name,
            chamber=type_,
            **dates,
        )
    if type_ in STATEWIDE:
        return RoleRecord(
            type=type_, division_id=state.division_id, division_name=state.name, **dates
        )
    if type_ == "mayor" and "/place:" in jurisdiction:
        division_id = place_division_id(jurisdiction)
        slug = division_id.rsplit("place:", 1)[1]
        name = (place_names or {}).get(jurisdiction) or slug.replace("_", " ").title()
        return RoleRecord(type=type_, division_id=division_id, division_name=name, **dates)
    return None


def usable_address(text: str) -> bool:
    """Some source offices carry only "MA" as their address: not worth showing."""
    return len(text.strip()) >= 10


def office_record(
    *,
    classification: str,
    index: int,
    address: str = "",
    voice: str = "",
    fax: str = "",
    name: str = "",
) -> OfficeRecord | None:
    """An office with its address, phone and fax channels; None when it has none."""
    kind = OFFICE_KINDS.get(classification, "other")
    key = f"{classification}-{index}"
    office = OfficeRecord(kind=kind, key=key, name=name.strip())
    address = " ".join((address or "").split())
    if address and usable_address(address):
        office.channels.append(ChannelRecord("address", address, f"{key}/address"))
    if voice and str(voice).strip():
        office.channels.append(ChannelRecord("phone", str(voice).strip(), f"{key}/phone"))
    if fax and str(fax).strip():
        office.channels.append(ChannelRecord("fax", str(fax).strip(), f"{key}/fax"))
    return office if office.channels else None
