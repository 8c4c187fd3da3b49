"""The per-client gate in front of every public write, and the page past it."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import Decision, client_ip, limit_hit
from .challenge import FIELD, challenge_new, challenge_solved

# Form fields never echoed back into the challenge page.
_NOT_ECHOED = {"csrfmiddlewaretoken", FIELD}


def request_gate(
    request: HttpRequest,
    scope: str,
    *,
    campaign_id: int | None = None,
    client_exempt: bool = False,
) -> Decision | None:
    """Count this request against `scope`'s open limits (per client, per campaign) and
    return the Decision that stops it, or None to go on. A solved, unused challenge in
    the request, or `client_exempt` (an organizer's event pass), lifts the per-client
    limit for this request; the per-campaign limit always holds."""
    if campaign_id is not None:
        decision = limit_hit(scope, "campaign", str(campaign_id))
        if not decision.allowed:
            return decision
    if client_exempt:
        return None
    decision = limit_hit(scope, "client", client_ip(request))
    if decision.allowed:
        return None
    if challenge_solved(request.POST.get(FIELD, "") or request.GET.get(FIELD, "")):
        return None
    return decision


def limited_response(request: HttpRequest, decision: Decision) -> HttpResponse:
    """429 with Retry-After. People read why, in their language, and can go on by letting
    their browser solve a challenge that re-sends what they filled in; scripts read the
    status and the header."""
    data = request.POST if request.method == "POST" else request.GET
    fields = [
        (name, value)
        for name, values in data.lists()
        if name not in _NOT_ECHOED
        for value in values
    ]
    minutes = max(1, (decision.retry_after + 59) // 60)
    context = {
        "minutes": minutes,
        "can_solve": decision.key == "client",
        "fields": fields,
        "method": "post" if request.method == "POST" else "get",
        "challenge_json": json.dumps(challenge_new()) if decision.key == "client" else "",
    }
    response = render(request, "core/limited.html", context, status=429)
    response["Retry-After"] = str(decision.retry_after)
    response["Cache-Control"] = "no-store"
    return response
