"""Reads of campaigns, with visibility rules: drafts are never public."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from .models import Campaign, CampaignUpdate

PUBLIC_STATUSES = (Campaign.Status.LIVE, Campaign.Status.CLOSED, Campaign.Status.WON)


def campaign_list_public() -> QuerySet[Campaign]:
    """Published campaigns, live ones first, then won and closed ones; newest first
    within each. The status text sorts "closed" before "live", so the order is explicit."""
    rank = Case(
        When(status=Campaign.Status.LIVE, then=Value(0)),
        When(status=Campaign.Status.WON, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Campaign.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization", "petition")
        .order_by(rank, "-published_at")
    )


def campaign_get_public(*, slug: str) -> Campaign:
    """A published campaign by slug; Http404 for unknown and draft campaigns alike."""
    try:
        return (
            Campaign.objects.select_related("organization", "petition")
            .prefetch_related("partners")
            .get(slug=slug, status__in=PUBLIC_STATUSES)
        )
    except Campaign.DoesNotExist as exc:
        raise Http404("campaign") from exc


def campaign_update_list(*, campaign: Campaign, limit: int = 5) -> list[CampaignUpdate]:
    """The newest published updates of a campaign."""
    return list(campaign.updates.all()[:limit])


def campaign_page_version(*, slug: str) -> str:
    """A short key that changes whenever the public page of a campaign must change at
    once: a status change (even by a bulk update) or any edit saved through the admin.
    Http404 for unknown and draft campaigns. One indexed query, no joins."""
    row = (
        Campaign.objects.filter(slug=slug, status__in=PUBLIC_STATUSES)
        .values_list("status", "updated_at", "closed_at", "won_at")
        .first()
    )
    if row is None:
        raise Http404("campaign")
    return ":".join(str(part.timestamp() if isinstance(part, datetime) else part) for part in row)
