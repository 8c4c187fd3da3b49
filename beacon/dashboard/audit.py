"""The owners' view of their organizations' audit log: exports of personal data and
role changes, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beacon.campaigns.access import access_organization_list_for_owner
from beacon.core.audit.selectors import audit_entries_for_organization

ENTRIES_SHOWN = 200


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    organizations = [
        (organization, list(audit_entries_for_organization(organization)[:ENTRIES_SHOWN]))
        for organization in access_organization_list_for_owner(request.user).order_by("name")
    ]
    return render(request, "dashboard/audit.html", {"organizations": organizations})
