"""Organizer pages: letter results per ask and their CSV export. Login required."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from beacon.actions.letters.changeover import letters_send_awaiting_to_office
from beacon.campaigns.access import access_organization_list_for_user
from beacon.core.audit.services import audit_export
from beacon.core.exports import csv_response
from beacon.officials.selectors import seat_list_ending

from .selectors import (
    letter_ask_get_for_user,
    letter_ask_list_for_user,
    letter_ask_results,
    letter_count_awaiting_for_user,
    letter_export_rows,
    may_see_contacts,
)


@login_required
def home(request):
    """Every letter ask the organizer may see, with its letter count."""
    asks = letter_ask_list_for_user(request.user)
    organizations = access_organization_list_for_user(request.user).order_by("name")
    context = {"asks": asks, "organizations": organizations, **_changeover_context(request.user)}
    return render(request, "dashboard/home.html", context)


def _changeover_context(user, ask=None) -> dict:
    """Seats whose term ends within 30 days or has ended with no successor in the data,
    and the user's letters held for such seats: what waits on a data refresh."""
    return {
        "ending": seat_list_ending(within_days=30),
        "held_awaiting": letter_count_awaiting_for_user(user, ask=ask),
    }


@login_required
def letter_results(request, pk: int):
    """Letters by recipient official, by district and by delivery status."""
    ask = letter_ask_get_for_user(request.user, pk=pk)
    context = {
        "ask": ask,
        "results": letter_ask_results(ask=ask),
        "with_contacts": may_see_contacts(request.user, ask),
        **_changeover_context(request.user, ask),
    }
    return render(request, "dashboard/letters.html", context)


@login_required
@require_POST
def letter_send_awaiting(request, pk: int):
    """The organizer's choice: send this ask's letters held for a seat awaiting
    updated data to the seat's last known office now. Owners and editors only."""
    ask = letter_ask_get_for_user(request.user, pk=pk)
    if not may_see_contacts(request.user, ask):
        raise PermissionDenied
    sent = letters_send_awaiting_to_office(ask=ask)
    messages.success(
        request,
        ngettext(
            "%(count)d held letter was sent to the office.",
            "%(count)d held letters were sent to the office.",
            sent,
        )
        % {"count": sent},
    )
    return redirect("dashboard:letters", pk=ask.pk)


@login_required
def letter_export(request, pk: int):
    """The ask's letters as CSV, one row per recipient; contact details only for
    owners and editors. Every export is written to the audit log."""
    ask = letter_ask_get_for_user(request.user, pk=pk)
    with_contacts = may_see_contacts(request.user, ask)
    filename = f"letters-{ask.pk}.csv"
    audit_export(
        actor=request.user,
        filename=filename,
        organization=ask.campaign.organization,
        detail={"letter_ask": ask.pk, "with_contacts": with_contacts},
    )
    return csv_response(letter_export_rows(ask=ask, with_contacts=with_contacts), filename=filename)
