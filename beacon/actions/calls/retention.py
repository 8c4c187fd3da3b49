"""Retention for call records (beacon.people.retention: call_records and after_close)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from ..models import Call


def calls_names_erase(
    *, made_before: datetime | None = None, ended_before: datetime | None = None
) -> int:
    """Blank the optional first name on calls made before `made_before`, or on calls of
    campaigns closed or won before `ended_before`; return how many. Outcome, official,
    district and town stay: they are the organizer's per-district results and identify
    nobody on their own."""
    which = Q(pk__in=[])
    if made_before is not None:
        which |= Q(created_at__lt=made_before)
    if ended_before is not None:
        which |= Q(ask__campaign__closed_at__lt=ended_before) | Q(
            ask__campaign__won_at__lt=ended_before
        )
    return Call.objects.filter(which).exclude(first_name="").update(first_name="")
