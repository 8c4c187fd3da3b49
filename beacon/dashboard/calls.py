"""Organizer pages for call asks: calls by official, outcome, district and day, and
their CSV export. Login required; visibility through the organizer gate,
beacon.organize.gate (404 for anything outside the organizer's organizations)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from beacon.actions.models import Call
from beacon.campaigns.models import CallAsk
from beacon.core.audit.services import audit_export
from beacon.core.exports import csv_response
from beacon.organize.gate import Permission, can, organizations_where

from .charts import DailyChart, campaign_day_range, daily_chart
from .constituents import ConstituentCounts, constituent_counts_for

_COUNTED = Q(outcome__in=Call.COUNTED)


def call_ask_list_for_user(user) -> QuerySet[CallAsk]:
    """Call asks of the campaigns the organizer may see, with counted calls."""
    return (
        CallAsk.objects.filter(
            campaign__organization__in=organizations_where(user, Permission.VIEW)
        )
        .select_related("campaign")
        .annotate(
            counted=Count("calls", filter=Q(calls__outcome__in=Call.COUNTED)),
            attempts=Count("calls"),
        )
        .order_by("-campaign__created_at", "pk")
    )


def call_ask_get_for_user(user, *, pk: int) -> CallAsk:
    """One call ask the organizer may see; Http404 otherwise (no existence leak)."""
    ask = call_ask_list_for_user(user).filter(pk=pk).first()
    if ask is None:
        raise Http404("call ask")
    return ask


@dataclass
class CallResults:
    """Rows of (label, calls that counted, every attempt)."""

    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    by_official: list[tuple[str, int, int]] = field(default_factory=list)
    by_district: list[tuple[str, int, int]] = field(default_factory=list)
    by_day: list[tuple[object, int, int]] = field(default_factory=list)
    chart: DailyChart | None = None
    constituents: ConstituentCounts | None = None

    @property
    def counted(self) -> int:
        return sum(row[1] for row in self.by_official)

    @property
    def attempts(self) -> int:
        return sum(row[2] for row in self.by_official)


def _grouped(calls: QuerySet[Call], column: str) -> list[tuple[str, int, int]]:
    # `column` names a text column; None (no division, say) becomes the empty label.
    rows = (
        calls.values(column)
        .annotate(counted=Count("pk", filter=_COUNTED), n=Count("pk"))
        .order_by("-counted", "-n", column)
        .values_list(column, "counted", "n")
    )
    return [(label if label is not None else "", c, n) for label, c, n in rows]


def call_ask_results(*, ask: CallAsk) -> CallResults:
    """Counts for one ask in four grouped queries, whatever the number of calls.
    Days are the campaign's own calendar days (its time zone)."""
    calls = Call.objects.filter(ask=ask)
    labels = dict(Call.Outcome.choices)
    outcomes = dict(calls.values("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    days = (
        calls.annotate(day=TruncDate("created_at", tzinfo=ask.campaign.tz))
        .values("day")
        .annotate(counted=Count("pk", filter=_COUNTED), n=Count("pk"))
        .order_by("day")
        .values_list("day", "counted", "n")
    )
    by_day = list(days)
    first, last = campaign_day_range(ask.campaign, [row[0] for row in by_day])
    return CallResults(
        by_outcome=[(str(labels[value]), outcomes.get(value, 0)) for value in Call.Outcome.values],
        by_official=_grouped(calls, "target_name"),
        by_district=_grouped(calls, "division__name"),
        by_day=by_day,
        chart=daily_chart(
            [(day, counted) for day, counted, _n in by_day],
            title=_("Calls that reached an office per day"),
            first=first,
            last=last,
        ),
        constituents=constituent_counts_for(action=ask),
    )


def call_export_rows(*, ask: CallAsk, with_names: bool) -> Iterator[list[str]]:
    """A header, then one row per call, oldest first; first name and town only when
    `with_names` (owners and editors)."""
    header = [
        _("Time"),
        _("Called"),
        _("District"),
        _("Office"),
        _("Outcome"),
        _("Counted"),
        _("How"),
    ]
    if with_names:
        header += [_("First name"), _("Town")]
    yield header
    calls = (
        Call.objects.filter(ask=ask)
        .select_related("division", "office")
        .order_by("created_at", "pk")
    )
    for call in calls.iterator(chunk_size=500):
        row = [
            timezone.localtime(call.created_at, ask.campaign.tz).isoformat(),
            call.target_name,
            call.division.name if call.division else "",
            call.office.display_name if call.office else "",
            call.get_outcome_display(),
            _("yes") if call.is_counted else _("no"),
            call.get_via_display(),
        ]
        if with_names:
            row += [call.first_name, call.town]
        yield row


@login_required
def call_index(request):
    """Every call ask the organizer may see, with counted calls and attempts."""
    return render(
        request, "dashboard/calls_index.html", {"asks": call_ask_list_for_user(request.user)}
    )


@login_required
def call_results(request, pk: int):
    """Calls by official, outcome, district and day for one ask."""
    ask = call_ask_get_for_user(request.user, pk=pk)
    return render(
        request,
        "dashboard/calls.html",
        {"ask": ask, "results": call_ask_results(ask=ask)},
    )


@login_required
def call_export(request, pk: int):
    """The ask's calls as CSV; every export is written to the audit log."""
    ask = call_ask_get_for_user(request.user, pk=pk)
    with_names = can(request.user, Permission.EXPORT_CONTACTS, ask.campaign.organization)
    filename = f"calls-{ask.pk}.csv"
    audit_export(
        actor=request.user,
        filename=filename,
        organization=ask.campaign.organization,
        detail={"call_ask": ask.pk, "with_names": with_names},
    )
    return csv_response(call_export_rows(ask=ask, with_names=with_names), filename=filename)
