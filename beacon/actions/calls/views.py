"""The call flow: address -> (split-district picker) -> the call list with scripts, phone
lines, office hours and outcome buttons -> thank-you and share. No JavaScript needed.

Every form is a POST answered with a redirect back to the list (or the list itself with
a 4xx status and the reason when the input is refused).
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from beacon.delivery.telephony.conf import telephony_get
from beacon.officials.lookup import representation_for
from beacon.officials.place import place_resolve, resolution_error

from .. import sharing
from ..events import campaign_gate
from ..flow import ask_url, closed_page, district_step
from ..models import Call, PatchSession
from ..services import CampaignNotOpen
from ..yourdata.browser import calls_recorded_add
from . import messages as texts
from .forms import CallLookupForm, OutcomeForm, PatchForm, ReminderForm
from .patch import PatchError, patch_call_start
from .selectors import (
    Caller,
    call_ask_get_public,
    call_ask_progress,
    call_sheets_for,
    patch_session_status_shown,
)
from .services import CallError, call_outcome_record, call_reminder_queue
from .state import CallFlowState, state_get, state_save

_url = ask_url


def _closed(request, ask):
    return closed_page(request, ask, "actions/calls/closed.html")


def _action_page(request, ask, form, status=200, error=""):
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "form": form,
        "error": error,
        "progress": call_ask_progress(ask=ask),
    }
    return render(request, "actions/calls/ask.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def call_ask(request, slug: str, action_slug: str):
    """Step 1: the ask page and its address form."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    if not ask.campaign.is_open:
        return _action_page(request, ask, None, status=410 if request.method == "POST" else 200)
    if request.method == "GET":
        return _action_page(request, ask, CallLookupForm())
    form = CallLookupForm(request.POST)
    if not form.is_valid():
        return _action_page(request, ask, form, status=422)
    if held := campaign_gate(request, "lookup", ask.campaign):
        return held
    resolution = place_resolve(form)
    error = resolution_error(resolution, purpose="calls")
    if error:
        return _action_page(request, ask, form, status=422, error=error)
    data = form.cleaned_data
    state_save(
        request,
        ask,
        CallFlowState.from_resolution(
            resolution, first_name=data.get("first_name", ""), city=data.get("city", "")
        ),
    )
    return redirect(_url("call-list", ask))


@never_cache
@require_http_methods(["GET", "POST"])
def call_district(request, slug: str, action_slug: str):
    """Step 1b, split towns only: which district the supporter lives in (the letters'
    picker form and page)."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask)
    if state is None:
        return HttpResponseRedirect(_url("call", ask))
    return district_step(request, ask, state, save=state_save, next_url=_url("call-list", ask))


def _sheets(ask, state):
    place = state.place.settled()
    caller = Caller(first_name=state.first_name, town=state.place.town)
    return call_sheets_for(ask, divisions=place.divisions, caller=caller, at=timezone.now())


def _list_page(
    request,
    ask,
    state,
    sheets,
    *,
    status=200,
    error="",
    errors_for=None,
    patch_form=None,
    reminder_form=None,
):
    rows = []
    for sheet in sheets:
        failed = reminder_form if errors_for == sheet.index else None
        rows.append(
            {
                "sheet": sheet,
                "outcome": state.outcome_for(sheet.index),
                "is_counted": state.outcome_for(sheet.index) in Call.COUNTED,
                "has_counted": state.has_counted(sheet.index),
                "reminder_form": failed
                or ReminderForm(
                    initial={"target": sheet.index}, auto_id=f"id_remind{sheet.index}_%s"
                ),
                "error": error if errors_for == sheet.index else "",
                "reminded": state.reminder_at(sheet.index),
            }
        )
    patch_on = ask.allows_patch_through and telephony_get() is not None
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "rows": rows,
        "outcome_choices": Call.Outcome.choices,
        "any_reachable": any(s.is_reachable for s in sheets),
        "any_counted": any(r["has_counted"] for r in rows),
        "patch_form": (patch_form or PatchForm()) if patch_on else None,
        "error": error if errors_for is None else "",
    }
    return render(request, "actions/calls/list.html", context, status=status)


@never_cache
def call_list(request, slug: str, action_slug: str):
    """Step 2: each target with the script, phone lines, hours and outcome buttons."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask)
    if state is None:
        return HttpResponseRedirect(_url("call", ask))
    # Only a split town leaves candidates; skip the officials lookup otherwise.
    if state.place.candidates and representation_for(state.place.settled()).choices:
        return redirect(_url("call-district", ask))
    if not ask.campaign.is_open:
        return _closed(request, ask)
    return _list_page(request, ask, state, _sheets(ask, state))


def _posted(request, ask, form_class):
    """(state, sheets, form, sheet) for a POST about one target; sheet None if invalid."""
    state = state_get(request, ask)
    if state is None:
        return None, [], None, None
    sheets = _sheets(ask, state)
    form = form_class(request.POST)
    sheet = None
    if form.is_valid() and form.cleaned_data["target"] < len(sheets):
        sheet = sheets[form.cleaned_data["target"]]
        if form.cleaned_data["key"] and form.cleaned_data["key"] != sheet.target.key:
            sheet = None
    return state, sheets, form, sheet


@require_POST
def call_outcome(request, slug: str, action_slug: str):
    """Record what happened on one call; only the first two outcomes count."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state, sheets, form, sheet = _posted(request, ask, OutcomeForm)
    if state is None:
        return HttpResponseRedirect(_url("call", ask))
    if sheet is None:
        code = "outcome" if "outcome" in form.errors else "target"
        return _list_page(request, ask, state, sheets, status=422, error=texts.call_error(code)[1])
    if held := campaign_gate(request, "call_outcome", ask.campaign):
        return held
    if not request.session.session_key:
        request.session.save()
    try:
        call = call_outcome_record(
            ask=ask,
            sheet=sheet,
            outcome=form.cleaned_data["outcome"],
            first_name=state.first_name,
            town=state.place.town,
            browser=request.session.session_key or "",
        )
    except CampaignNotOpen:
        return _closed(request, ask)
    except CallError as error:
        status, message = texts.call_error(error.code)
        return _list_page(
            request, ask, state, sheets, status=status, error=message, errors_for=sheet.index
        )
    state.outcome_add(sheet.index, call.outcome)
    state_save(request, ask, state)
    calls_recorded_add(request, call.pk)
    return HttpResponseRedirect(f"{_url('call-list', ask)}#target-{sheet.index}")


def _target_index(request, count: int) -> int | None:
    """The posted target position when it names one of the `count` targets."""
    value = request.POST.get("target", "")
    if not (value.isdigit() and len(value) <= 4):
        return None
    return int(value) if int(value) < count else None


@require_POST
def call_remind(request, slug: str, action_slug: str):
    """Email the supporter a reminder for when the target's office next opens."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state, sheets, form, sheet = _posted(request, ask, ReminderForm)
    if state is None:
        return HttpResponseRedirect(_url("call", ask))
    if sheet is None:
        index = _target_index(request, len(sheets))
        if index is None:
            return _list_page(
                request, ask, state, sheets, status=422, error=texts.call_error("target")[1]
            )
        form.auto_id = f"id_remind{index}_%s"
        return _list_page(
            request,
            ask,
            state,
            sheets,
            status=422,
            errors_for=index,
            reminder_form=form,
            error=texts.call_error("email")[1],
        )
    if held := campaign_gate(request, "call_reminder", ask.campaign):
        return held
    try:
        opening = call_reminder_queue(
            ask=ask,
            sheet=sheet,
            email=form.cleaned_data["email"],
            language=get_language() or "en",
        )
    except CampaignNotOpen:
        return _closed(request, ask)
    except CallError as error:
        return _list_page(
            request,
            ask,
            state,
            sheets,
            status=texts.call_error(error.code)[0],
            errors_for=sheet.index,
            error=texts.call_error(error.code)[1],
        )
    state.reminder_set(sheet.index, opening)
    state_save(request, ask, state)
    return HttpResponseRedirect(f"{_url('call-list', ask)}#target-{sheet.index}")


@require_POST
def call_patch(request, slug: str, action_slug: str):
    """Ask Beacon to ring the supporter and connect them to each target in turn."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask)
    if state is None:
        return HttpResponseRedirect(_url("call", ask))
    sheets = _sheets(ask, state)
    form = PatchForm(request.POST)
    if not form.is_valid():
        return _list_page(request, ask, state, sheets, status=422, patch_form=form)
    if held := campaign_gate(request, "patch", ask.campaign):
        return held
    if not request.session.session_key:
        request.session.save()
    try:
        session = patch_call_start(
            ask=ask,
            sheets=sheets,
            phone=form.cleaned_data["phone"],
            requester=request.session.session_key,
            language=get_language() or "en",
        )
    except CampaignNotOpen:
        return _closed(request, ask)
    except PatchError as error:
        status, message = texts.patch_error(error.code)
        form.add_error("phone", message)
        return _list_page(request, ask, state, sheets, status=status, patch_form=form)
    state.patch = session.pk
    state_save(request, ask, state)
    return redirect(_url("call-patch-status", ask))


@never_cache
def call_patch_status(request, slug: str, action_slug: str):
    """Where the supporter's patch-through call stands, and each office leg so far."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask)
    session = None
    if state is not None and state.patch:
        session = PatchSession.objects.filter(pk=state.patch, ask=ask).first()
    if session is None:
        return HttpResponseRedirect(_url("call", ask))
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "session": session,
        "status": patch_session_status_shown(session=session, now=timezone.now()),
        "legs": list(session.calls.order_by("created_at", "id")),
        "caller_id": getattr(telephony_get(), "caller_id", ""),
    }
    return render(request, "actions/calls/patch_status.html", context)


def call_thanks(request, slug: str, action_slug: str):
    """The thank-you and share page at the end of the call list."""
    ask = call_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask) or CallFlowState()
    counted = state.counted()
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "counted": counted,
        "share": sharing.share_links(request, ask.campaign),
    }
    return render(request, "actions/calls/thanks.html", context)
