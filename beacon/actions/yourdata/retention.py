"""Retention for news consents and "Your data" links, one step per class of the schedule
(beacon.people.retention), run by beacon.actions.retention.retention_enforce. Every step
selects only rows that still hold what it removes."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from ..models import DataLink, NewsConsent
from .consents import ADDRESS_ERASED


def consents_pending_delete(*, before: datetime) -> int:
    """Delete consents whose act was never confirmed, made before `before`."""
    deleted, _rows = NewsConsent.objects.filter(given_at=None, created_at__lt=before).delete()
    return deleted


def consents_after_close_withdraw(*, ended_before: datetime) -> int:
    """Withdraw, with the address erased, consents given on campaigns closed or won before
    `ended_before`: the organization's period for keeping opted-in contacts is over."""
    ended = Q(campaign__closed_at__lt=ended_before) | Q(campaign__won_at__lt=ended_before)
    return NewsConsent.objects.filter(ended, withdrawn_at=None).update(
        withdrawn_at=timezone.now(),
        withdrawn_how=NewsConsent.Withdrawn.RETENTION,
        **ADDRESS_ERASED,
    )


def consents_withdrawn_delete(*, before: datetime) -> int:
    """Delete the anonymous records of consents withdrawn before `before`."""
    deleted, _rows = NewsConsent.objects.filter(withdrawn_at__lt=before).delete()
    return deleted


def data_links_delete(*, before: datetime) -> int:
    """Delete "Your data" link requests made before `before` (used or not)."""
    deleted, _rows = DataLink.objects.filter(created_at__lt=before).delete()
    return deleted
