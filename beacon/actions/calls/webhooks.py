"""Provider webhooks for patch-through calls. Each one is refused with 403 unless its
X-Twilio-Signature is valid for the full public URL and the POSTed fields; the URL names
only the session's opaque id. Nothing here logs a number or a name."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from beacon.delivery.telephony.conf import telephony_get

from .twiml import (
    patch_digits_record,
    patch_leg_rate,
    patch_leg_record,
    patch_status_record,
    session_get_for_hook,
    twiml_answer,
)


def _twiml(xml: str) -> HttpResponse:
    if not xml:
        return HttpResponse(status=204)
    return HttpResponse(xml, content_type="text/xml; charset=utf-8")


def signed_webhook(view):
    """Verify the provider's signature, then load the session named in the URL."""

    @csrf_exempt
    @require_POST
    @wraps(view)
    def wrapper(request, public_id: str, **kwargs):
        provider = telephony_get()
        url = settings.BEACON_BASE_URL + request.get_full_path()
        signature = request.headers.get("X-Twilio-Signature", "")
        if provider is None or not provider.signature_valid(
            url=url, params=request.POST, signature=signature
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
    return _twiml(twiml_answer(session))


@signed_webhook
def hook_gather(request, session):
    """The key the supporter pressed."""
    return _twiml(patch_digits_record(session, request.POST.get("Digits", "")[:4]))


@signed_webhook
def hook_dialed(request, session, target: int, office: int):
    """<Dial action>: an office leg ended; record it and dial the next one."""
    return _twiml(
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
    return _twiml(
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
    return _twiml(
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
