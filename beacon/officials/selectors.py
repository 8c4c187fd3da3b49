"""Reads over officials: who holds which seat, how to reach them, who sits on a committee.

Every selector returning officials prefetches what a page or a campaign needs to show
and contact them, in a fixed number of queries whatever the number of officials:
`official.current_roles` (current roles, with division and chamber),
`official.office_list` (offices, each with `channel_list`) and `official.direct_channels`
(channels not tied to an office: email, web form).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from beacon.geo.models import Division
from beacon.officials.models import (
    Committee,
    CommitteeMembership,
    ContactChannel,
    Office,
    Official,
    Role,
    current_role_q,
)

# Seats a supporter has exactly one of, by division kind, in display order.
SEAT_ROLE_BY_KIND = {"sldu": Role.Type.UPPER, "sldl": Role.Type.LOWER}
ROLE_ORDER = [Role.Type.UPPER, Role.Type.LOWER, Role.Type.GOVERNOR, Role.Type.LT_GOVERNOR]


def _with_contacts(queryset: QuerySet[Official], *, on: datetime.date) -> QuerySet[Official]:
    current = (
        Role.objects.filter(current_role_q(on=on))
        .select_related("division", "chamber")
        .order_by("start_date")
    )
    offices = Office.objects.prefetch_related(
        Prefetch("channels", queryset=ContactChannel.objects.all(), to_attr="channel_list")
    )
    return queryset.prefetch_related(
        Prefetch("roles", queryset=current, to_attr="current_roles"),
        Prefetch("offices", queryset=offices, to_attr="office_list"),
        Prefetch(
            "channels",
            queryset=ContactChannel.objects.filter(office=None),
            to_attr="direct_channels",
        ),
    )


def _role_rank(official: Official) -> tuple[int, str]:
    types = [role.type for role in official.current_roles]
    ranks = [ROLE_ORDER.index(t) if t in ROLE_ORDER else len(ROLE_ORDER) for t in types]
    return (min(ranks, default=len(ROLE_ORDER)), official.family_name or official.name)


def official_list_for_divisions(
    divisions: Iterable[Division], *, on: datetime.date | None = None
) -> list[Official]:
    """The officials holding a current role in any of `divisions`, contacts prefetched.

    Ordered Senate, House, Governor, Lieutenant Governor, then others; each official
    appears once. Vacant seats simply contribute no official (see `seat_list_for_divisions`).
    """
    on = on or timezone.localdate()
    ids = [d.pk for d in divisions]
    if not ids:
        return []
    holding = Role.objects.filter(
        current_role_q(on=on), official=OuterRef("pk"), division_id__in=ids
    )
    officials = list(_with_contacts(Official.objects.filter(Exists(holding)), on=on))
    for official in officials:
        official.current_roles = [r for r in official.current_roles if r.division_id in ids]
    return sorted(officials, key=_role_rank)


def official_list_for_point(
    *, lat: float, lon: float, on: datetime.date | None = None
) -> list[Official]:
    """The officials of every division containing the point (see geo's point lookup)."""
    from beacon.geo.selectors import division_list_for_point

    return official_list_for_divisions(division_list_for_point(lat=lat, lon=lon, on=on), on=on)


def official_get_governor(*, on: datetime.date | None = None) -> Official | None:
    """The current Governor, contacts prefetched, or None while the office is vacant."""
    on = on or timezone.localdate()
    holding = Role.objects.filter(
        current_role_q(on=on), official=OuterRef("pk"), type=Role.Type.GOVERNOR
    )
    return _with_contacts(Official.objects.filter(Exists(holding)), on=on).first()


def official_get(*, key: str) -> Official | None:
    """The official whose slug or ocd-person uuid is `key`, contacts prefetched."""
    on = timezone.localdate()
    queryset = Official.objects.filter(Q(slug=key) | Q(ocd_person_id=f"ocd-person/{key}"))
    return _with_contacts(queryset, on=on).first()


def official_role_history(official: Official) -> list[Role]:
    """Every role the official held or holds, newest first, with divisions."""
    return list(official.roles.select_related("division").order_by("-start_date", "-pk"))


@dataclass(frozen=True)
class Seat:
    """A seat a supporter is represented in: its division and whoever holds it."""

    division: Division
    role_type: str
    official: Official | None

    @property
    def is_vacant(self) -> bool:
        return self.official is None

    @property
    def title(self) -> str:
        return str(Role.Type(self.role_type).label)


def seat_list_for_divisions(
    divisions: Iterable[Division], *, on: datetime.date | None = None
) -> list[Seat]:
    """One Seat per Senate or House district among `divisions`, Senate first.

    A seat nobody currently holds has `official=None`: it is vacant, and pages say so.
    """
    seat_divisions = [d for d in divisions if d.kind in SEAT_ROLE_BY_KIND]
    officials = official_list_for_divisions(seat_divisions, on=on)
    holder = {}
    for official in officials:
        for role in official.current_roles:
            holder.setdefault(role.division_id, official)
    seats = [Seat(d, SEAT_ROLE_BY_KIND[d.kind], holder.get(d.pk)) for d in seat_divisions]
    return sorted(seats, key=lambda s: ROLE_ORDER.index(s.role_type))


def division_list_vacant(
    *, kinds: Iterable[str] = ("sldu", "sldl"), on: datetime.date | None = None
) -> QuerySet[Division]:
    """Divisions of `kinds` whose seat nobody currently holds."""
    on = on or timezone.localdate()
    held = Role.objects.filter(current_role_q(on=on), division=OuterRef("pk"))
    return Division.objects.filter(kind__in=list(kinds)).exclude(Exists(held)).order_by("name")


def division_slug(division: Division) -> str:
    """The URL slug of a division: its id's last part, "sldl:1st_barnstable" ->
    "sldl-1st_barnstable"."""
    return division.ocd_id.rsplit("/", 1)[-1].replace(":", "-", 1)


def division_get_by_slug(*, slug: str) -> Division | None:
    """The division whose `division_slug` is `slug`, or None (unknown or malformed)."""
    kind, sep, rest = slug.partition("-")
    if not sep or not rest or "/" in slug:
        return None
    return Division.objects.filter(ocd_id__endswith=f"/{kind}:{rest}").first()


def committee_member_list(committee: Committee) -> list[CommitteeMembership]:
    """The committee's members, chair first, each official's contacts prefetched.

    Memberships the source could not link to a person have `official=None`.
    """
    on = timezone.localdate()
    order = [c.value for c in CommitteeMembership.Role]
    memberships = list(committee.memberships.order_by("id"))
    ids = [m.official_id for m in memberships if m.official_id]
    officials = {o.pk: o for o in _with_contacts(Official.objects.filter(pk__in=ids), on=on)}
    for membership in memberships:
        if membership.official_id:
            membership.official = officials[membership.official_id]
    return sorted(memberships, key=lambda m: (order.index(m.role), m.name))
