"""Writes for signatures gathered outside Beacon: an organizer adds a counted number with
a note, or removes an entry made in error. Both recount the petition at once (the same
batched recount as always, for this one petition) and are written to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from beacon.campaigns.models import OfflineSignatures, Petition
from beacon.core.audit.services import Actor, audit_record
from beacon.core.models import AuditEntry

from .services import petition_counts_refresh

MAX_COUNT = 1_000_000


@transaction.atomic
def offline_signatures_add(
    *, petition: Petition, count: int, note: str, actor: Actor
) -> OfflineSignatures:
    """Add `count` signatures (1 to MAX_COUNT) gathered offline, described by `note`.
    The petition's stored count includes them when this returns; the public page shows
    them in its total once its cached count expires (ADR 0003), never as names."""
    if not 1 <= count <= MAX_COUNT:
        raise ValueError("count out of range")
    user: Any = actor if getattr(actor, "is_authenticated", False) else None
    entry = OfflineSignatures.objects.create(
        petition=petition, count=count, note=note.strip(), added_by=user
    )
    petition_counts_refresh(petition_ids=[petition.pk])
    audit_record(
        actor=actor,
        kind=AuditEntry.Kind.OFFLINE_ADDED,
        subject=f"{count} · {entry.note}",
        organization=petition.campaign.organization,
        detail={"petition": petition.pk, "entry": entry.pk, "count": count},
    )
    return entry


@transaction.atomic
def offline_signatures_remove(*, entry: OfflineSignatures, actor: Actor) -> None:
    """Delete one entry (entered in error) and recount its petition."""
    petition = entry.petition
    detail = {"petition": petition.pk, "entry": entry.pk, "count": entry.count}
    subject = f"{entry.count} · {entry.note}"
    entry.delete()
    petition_counts_refresh(petition_ids=[petition.pk])
    audit_record(
        actor=actor,
        kind=AuditEntry.Kind.OFFLINE_REMOVED,
        subject=subject,
        organization=petition.campaign.organization,
        detail=detail,
    )
