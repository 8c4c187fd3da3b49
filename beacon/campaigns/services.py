"""Writes to campaigns: publishing, closing, declaring victory."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Campaign


@transaction.atomic
def campaign_publish(*, campaign: Campaign) -> Campaign:
    """Make a draft campaign live. Publishing a campaign already past its deadline closes it."""
    campaign.status = Campaign.Status.LIVE
    campaign.published_at = campaign.published_at or timezone.now()
    if campaign.is_past_deadline:
        campaign.status = Campaign.Status.CLOSED
        campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign) -> Campaign:
    """Stop a live campaign from taking actions; its page stays up and says so."""
    if campaign.status in (Campaign.Status.LIVE, Campaign.Status.DRAFT):
        campaign.status = Campaign.Status.CLOSED
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["status", "closed_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_mark_won(*, campaign: Campaign, message: str = "") -> Campaign:
    """Declare victory: the page shows a banner with the organizer's message, and
    signing stops."""
    campaign.status = Campaign.Status.WON
    campaign.won_at = timezone.now()
    if message:
        campaign.victory_message = message
    campaign.save(update_fields=["status", "won_at", "victory_message", "updated_at"])
    return campaign


def campaigns_close_expired() -> int:
    """Close every live campaign whose deadline has passed; return how many closed.

    Views already refuse actions after the deadline, so this job only makes the
    stored status catch up with the clock."""
    now = timezone.now()
    return Campaign.objects.filter(status=Campaign.Status.LIVE, deadline__lte=now).update(
        status=Campaign.Status.CLOSED, closed_at=now, updated_at=now
    )
