"""Applying an Open States Dataset to the database, in place and idempotently.

Rules (docs/officials.md): people are matched by ocd-person id and never duplicated;
roles of the types a source covers that the source no longer lists are ended today;
offices and channels are matched by a stable source key; a channel corrected by staff
keeps its value until the source changes that value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify

from beacon.geo.models import Division
from beacon.officials.importers.common import STATEWIDE, state_metadata
from beacon.officials.importers.records import (
    ChannelRecord,
    CommitteeRecord,
    Dataset,
    OfficeRecord,
    PersonRecord,
    RoleRecord,
)
from beacon.officials.models import (
    Chamber,
    Committee,
    CommitteeMembership,
    ContactChannel,
    Jurisdiction,
    Office,
    Official,
    Role,
    current_role_q,
)
from beacon.officials.terms import term_end_for

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


@dataclass
class ImportReport:
    """What an import changed, for the command to print and tests to check."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    unchanged: int = 0
    corrections_kept: list[str] = field(default_factory=list)
    corrections_replaced: list[str] = field(default_factory=list)
    committees: int = 0
    memberships: int = 0
    warnings: list[str] = field(default_factory=list)
    as_of: datetime.date | None = None


@dataclass
class _Context:
    jurisdiction: Jurisdiction
    chambers: dict[str, Chamber]
    divisions: dict[str, Division]
    report: ImportReport
    as_of: datetime.date
    seen_roles: set[int] = field(default_factory=set)


# The legislature's switchboard, reachable whoever holds a seat (malegislature.gov).
LEGISLATURE_MAIN_PHONE = {"ma": "+1 617-722-2000"}

KIND_BY_PREFIX = {"sldu": "sldu", "sldl": "sldl", "place": "place"}


def _division_kind(ocd_id: str) -> str:
    last = ocd_id.rsplit("/", 1)[-1]
    prefix = last.split(":", 1)[0]
    return KIND_BY_PREFIX.get(prefix, "state" if prefix == "state" else "place")


def division_ensure(divisions: dict[str, Division], *, ocd_id: str, name: str) -> Division:
    """The Division for an OCD id, created when unknown (boundaries may come later)."""
    if ocd_id not in divisions:
        divisions[ocd_id], _ = Division.objects.get_or_create(
            ocd_id=ocd_id, defaults={"name": name, "kind": _division_kind(ocd_id)}
        )
    return divisions[ocd_id]


def jurisdiction_ensure(
    *, abbr: str = "ma"
) -> tuple[Jurisdiction, dict[str, Chamber], dict[str, Division]]:
    """The state's Jurisdiction, its chambers, and a Division for every district the
    openstates-metadata package lists, so that a seat nobody holds is known as vacant."""
    state = state_metadata(abbr)
    divisions = {d.ocd_id: d for d in Division.objects.all()}
    state_division = division_ensure(divisions, ocd_id=state.division_id, name=state.name)
    jurisdiction, _ = Jurisdiction.objects.update_or_create(
        ocd_id=state.jurisdiction_id,
        defaults={
            "name": state.name,
            "legislature_name": state.legislature_name,
            "division": state_division,
        },
    )
    if not jurisdiction.main_phone and abbr in LEGISLATURE_MAIN_PHONE:
        # Staff may change it in the admin; imports only fill it in.
        jurisdiction.main_phone = LEGISLATURE_MAIN_PHONE[abbr]
        jurisdiction.save(update_fields=["main_phone"])
    chambers: dict[str, Chamber] = {}
    for kind, meta in (("upper", state.upper), ("lower", state.lower)):
        if meta is None:  # A one-chamber legislature: not supported.
            raise ValueError(f"openstates-metadata lists no {kind} chamber for {state.name}")
        chambers[meta.chamber_type], _ = Chamber.objects.update_or_create(
            jurisdiction=jurisdiction,
            kind=meta.chamber_type,
            defaults={
                "name": meta.name,
                "member_title": meta.title,
                "ocd_organization_id": meta.organization_id,
            },
        )
        for district in meta.districts:
            if district.division_id is not None:  # Else it cannot be placed (see role_record).
                division_ensure(divisions, ocd_id=district.division_id, name=district.name)
    return jurisdiction, chambers, divisions


@transaction.atomic
def officials_import(*, dataset: Dataset, abbr: str = "ma", source: str = "") -> ImportReport:
    """Apply `dataset` to the database in place and report what changed.

    Never duplicates a person; closes roles of the types the dataset covers that it no
    longer lists (at their term's end if that has passed, else today); gives roles
    without an end date the end of the term current on the data's "as of" date; keeps
    staff corrections unless the source changed; records how current the data is on the
    jurisdiction (`data_as_of`), for pages to show.
    """
    jurisdiction, chambers, divisions = jurisdiction_ensure(abbr=abbr)
    as_of = dataset.as_of_date(today=timezone.localdate())
    report = ImportReport(warnings=dataset.warnings, as_of=as_of)
    ctx = _Context(jurisdiction, chambers, divisions, report, as_of)
    # Two calls, one set of prefetches: in a single call, django-stubs would type
    # `direct_channels` from every Prefetch's model (Office and ContactChannel) at once.
    officials = Official.objects.prefetch_related(
        "roles", Prefetch("offices", queryset=Office.objects.prefetch_related("channels"))
    ).prefetch_related(
        Prefetch(
            "channels",
            queryset=ContactChannel.objects.filter(office=None),
            to_attr="direct_channels",
        ),
    )
    existing = {o.ocd_person_id: o for o in officials}
    for person in dataset.people:
        _person_apply(ctx, person, existing.get(person.ocd_person_id))
    _roles_end_unlisted(ctx, dataset.role_types)
    _warn_shared_single_seats(ctx)
    if dataset.has_committees:
        _committees_apply(ctx, dataset.committees)
    jurisdiction.data_as_of = as_of
    jurisdiction.data_imported_at = timezone.now()
    jurisdiction.data_source = source[:500]
    jurisdiction.save(update_fields=["data_as_of", "data_imported_at", "data_source"])
    from .lookup import officials_cache_clear  # The lookup page's cache of this process.

    officials_cache_clear()  # Harmless if this transaction is rolled back.
    return ctx.report


def _slug_for(person: PersonRecord) -> str:
    base = slugify(person.name)[:100] or "official"
    if not Official.objects.filter(slug=base).exists():
        return base
    return f"{base}-{person.ocd_person_id.rsplit('/', 1)[-1][:8]}"


class _DirectChannels(TypedDict):
    """What `officials_import` prefetches on every official besides roles and offices."""

    direct_channels: list[ContactChannel]


def _person_apply(
    ctx: _Context,
    person: PersonRecord,
    stored: WithAnnotations[Official, _DirectChannels] | None,
) -> None:
    fields = {
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "party": person.party,
        "photo_source_url": person.image,
        "profile_url": person.profile_url,
    }
    changes: list[str] = []
    is_new = stored is None
    official: Official
    direct_channels: list[ContactChannel]
    if stored is None:
        official = Official.objects.create(
            ocd_person_id=person.ocd_person_id, slug=_slug_for(person), **fields
        )
        direct_channels = []
        ctx.report.added.append(person.name)
    else:
        official, direct_channels = stored, stored.direct_channels
        changed = [k for k, v in fields.items() if getattr(official, k) != v]
        if changed:
            if "photo_source_url" in changed and official.photo:
                # A new source photo: the copy is refetched by officials_photos_copy.
                official.photo.delete(save=False)
            for key in changed:
                setattr(official, key, fields[key])
            official.save()
            changes.extend(changed)
    changes += _roles_apply(ctx, official, person.roles, is_new=is_new)
    changes += _offices_apply(ctx, official, person.offices, is_new=is_new)
    changes += _channels_apply(ctx, official, None, direct_channels, person.channels)
    if is_new:
        return
    if changes:
        ctx.report.updated.append(f"{person.name} ({', '.join(sorted(set(changes)))})")
    else:
        ctx.report.unchanged += 1


def _role_match(existing: list[Role], record: RoleRecord, division: Division) -> Role | None:
    """The stored role this record describes: same type, division and start date; or,
    for a current record, the same seat's current role (a start date missing or fixed)."""
    for role in existing:
        if (role.type, role.division_id, role.start_date) == (
            record.type,
            division.pk,
            record.start_date,
        ):
            return role
    if record.end_date is None or record.end_date > timezone.localdate():
        # A current seat whose start date is missing (the CSV has none) or was corrected;
        # an open role whose term has run out is the same seat, re-elected.
        for role in existing:
            same_seat = (role.type, role.division_id) == (record.type, division.pk)
            if same_seat and (role.end_date is None or role.is_current()):
                return role
    return None


class _RoleValues(TypedDict):
    """A role's fields the source sets."""

    chamber: Chamber | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    end_reason: str
    term_end_date: datetime.date | None


def _roles_apply(
    ctx: _Context, official: Official, records: list[RoleRecord], *, is_new: bool
) -> list[str]:
    existing = [] if is_new else list(official.roles.all())
    changes = []
    for record in records:
        division = division_ensure(
            ctx.divisions, ocd_id=record.division_id, name=record.division_name
        )
        role = _role_match([r for r in existing if r.pk not in ctx.seen_roles], record, division)
        values: _RoleValues = {
            "chamber": ctx.chambers.get(record.chamber),
            "start_date": record.start_date,
            "end_date": record.end_date,
            "end_reason": record.end_reason,
            "term_end_date": term_end_for(
                role_type=record.type, end_date=record.end_date, as_of=ctx.as_of
            ),
        }
        if role is None:
            role = Role.objects.create(
                official=official, division=division, type=record.type, **values
            )
            existing.append(role)
            changes.append("role")
        else:
            if record.start_date is None:
                values["start_date"] = role.start_date
            if any(getattr(role, k) != v for k, v in values.items()):
                # Open until now (current, or its term run out): the source ends it.
                was_open = role.end_date is None or role.is_current()
                if was_open and not _still_current(values):
                    ctx.report.ended.append(f"{official.name}: {role.title}, {division.name}")
                for key, value in values.items():
                    setattr(role, key, value)
                role.save()
                changes.append("role")
        ctx.seen_roles.add(role.pk)
    return changes


def _still_current(values: _RoleValues) -> bool:
    today = timezone.localdate()
    return all(day is None or day > today for day in (values["end_date"], values["term_end_date"]))


def _roles_end_unlisted(ctx: _Context, role_types: frozenset[str]) -> None:
    """Close the roles of `role_types` the source no longer lists: current ones as of
    today, and open ones whose term ran out (the member was not returned) on that day."""
    today = timezone.localdate()
    stale = (
        Role.objects.filter(current_role_q() | Q(end_date__isnull=True), type__in=role_types)
        .exclude(pk__in=ctx.seen_roles)
        .select_related("official", "division")
    )
    for role in stale:
        term_over = role.term_end_date is not None and role.term_end_date <= today
        if term_over:
            role.end_date = role.term_end_date
            role.end_reason = role.end_reason or "Term ended"
        else:
            role.end_date = max(today, role.start_date or today)
            role.end_reason = role.end_reason or "No longer listed by the source"
        role.save(update_fields=["end_date", "end_reason"])
        ctx.report.ended.append(f"{role.official.name}: {role.title}, {role.division.name}")


def _warn_shared_single_seats(ctx: _Context) -> None:
    """Statewide offices have one holder. Open States sometimes lists one person twice
    under two ids; say so, for staff to report upstream, rather than guess which to keep."""
    holders: dict[str, list[str]] = {}
    current = Role.objects.filter(current_role_q(), type__in=STATEWIDE).select_related("official")
    for role in current.order_by("official__name"):
        holders.setdefault(role.title, []).append(role.official.name)
    for title, names in holders.items():
        if len(names) > 1:
            ctx.report.warnings.append(
                f"{title} is held by {len(names)} people in the source: {', '.join(names)}"
            )


def _offices_apply(
    ctx: _Context, official: Official, records: list[OfficeRecord], *, is_new: bool
) -> list[str]:
    offices = [] if is_new else official.offices.all()
    existing = {o.source_key: o for o in offices if o.source_key}
    changes = []
    for position, record in enumerate(records):
        office = existing.pop(record.key, None)
        if office is None:
            office = Office.objects.create(
                official=official,
                kind=record.kind,
                name=record.name,
                source_key=record.key,
                position=position,
            )
            current: list[ContactChannel] = []
            changes.append("office")
        else:
            current = list(office.channels.all())
            if (office.kind, office.name) != (record.kind, record.name):
                office.kind, office.name = record.kind, record.name
                office.save(update_fields=["kind", "name"])
                changes.append("office")
        changes += _channels_apply(ctx, official, office, current, record.channels)
    for office in existing.values():  # offices the source no longer lists
        channels = list(office.channels.all())
        if office.is_staff_added or any(c.is_staff_added for c in channels):
            _channels_apply(ctx, official, office, channels, [])
        else:
            office.delete()
            changes.append("office")
    return changes


def _channels_apply(
    ctx: _Context,
    official: Official,
    office: Office | None,
    existing: list[ContactChannel],
    records: list[ChannelRecord],
) -> list[str]:
    by_key = {c.source_key: c for c in existing if c.source_key}
    changes = []
    for position, record in enumerate(records):
        channel = by_key.pop(record.key, None)
        if channel is None:
            ContactChannel.objects.create(
                official=official,
                office=office,
                kind=record.kind,
                value=record.value,
                label=record.label,
                source_value=record.value,
                source_key=record.key,
                position=position,
            )
            changes.append(record.kind)
        elif channel.source_value == record.value:
            if channel.is_staff_added and channel.value != record.value:
                ctx.report.corrections_kept.append(f"{official.name} ({channel.kind})")
        else:
            if channel.is_staff_added:
                ctx.report.corrections_replaced.append(f"{official.name} ({channel.kind})")
            _channel_take_source(channel, record)
            changes.append(record.kind)
    for channel in by_key.values():  # gone from the source: kept only if staff vouch for it
        if not channel.is_staff_added:
            channel.delete()
            changes.append(channel.kind)
    return changes


def _channel_take_source(channel: ContactChannel, record: ChannelRecord) -> None:
    """The source changed this value since staff corrected it (or nobody did): the new
    source value wins and the staff mark is cleared, so the row reads as imported again."""
    channel.value = channel.source_value = record.value
    channel.kind = record.kind
    channel.is_staff_added = False
    channel.staff_changed_at = None
    channel.staff_note = ""
    channel.save()


def _committees_apply(ctx: _Context, records: list[CommitteeRecord]) -> None:
    officials = dict(Official.objects.values_list("ocd_person_id", "pk"))
    existing = {c.ocd_organization_id: c for c in Committee.objects.all()}
    seen = set()
    for record in records:
        committee = existing.get(record.ocd_organization_id)
        values = {
            "name": record.name,
            "chamber": record.chamber,
            "is_active": True,
            "jurisdiction": ctx.jurisdiction,
        }
        if committee is None:
            committee = Committee.objects.create(
                ocd_organization_id=record.ocd_organization_id, **values
            )
            existing[record.ocd_organization_id] = committee
        elif any(getattr(committee, k) != v for k, v in values.items()):
            Committee.objects.filter(pk=committee.pk).update(**values)
        seen.add(committee.pk)
        _memberships_replace(ctx, committee, record, officials)
    for record in records:
        if record.parent_id in existing:
            Committee.objects.filter(ocd_organization_id=record.ocd_organization_id).update(
                parent=existing[record.parent_id]
            )
    gone = Committee.objects.exclude(pk__in=seen)
    CommitteeMembership.objects.filter(committee__in=gone).delete()
    gone.update(is_active=False)
    ctx.report.committees = len(seen)


def _memberships_replace(
    ctx: _Context, committee: Committee, record: CommitteeRecord, officials: dict[str, int]
) -> None:
    """Memberships have no identity of their own in the source: replace them wholesale."""
    committee.memberships.all().delete()
    rows, keys = [], set()
    for member in record.members:
        official_id = officials.get(member.ocd_person_id)
        if official_id and (official_id, member.role) in keys:
            continue
        keys.add((official_id, member.role))
        rows.append(
            CommitteeMembership(
                committee=committee,
                official_id=official_id,
                name=member.name,
                role=member.role,
                role_label=member.role_label,
            )
        )
    CommitteeMembership.objects.bulk_create(rows)
    ctx.report.memberships += len(rows)
