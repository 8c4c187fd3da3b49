"""Event passes: a browser that opened an organizer's event link skips the per-client
limits of that campaign's forms for the event's day (one wifi, a whole rally)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beacon.campaigns.models import Campaign, EventCode
from beacon.core.limits.gate import limited_response, request_gate

SESSION_KEY = "event_pass"


def _event_for_session(request: HttpRequest) -> EventCode | None:
    event_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not isinstance(event_id, int):
        return None
    event = EventCode.objects.filter(pk=event_id).select_related("campaign").first()
    if event is None or not event.is_today:
        return None
    return event


def event_pass_valid(request: HttpRequest, campaign: Campaign) -> bool:
    event = _event_for_session(request)
    return event is not None and event.campaign_id == campaign.pk


def event_is_kiosk(request: HttpRequest, campaign: Campaign) -> bool:
    event = _event_for_session(request)
    return event is not None and event.campaign_id == campaign.pk and event.is_kiosk


@require_http_methods(["GET", "POST"])
def event_enter(request: HttpRequest, code: str) -> HttpResponse:
    """GET explains what the link does; POST turns this browser into the event's device.
    A code for another day, or unknown, gets the same 404 as any wrong link."""
    if not (code.isascii() and code.isalnum() and len(code) <= 20):
        raise Http404("event")  # never a code of ours; a NUL byte would upset PostgreSQL
    event = EventCode.objects.filter(code=code).select_related("campaign").first()
    if event is None or not event.is_today or not event.campaign.is_open:
        raise Http404("event")
    if request.method == "POST":
        request.session.cycle_key()
        request.session[SESSION_KEY] = event.pk
        return redirect(event.campaign.get_absolute_url())
    return render(request, "actions/event_enter.html", {"event": event, "campaign": event.campaign})


def campaign_gate(request: HttpRequest, scope: str, campaign: Campaign) -> HttpResponse | None:
    """The limiter's page when this request is over `scope`'s open limits for the
    campaign's forms (an event pass for it lifts the per-client one), else None."""
    over = request_gate(
        request, scope, campaign_id=campaign.pk, client_exempt=event_pass_valid(request, campaign)
    )
    return limited_response(request, over) if over else None
