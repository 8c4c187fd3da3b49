"""Provider webhooks for patch-through calls. Each one is refused with 403 unless the
telephony provider vouches for it (its signature over the full public URL and the POSTed
fields); the URL names only the session's opaque id. Answers are telephony Scripts, which
the provider renders in its own markup. Nothing here logs a number or a name."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from beacon.delivery.telephony.conf import telephony_get
from beacon.delivery.telephony.script import Script

from .voice import (
    patch_answer_script,
    patch_digits_record,
    patch_leg_rate,
    patch_leg_record,
    patch_status_record,
    session_get_for_hook,
)


def _play(script: Script) -> HttpResponse:
    if not script:
        return HttpResponse(status=204)
    provider = telephony_get()
    # Only webhooks play scripts, and signed_webhook refuses them when no provider is set.
    assert provider is not None
    body, content_type = provider.webhook_response(script)
    return HttpResponse(body, content_type=content_type)


def signed_webhook(view):
    """Verify the provider's signature, then load the session named in the URL."""

    @csrf_exempt
    @require_POST
    @wraps(view)
    def wrapper(request, public_id: str, **kwargs):
        provider = telephony_get()
        url = settings.BEACON_BASE_URL + request.get_full_path()
        if provider is None or not provider.webhook_valid(
            url=url, params=request.POST, headers=request.headers
        ):
            return HttpResponseForbidden("invalid signature", content_type="text/plain")
        session = session_get_for_hook(public_id)
        if session is None:
            raise Http404("call session")
        return view(request, session, **kwargs)

    return wrapper


@signed_webhook
def hook_answer(request, session):
    """The supporter answered Beacon's call: introduction and "press 1"."""
    return _play(patch_answer_script(session))


@signed_webhook
def hook_gather(request, session):
    """The key the supporter pressed."""
    return _play(patch_digits_record(session, request.POST.get("Digits", "")[:4]))


@signed_webhook
def hook_dialed(request, session, target: int, office: int):
    """<Dial action>: an office leg ended; record it and dial the next one."""
    return _play(
        patch_leg_record(
            session,
            target=target,
            office=office,
            leg_sid=request.POST.get("DialCallSid", "")[:64],
            status=request.POST.get("DialCallStatus", "")[:20],
            advance=True,
        )
    )


@signed_webhook
def hook_leg(request, session, target: int, office: int):
    """<Number statusCallback>: the office leg's own final status (recorded once)."""
    return _play(
        patch_leg_record(
            session,
            target=target,
            office=office,
            leg_sid=request.POST.get("CallSid", "")[:64],
            status=request.POST.get("CallStatus", "")[:20],
            advance=False,
        )
    )


@signed_webhook
def hook_rated(request, session, target: int, office: int):
    """After a connected leg: did a person or a voicemail answer?"""
    return _play(
        patch_leg_rate(
            session, target=target, office=office, digits=request.POST.get("Digits", "")[:4]
        )
    )


@signed_webhook
def hook_status(request, session):
    """The supporter's own call ended (or never connected)."""
    patch_status_record(
        session,
        call_sid=request.POST.get("CallSid", "")[:64],
        status=request.POST.get("CallStatus", "")[:20],
    )
    return HttpResponse(status=204)
