"""Retention for call records (see beacon.people.retention for the limits)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from beacon.people import retention

from ..models import Call


def calls_enforce_retention() -> dict[str, int]:
    """Blank the optional first name on calls of campaigns closed or won longer than
    after_close_days() ago. Outcome, official, district and town stay: they are the
    organizer's per-district results and identify nobody on their own."""
    ended_before = timezone.now() - timedelta(days=retention.after_close_days())
    ended = Q(ask__campaign__closed_at__lt=ended_before) | Q(ask__campaign__won_at__lt=ended_before)
    erased = Call.objects.filter(ended).exclude(first_name="").update(first_name="")
    return {"call_names_erased": erased}
