"""Steps every ask's flow shares: its URLs, the page a closed campaign answers with, and
the split-town district picker. Letters and calls (and the action kinds that come next)
call these instead of repeating them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from beacon.campaigns.models import CallAsk, LetterAsk
from beacon.officials.lookup import representation_for
from beacon.officials.place import Place

from .forms import DistrictForm

Ask = LetterAsk | CallAsk


class HasPlace(Protocol):
    """A flow's typed session state: it holds the supporter's Place."""

    place: Place


AskT = TypeVar("AskT", LetterAsk, CallAsk)
StateT = TypeVar("StateT", bound=HasPlace)


def ask_url(name: str, ask: Ask) -> str:
    """The URL named `actions:<name>` for this ask."""
    return reverse(f"actions:{name}", kwargs={"slug": ask.campaign.slug, "action_slug": ask.slug})


def closed_page(request: HttpRequest, ask: Ask, template: str) -> HttpResponse:
    """410: the campaign closed while the supporter was in the flow."""
    return render(request, template, {"ask": ask, "campaign": ask.campaign}, status=410)


def district_step(
    request: HttpRequest,
    ask: AskT,
    state: StateT,
    *,
    save: Callable[[HttpRequest, AskT, StateT], None],
    next_url: str,
) -> HttpResponse:
    """The split-town picker, the same for every flow: on a valid POST, settle the picked
    districts in the state, save it and go on to `next_url`; otherwise show the picker
    (422 when a POST picked nothing valid), each district with its member's photo, with
    "Use my location" and, for a street that nearly matched, "Did you mean ...?" above it
    (both post to the ask's first step, which starts the flow again)."""
    choices = representation_for(state.place.settled()).choices
    form = DistrictForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        state.place.districts_pick(form.picked())
        save(request, ask, state)
        return redirect(next_url)
    officials = {c.field_name: [seat.official for seat in c.seats] for c in choices}
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "form": form,
        "pickers": [(f, list(zip(f, officials.get(f.name, []), strict=False))) for f in form],
        "place": state.place,
        "start_url": ask_url("letter" if isinstance(ask, LetterAsk) else "call", ask),
        # What the first step needs besides the street, as the flow keeps it.
        "typed": {k: getattr(state, k, "") for k in ("first_name", "city", "zip_code")},
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "actions/district.html", context, status=status)
