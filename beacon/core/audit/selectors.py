"""Reads of the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from beacon.core.models import AuditEntry


def audit_entries_for_organization(organization: Any) -> QuerySet[AuditEntry]:
    """The entries naming `organization` (exports of its data, roles in it), newest
    first. For the owners' view in the organizer workspace: the caller checks that the
    user is an owner (beacon.campaigns.access)."""
    return AuditEntry.objects.filter(organization_id=organization.pk).order_by(
        "-recorded_at", "-pk"
    )
