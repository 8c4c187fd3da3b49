"""Organizer pages: letter results per action and their CSV export. Login required."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render

from .selectors import (
    letter_action_get_for_user,
    letter_action_list_for_user,
    letter_action_results,
    letter_export_rows,
    may_see_contacts,
)


@login_required
def home(request):
    """Every letter action the organizer may see, with its letter count."""
    actions = letter_action_list_for_user(request.user)
    return render(request, "dashboard/home.html", {"actions": actions})


@login_required
def letter_results(request, pk: int):
    """Letters by recipient official, by district and by delivery status."""
    action = letter_action_get_for_user(request.user, pk=pk)
    context = {
        "action": action,
        "results": letter_action_results(action=action),
        "with_contacts": may_see_contacts(request.user, action),
    }
    return render(request, "dashboard/letters.html", context)


class _Echo:
    def write(self, value):
        return value


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheets: quote it (CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
def letter_export(request, pk: int):
    """The action's letters as CSV, one row per recipient; contact details only for
    owners and editors."""
    action = letter_action_get_for_user(request.user, pk=pk)
    rows = letter_export_rows(action=action, with_contacts=may_see_contacts(request.user, action))
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([_csv_safe(str(v)) for v in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="letters-{action.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response
