"""Reads of campaigns, with visibility rules: drafts are never public."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import Campaign, CampaignUpdate

PUBLIC_STATUSES = (Campaign.Status.LIVE, Campaign.Status.CLOSED, Campaign.Status.WON)


def campaign_list_public() -> QuerySet[Campaign]:
    """Published campaigns, live ones first, newest first."""
    return (
        Campaign.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization", "petition")
        .order_by("status" , "-published_at")
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
