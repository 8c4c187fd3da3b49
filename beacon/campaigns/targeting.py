"""Resolve an ask's target rules into the officials a supporter reaches.

Constituent rules use the supporter's own divisions (from the address lookup) and
nothing else: with no divisions, "my senator" resolves to nothing rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from beacon.geo.models import Division
from beacon.officials.models import Bill, Official, Role
from beacon.officials.selectors import (
    Seat,
    committee_member_list,
    seat_get_governor,
    seat_list_for_divisions,
)

from .models import TargetRule

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Keyed by str: a rule's `kind` is the stored value, not a Kind member.
_SEAT_FOR_RULE: dict[str, Role.Type] = {
    TargetRule.Kind.MY_SENATOR: Role.Type.UPPER,
    TargetRule.Kind.MY_REPRESENTATIVE: Role.Type.LOWER,
}


@dataclass
class ResolvedTarget:
    """One recipient of an ask: an official (None when the seat is vacant)."""

    rule: TargetRule
    official: Official | None
    # A lazy translation: it reads in whatever language is active where it is used, so a
    # page in Spanish can show "Senador(a)" while the letter or script stays English.
    title: StrOrPromise
    division: Division | None = None
    committee_role: str = ""
    cosponsored: list[Bill] = field(default_factory=list)
    # The seat this target stands for, when it is one (constituent rules, the Governor):
    # it says whether an empty seat is vacant or awaiting updated data.
    seat: Seat | None = None

    @property
    def seat_type(self) -> str:
        return self.seat.role_type if self.seat is not None else ""

    @property
    def is_awaiting_data(self) -> bool:
        """The seat's term ended after the data was taken: nobody is named, the office is
        still there (`seat.last_holder`'s channels, or the State House line)."""
        return self.official is None and self.seat is not None and self.seat.is_awaiting_data

    @property
    def is_vacant(self) -> bool:
        return self.official is None and not self.is_awaiting_data

    @property
    def is_cosponsor(self) -> bool:
        return bool(self.cosponsored)

    @property
    def key(self) -> str:
        """Stable identity within one submission (an official, or a vacant seat)."""
        if self.official is not None:
            return self.official.ocd_person_id
        if self.is_awaiting_data and self.seat is not None:
            return f"seat:{self.seat.role_type}:{self.seat.division.ocd_id}"
        return f"vacant:{self.division.ocd_id if self.division else self.rule.pk}"


def targets_resolve(
    rules: Iterable[TargetRule], *, divisions: Iterable[Division] = (), bills: Iterable[Bill] = ()
) -> list[ResolvedTarget]:
    """The recipients for `rules`, in rule order, each official once.

    `divisions` are the supporter's (Resolution.divisions); vacant constituent seats
    come back with official=None so callers can hold the message and tell the supporter.
    `bills` mark which recipients cosponsor any of them (for thank-you variants)."""
    divisions = list(divisions)
    seats = seat_list_for_divisions(divisions) if divisions else []
    cosponsors = _cosponsor_map(list(bills))
    resolved: list[ResolvedTarget] = []
    seen: set[str] = set()
    for rule in rules:
        for target in _resolve_rule(rule, seats):
            if target.key in seen:
                continue
            seen.add(target.key)
            if target.official is not None:
                target.cosponsored = cosponsors.get(target.official.pk, [])
            resolved.append(target)
    return resolved


def _resolve_rule(rule: TargetRule, seats) -> list[ResolvedTarget]:
    if rule.kind in _SEAT_FOR_RULE:
        role_type = _SEAT_FOR_RULE[rule.kind]
        return [
            ResolvedTarget(rule, seat.official, _label(seat.role_type), seat.division, seat=seat)
            for seat in seats
            if seat.role_type == role_type
        ]
    if rule.kind == TargetRule.Kind.GOVERNOR:
        governor = seat_get_governor()
        official = governor.official if governor else None
        return [ResolvedTarget(rule, official, Role.Type.GOVERNOR.label, seat=governor)]
    if rule.kind == TargetRule.Kind.OFFICIAL and rule.official is not None:
        return [ResolvedTarget(rule, rule.official, _title_of(rule.official))]
    if rule.kind == TargetRule.Kind.COMMITTEE and rule.committee is not None:
        return [
            ResolvedTarget(rule, m.official, _title_of(m.official), committee_role=m.role)
            for m in committee_member_list(rule.committee)
            if m.official is not None
        ]
    return []


def _title_of(official: Official) -> StrOrPromise:
    roles = getattr(official, "current_roles", None)
    if roles is None:
        roles = list(official.roles.filter(end_date__isnull=True))
    return _label(roles[0].type) if roles else ""


def _label(role_type: str) -> StrOrPromise:
    """The lazy display label of a role type (the raw value for one we do not know)."""
    try:
        return Role.Type(role_type).label
    except ValueError:
        return role_type


def _cosponsor_map(bills: list[Bill]) -> dict[int, list[Bill]]:
    result: dict[int, list[Bill]] = {}
    if not bills:
        return result
    through = Bill.cosponsors.through.objects.filter(bill__in=bills).select_related("bill")
    for row in through:
        result.setdefault(row.official_id, []).append(row.bill)
    return result
