"""The letter flow: address -> recipients and split-district picker -> the letter with
name and email -> "Check your email" or the status page. No JavaScript needed.

The address and the divisions found travel between steps in the session (server side),
never in URLs.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beacon.core.confirmation import ConfirmFlow, confirmation_error_page, confirmation_view
from beacon.officials.lookup import representation_for
from beacon.officials.place import place_resolve, resolution_error

from .. import sharing
from ..events import campaign_gate
from ..flow import ask_url, closed_page, district_step
from ..services import CampaignNotOpen
from ..yourdata.consents import consents_asked
from . import messages as texts
from .composing import Writer, districts_missing, drafts_for
from .forms import LetterForm, LookupForm
from .selectors import (
    letter_ask_get_public,
    letter_ask_progress,
    letter_get_for_status_token,
    letter_recent_participants,
    letter_recipient_statuses,
    letter_status_link_expires_at,
    letter_status_link_is_expired,
)
from .services import (
    LetterError,
    Supporter,
    letter_confirm,
    letter_pending_for_token,
    letter_submit,
)
from .state import LetterFlowState, state_clear, state_get, state_save

_url = ask_url


def _action_page(request, ask, form, status=200, error=""):
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "form": form,
        "error": error,
        "progress": letter_ask_progress(ask=ask),
        "participants": letter_recent_participants(ask=ask),
    }
    return render(request, "actions/letters/ask.html", context, status=status)


def _closed(request, ask):
    return closed_page(request, ask, "actions/letters/closed.html")


@require_http_methods(["GET", "POST"])
def letter_ask(request, slug: str, action_slug: str):
    """Step 1: the ask page and its address form."""
    ask = letter_ask_get_public(slug=slug, action_slug=action_slug)
    if request.method == "GET" or not ask.campaign.is_open:
        form = LookupForm() if ask.campaign.is_open else None
        return _action_page(request, ask, form, status=410 if request.method == "POST" else 200)
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _action_page(request, ask, form, status=422)
    if held := campaign_gate(request, "lookup", ask.campaign):
        return held
    resolution = place_resolve(form)
    error = resolution_error(resolution, purpose="letters")
    if not error and districts_missing(ask, resolution):
        error = texts.district_missing()
    if error:
        return _action_page(request, ask, form, status=422, error=error)
    data = form.cleaned_data
    state = LetterFlowState.from_resolution(
        resolution,
        street=data.get("street", ""),
        city=data.get("city", ""),
        zip_code=data.get("zip_code", ""),
    )
    state_save(request, ask, state)
    return redirect(_url("letter-write", ask))


@require_http_methods(["GET", "POST"])
def letter_district(request, slug: str, action_slug: str):
    """Step 1b, split towns only: which district the supporter lives in."""
    ask = letter_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask)
    if state is None:
        return HttpResponseRedirect(_url("letter", ask))
    return district_step(request, ask, state, save=state_save, next_url=_url("letter-write", ask))


def _drafts(ask, state, divisions, personal=""):
    """The letters as shown. Editable letters keep {first_name} for the supporter to see
    in the text box; read-only ones show a plain placeholder instead."""
    writer = Writer(town=state.place.town)
    if ask.editing != ask.Editing.EDITABLE:
        writer = Writer(
            first_name=_("[your first name]"),
            last_name=_("[your last name]"),
            town=state.place.town,
        )
    return drafts_for(
        ask, divisions=divisions, writer=writer, seed=state.seed, personal_paragraph=personal
    )


@require_http_methods(["GET", "POST"])
def letter_write(request, slug: str, action_slug: str):
    """Step 2: whom the letter goes to, each letter rendered, then name and email."""
    ask = letter_ask_get_public(slug=slug, action_slug=action_slug)
    state = state_get(request, ask)
    if state is None:
        return HttpResponseRedirect(_url("letter", ask))
    resolved = state.place.settled()
    if representation_for(resolved).choices:
        return redirect(_url("letter-district", ask))
    drafts = [d for d in _drafts(ask, state, resolved.divisions) if d.template]
    if not ask.campaign.is_open:
        return _closed(request, ask)
    form = LetterForm(request.POST or None, ask=ask, drafts=drafts)
    if request.method == "POST" and form.is_valid():
        return _submit(request, ask, state, resolved.divisions, form)
    return _write_page(request, ask, drafts, form, status=422 if request.method == "POST" else 200)


def _write_page(request, ask, drafts, form, status=200, error=""):
    names = [d.recipient_name for d in drafts if d.target.official or d.target.is_awaiting_data]
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "drafts": drafts,
        "form": form,
        "recipients_text": get_text_list(names, _("and")),
        "error": error,
    }
    return render(request, "actions/letters/write.html", context, status=status)


def _submit(request, ask, state, divisions, form):
    data = form.cleaned_data
    supporter = Supporter(
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        street=state.street,
        city=state.city,
        zip_code=state.zip_code,
        town=state.place.town,
        is_public=data["is_public"],
        has_opted_in=data["has_opted_in"],
        language=get_language() or "en",
        consents=tuple(consents_asked(form, organization_id=ask.campaign.organization_id)),
    )
    mailto = bool(request.POST.get("mailto")) and ask.allows_mailto_fallback
    if held := campaign_gate(request, "letter", ask.campaign):
        return held
    try:
        result = letter_submit(
            ask=ask,
            supporter=supporter,
            divisions=divisions,
            seed=state.seed,
            personal_paragraph=data.get("personal_paragraph") or "",
            edited_bodies=form.edited_bodies(),
            mailto=mailto,
        )
    except CampaignNotOpen:
        return _closed(request, ask)
    except LetterError as error:
        drafts = [d for d in _drafts(ask, state, divisions) if d.template]
        status, message = texts.submit_error(error.code)
        return _write_page(request, ask, drafts, form, status=status, error=message)
    state_clear(request, ask)
    if mailto:
        # Rendered from this request's own letter only, stored or not (ADR 0009).
        links = texts.mailto_links(letter=result.letter, recipients=result.recipients)
        context = {"ask": ask, "campaign": ask.campaign, "links": links}
        return render(request, "actions/letters/mailto.html", context)
    return redirect(_url("letter-sent", ask))


def letter_sent(request, slug: str, action_slug: str):
    """'Check your email' after a letter that waits for confirmation."""
    ask = letter_ask_get_public(slug=slug, action_slug=action_slug)
    return render(
        request, "actions/letters/check_email.html", {"ask": ask, "campaign": ask.campaign}
    )


# GET shows a Send button; only the POST confirms (mail scanners follow links).
letter_confirm_page = confirmation_view(
    ConfirmFlow(
        pending=lambda token: letter_pending_for_token(token=token),
        is_used=lambda letter: letter.status != letter.Status.PENDING,
        show=lambda request, letter: render(
            request,
            "actions/letters/confirm.html",
            {"campaign": letter.ask.campaign, "recipients": letter.recipients.all()},
        ),
        confirm=lambda token: letter_confirm(token=token),
        done=lambda request, result: redirect("actions:letter-status", token=result[1]),
        texts=texts.CONFIRM_TEXTS,
    )
)


def letter_status(request, token: str):
    """The supporter's private status page: each recipient, queued, sent or failed."""
    letter = letter_get_for_status_token(token=token)
    if letter is None:
        return confirmation_error_page(request, "invalid", texts.STATUS_LINK_TEXTS)
    if letter_status_link_is_expired(letter):
        return confirmation_error_page(
            request, "expired", texts.STATUS_LINK_TEXTS, campaign=letter.ask.campaign
        )
    statuses = letter_recipient_statuses(letter=letter)
    context = {
        "letter": letter,
        "campaign": letter.ask.campaign,
        "ask": letter.ask,
        "statuses": statuses,
        "expires_at": letter_status_link_expires_at(letter),
        # Never "on their way" when none of them is: every one held (for a seat awaiting
        # updated data, a vacant seat, a missing address).
        "is_all_held": all(s.state in ("held", "awaiting") for s in statuses),
        # The writer's own share code: whoever their link brings is credited to them.
        "share": sharing.share_links(request, letter.ask.campaign, letter.share_code),
    }
    response = render(request, "actions/letters/status.html", context)
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response
