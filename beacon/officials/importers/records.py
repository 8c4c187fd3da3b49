"""Source-neutral records that every Open States reader produces and the import applies.

Readers (YAML tree, CSV) parse files into these plain dataclasses; only
`beacon.officials.services_import` touches the database. That keeps each reader a pure
function that tests can call on a string.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class RoleRecord:
    type: str
    division_id: str
    division_name: str
    chamber: str = ""  # "upper" or "lower" for legislative seats
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    end_reason: str = ""


@dataclass
class ChannelRecord:
    kind: str  # a ContactChannel.Kind value
    value: str
    key: str  # stable within one person across imports, e.g. "capitol-0/phone-0"
    label: str = ""


@dataclass
class OfficeRecord:
    kind: str  # an Office.Kind value
    key: str  # e.g. "capitol-0"
    name: str = ""
    channels: list[ChannelRecord] = field(default_factory=list)


@dataclass
class PersonRecord:
    ocd_person_id: str
    name: str
    given_name: str = ""
    family_name: str = ""
    party: str = ""
    image: str = ""
    profile_url: str = ""
    roles: list[RoleRecord] = field(default_factory=list)
    offices: list[OfficeRecord] = field(default_factory=list)
    channels: list[ChannelRecord] = field(default_factory=list)  # not tied to an office


@dataclass
class MemberRecord:
    name: str
    role: str
    role_label: str = ""
    ocd_person_id: str = ""


@dataclass
class CommitteeRecord:
    ocd_organization_id: str
    name: str
    chamber: str  # "joint", "upper" or "lower"
    parent_id: str = ""
    members: list[MemberRecord] = field(default_factory=list)


@dataclass
class Dataset:
    """What one source said. `role_types` is what the source covers: roles of those types
    missing from it have ended. A CSV of legislators says nothing about the Governor."""

    people: list[PersonRecord] = field(default_factory=list)
    committees: list[CommitteeRecord] = field(default_factory=list)
    role_types: frozenset[str] = frozenset()
    has_committees: bool = False
    warnings: list[str] = field(default_factory=list)
    # The day the source describes, when it says so (an HTTP Last-Modified date, or the
    # operator's --as-of); otherwise `as_of_date` derives a safe lower bound.
    as_of: datetime.date | None = None

    def as_of_date(self, *, today: datetime.date) -> datetime.date:
        """The day this data is known to be current on: `as_of` when given, else the
        latest role start or end date it records that is not in the future (a snapshot
        is at least as new as the last change it knows of), else `today`."""
        if self.as_of is not None:
            return min(self.as_of, today)
        seen = [
            day
            for person in self.people
            for role in person.roles
            for day in (role.start_date, role.end_date)
            if day is not None and day <= today
        ]
        return max(seen, default=today)
