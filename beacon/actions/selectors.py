"""Reads of supporters' acts for public pages: counts and recent participants."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from beacon.campaigns.models import Petition

from .models import Signature

RECENT_CACHE_SECONDS = 5


@dataclass(frozen=True)
class Participant:
    first_name: str
    town: str


def petition_recent_participants(*, petition: Petition, limit: int = 8) -> list[Participant]:
    """First name and town of the latest confirmed signers who agreed to be shown.

    Cached for a few seconds: a surge of readers must not turn into a surge of queries."""
    key = f"petition:{petition.pk}:recent:{limit}"
    participants = cache.get(key)
    if participants is None:
        rows = (
            Signature.objects.filter(
                petition=petition, status=Signature.Status.CONFIRMED, is_public=True
            )
            .order_by("-confirmed_at")
            .values_list("first_name", "town")[:limit]
        )
        participants = [Participant(first_name=f, town=t) for f, t in rows]
        cache.set(key, participants, RECENT_CACHE_SECONDS)
    return participants


def petition_progress(*, petition: Petition) -> dict:
    """Count, goal and percentage for the progress bar (count from the batch job)."""
    goal = max(petition.campaign.goal, 1)
    count = petition.signature_count
    return {"count": count, "goal": goal, "percent": min(100, round(100 * count / goal))}
