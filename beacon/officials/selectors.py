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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from beacon.geo.models import Division
from beacon.officials.models import (
    Committee,
    CommitteeMembership,
    ContactChannel,
    Jurisdiction,
    Office,
    Official,
    Role,
    current_role_q,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Seats a supporter has exactly one of, by division kind, in display order.
SEAT_ROLE_BY_KIND = {"sldu": Role.Type.UPPER, "sldl": Role.Type.LOWER}
ROLE_ORDER: list[str] = [
    Role.Type.UPPER,
    Role.Type.LOWER,
    Role.Type.GOVERNOR,
    Role.Type.LT_GOVERNOR,
]


class OfficeChannels(TypedDict):
    """What `_with_contacts` prefetches on each office of `office_list`."""

    channel_list: list[ContactChannel]


class OfficialContacts(TypedDict):
    """What `_with_contacts` prefetches on each official (see the module's docstring)."""

    current_roles: list[Role]
    office_list: list[WithAnnotations[Office, OfficeChannels]]
    direct_channels: list[ContactChannel]


if TYPE_CHECKING:
    # An Official loaded by these selectors, with its prefetched contacts.
    OfficialWithContacts = WithAnnotations[Official, OfficialContacts]


def _with_contacts(
    queryset: QuerySet[Official], *, on: datetime.date
) -> QuerySet[OfficialWithContacts]:
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


def _role_rank(official: OfficialWithContacts) -> tuple[int, str]:
    types = [role.type for role in official.current_roles]
    ranks = [ROLE_ORDER.index(t) if t in ROLE_ORDER else len(ROLE_ORDER) for t in types]
    return (min(ranks, default=len(ROLE_ORDER)), official.family_name or official.name)


def official_list_for_divisions(
    divisions: Iterable[Division], *, on: datetime.date | None = None
) -> list[OfficialWithContacts]:
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
) -> list[OfficialWithContacts]:
    """The officials of every division containing the point (see geo's point lookup)."""
    from beacon.geo.selectors import division_list_for_point

    return official_list_for_divisions(division_list_for_point(lat=lat, lon=lon, on=on), on=on)


def official_get_governor(*, on: datetime.date | None = None) -> OfficialWithContacts | None:
    """The current Governor, contacts prefetched, or None when the data names nobody
    (see `seat_get_governor` for the office itself, which outlives its holder)."""
    on = on or timezone.localdate()
    holding = Role.objects.filter(
        current_role_q(on=on), official=OuterRef("pk"), type=Role.Type.GOVERNOR
    )
    return _with_contacts(Official.objects.filter(Exists(holding)), on=on).first()


def seat_get_governor(
    *, on: datetime.date | None = None, holder: Official | None = None
) -> Seat | None:
    """The Governor's seat: its holder, or, when the term in the data has ended with no
    successor, the last holder (whose office channels are the Governor's office's).
    None only when the data knows no Governor at all. `holder`, when the caller already
    loaded the current Governor, saves the queries."""
    on = on or timezone.localdate()
    official = holder or official_get_governor(on=on)
    role = next((r for r in getattr(official, "current_roles", []) if r.type == "governor"), None)
    if role is not None:  # Its prefetched role knows the seat: no query.
        return Seat(role.division, Role.Type.GOVERNOR, official)
    jurisdiction = Jurisdiction.objects.select_related("division").first()
    if jurisdiction is None:
        return None
    division = jurisdiction.division
    if official is not None:
        return Seat(division, Role.Type.GOVERNOR, official)
    seat = Seat(division, Role.Type.GOVERNOR, None)
    filled = _seats_fill_last_holders([seat], on=on, jurisdiction=jurisdiction)[0]
    return filled if filled.last_holder is not None else None


def official_get(*, key: str) -> OfficialWithContacts | None:
    """The official whose slug or ocd-person uuid is `key`, contacts prefetched."""
    on = timezone.localdate()
    queryset = Official.objects.filter(Q(slug=key) | Q(ocd_person_id=f"ocd-person/{key}"))
    return _with_contacts(queryset, on=on).first()


def official_role_history(official: Official) -> list[Role]:
    """Every role the official held or holds, newest first, with divisions."""
    return list(official.roles.select_related("division").order_by("-start_date", "-pk"))


@dataclass(frozen=True)
class Seat:
    """A seat a supporter is represented in: its division and whoever holds it.

    Nobody holds it (`official=None`) in two cases pages tell apart: the seat is vacant
    (the data says so), or it is awaiting updated data: the last holder's term ended
    after the data was taken (`last_holder`, `term_ended_on`), so the data cannot know
    who holds it now. The office outlives its holder: for the Governor, the last
    holder's channels are the office's; for legislators, the State House line.
    """

    division: Division
    role_type: str
    official: Official | None
    last_holder: Official | None = None
    term_ended_on: datetime.date | None = None

    @property
    def is_awaiting_data(self) -> bool:
        return self.official is None and self.last_holder is not None

    @property
    def is_vacant(self) -> bool:
        return self.official is None and self.last_holder is None

    @property
    def title(self) -> str:
        return str(Role.Type(self.role_type).label)


def seat_list_for_divisions(
    divisions: Iterable[Division], *, on: datetime.date | None = None
) -> list[Seat]:
    """One Seat per Senate or House district among `divisions`, Senate first.

    A seat nobody currently holds has `official=None`: it is vacant, or awaiting updated
    data (`Seat.is_awaiting_data`), and pages say which.
    """
    seat_divisions = [d for d in divisions if d.kind in SEAT_ROLE_BY_KIND]
    officials = official_list_for_divisions(seat_divisions, on=on)
    return seat_list_from(seat_divisions, officials, on=on)


def seat_list_from(
    divisions: Iterable[Division],
    officials: Iterable[OfficialWithContacts],
    *,
    on: datetime.date | None = None,
) -> list[Seat]:
    """Seats for the Senate and House `divisions`, held by whichever of `officials`
    (from `official_list_for_divisions`) holds them, Senate first; the others with their
    last holder when the seat is awaiting updated data. One query more at most."""
    on = on or timezone.localdate()
    holder: dict[int, Official] = {}
    for official in officials:
        for role in official.current_roles:
            holder.setdefault(role.division_id, official)
    seats = [
        Seat(d, SEAT_ROLE_BY_KIND[d.kind], holder.get(d.pk))
        for d in divisions
        if d.kind in SEAT_ROLE_BY_KIND
    ]
    seats = _seats_fill_last_holders(seats, on=on)
    return sorted(seats, key=lambda s: ROLE_ORDER.index(Role.Type(s.role_type)))


def _seats_fill_last_holders(
    seats: list[Seat], *, on: datetime.date, jurisdiction: Jurisdiction | None = None
) -> list[Seat]:
    """`seats` with `last_holder` and `term_ended_on` set on the empty ones whose last
    role ended after the data's "as of" date (so the data cannot know the successor)."""
    empty = {(s.division.pk, s.role_type) for s in seats if s.official is None}
    if not empty:
        return seats
    if jurisdiction is None:
        jurisdiction = Jurisdiction.objects.first()
    as_of = jurisdiction.data_as_of if jurisdiction else None
    ended = Role.objects.filter(
        division_id__in={d for d, _ in empty}, type__in={t for _, t in empty}
    ).exclude(current_role_q(on=on))
    last: dict[tuple[int, str], tuple[datetime.date, Role]] = {}
    for role in ended:
        ends_on = role.ends_on
        key = (role.division_id, role.type)
        if ends_on is None or ends_on > on or key not in empty:
            continue  # Not started yet, or another seat.
        if key not in last or ends_on > last[key][0]:
            last[key] = (ends_on, role)
    awaiting = {
        key: role
        for key, (ends_on, role) in last.items()
        if (as_of is not None and ends_on > as_of) or (as_of is None and not role.end_reason)
    }
    if not awaiting:
        return seats
    ids = {role.official_id for role in awaiting.values()}
    officials = {o.pk: o for o in _with_contacts(Official.objects.filter(pk__in=ids), on=on)}
    filled = []
    for seat in seats:
        last_role = awaiting.get((seat.division.pk, seat.role_type))
        if seat.official is None and last_role is not None:
            seat = replace(
                seat,
                last_holder=officials[last_role.official_id],
                term_ended_on=last_role.ends_on,
            )
        filled.append(seat)
    return filled


def seat_list_awaiting_for_official(
    official: Official, *, on: datetime.date | None = None
) -> list[Seat]:
    """The seats `official` was the last known holder of whose term has ended with no
    successor in the data (their page says "awaiting updated data")."""
    on = on or timezone.localdate()
    ended = [r for r in official.roles.select_related("division") if not r.is_current(on)]
    seats = [Seat(r.division, r.type, None) for r in ended if r.ends_on and r.ends_on <= on]
    filled = _seats_fill_last_holders(seats, on=on) if seats else []
    return [s for s in filled if s.last_holder is not None and s.last_holder.pk == official.pk]


def seat_list_ending(*, within_days: int = 30, on: datetime.date | None = None) -> list[Role]:
    """Roles whose term (or set end date) ends within `within_days`, and roles whose term
    has already ended with no successor in the data (their seat awaits updated data),
    soonest first, with official and division: what operators must refresh the data for."""
    on = on or timezone.localdate()
    until = on + datetime.timedelta(days=within_days)
    soon = Q(end_date__lte=until) | Q(term_end_date__lte=until)
    roles = list(
        Role.objects.filter(current_role_q(on=on))
        .filter(soon)
        .select_related("official", "division")
    )
    as_of = officials_data_as_of()
    if as_of is not None:
        held = Role.objects.filter(
            current_role_q(on=on), division=OuterRef("division"), type=OuterRef("type")
        )
        ended = (
            Role.objects.exclude(current_role_q(on=on))
            .filter(
                Q(end_date__gt=as_of, end_date__lte=on)
                | Q(end_date__isnull=True, term_end_date__gt=as_of, term_end_date__lte=on)
            )
            .exclude(Exists(held))
            .select_related("official", "division")
        )
        roles += list(ended)
    return sorted(roles, key=lambda r: (r.ends_on, r.type, r.division.name))


def officials_data_as_of() -> datetime.date | None:
    """The day the officials data describes (see `Jurisdiction.data_as_of`)."""
    return Jurisdiction.objects.values_list("data_as_of", flat=True).first()


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
