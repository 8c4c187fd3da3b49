"""The owners' view of their organizations' audit log: exports of personal data and
role changes, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beacon.core.audit.selectors import audit_entries_for_organization
from beacon.organize.gate import Permission, organizations_where

ENTRIES_SHOWN = 200


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    organizations = [
        (organization, list(audit_entries_for_organization(organization)[:ENTRIES_SHOWN]))
        for organization in organizations_where(request.user, Permission.READ_AUDIT).order_by(
            "name"
        )
    ]
    return render(request, "dashboard/audit.html", {"organizations": organizations})
