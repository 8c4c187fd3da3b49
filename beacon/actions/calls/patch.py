"""Patch-through calls, first half: check the supporter's number, apply the rate limits,
and ask the telephony provider to ring the supporter from Beacon's own number.

The number is never stored in clear: the session keeps an HMAC of it (keyed with
SECRET_KEY, so a leaked table cannot be reversed by hashing every US number), and the
number itself is held only in memory for the provider request. Webhook URLs carry only
the session's random `public_id`. The second half (TwiML and callbacks) is twiml.py.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import phonenumbers
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from beacon.campaigns.models import CallAsk
from beacon.core.limits import limit_hit, rule_get
from beacon.delivery.telephony.conf import telephony_get
from beacon.delivery.telephony.ports import TelephonyError
from beacon.people.retention import PHONE_HASHES

from ..models import PatchSession
from ..services import CampaignNotOpen
from .selectors import CallSheet

# Number types Beacon will ring. Refused: toll-free (not a phone anyone answers as
# "origin", and costly to call), premium rate, shared cost, UAN, pagers, voicemail
# access numbers and anything phonenumbers cannot classify.
RINGABLE_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.VOIP,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
}
REFUSED_TYPE_CODES = {
    phonenumbers.PhoneNumberType.TOLL_FREE: "tollfree",
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium",
    phonenumbers.PhoneNumberType.SHARED_COST: "premium",
}


class PatchError(Exception):
    """A patch-through request Beacon refuses; `code` says why (see messages)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def phone_number_parse(raw: str) -> str:
    """The supporter's number in E.164 ("+16175550123"), or PatchError with code
    "invalid" (unreadable, short codes such as 911 or 22333), "foreign" (not a US
    number, Canada and Puerto Rico included), "tollfree" or "premium"."""
    raw = (raw or "").strip()
    if not raw or len(raw) > 32:
        raise PatchError("invalid")
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        raise PatchError("invalid") from None
    if number.extension:
        raise PatchError("invalid")
    if not phonenumbers.is_valid_number(number):
        raise PatchError("invalid")
    if phonenumbers.region_code_for_number(number) != "US":
        raise PatchError("foreign")
    kind = phonenumbers.number_type(number)
    if kind in REFUSED_TYPE_CODES:
        raise PatchError(REFUSED_TYPE_CODES[kind])
    if kind not in RINGABLE_TYPES:
        raise PatchError("invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of `value` keyed with SECRET_KEY, as hex."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"beacon.calls:" + value.encode(), hashlib.sha256).hexdigest()


def _destination_over_limit(phone: str) -> str:
    """ "off" when an operator switched patch-through calls off (a maximum of 0 for the
    number Beacon rings), "destination" when this number was rung its share this hour,
    else "". The per-client limit is the view's gate, before any number is read."""
    rule = rule_get("patch", "phone")
    if rule is not None and rule.maximum == 0:
        return "off"
    return "" if limit_hit("patch", "phone", phone).allowed else "destination"


def call_plan(sheets: list[CallSheet]) -> list[dict]:
    """What the call will dial: each reachable target with its offices' first voice
    number (E.164, extension as DTMF digits), State House office first."""
    plan = []
    for sheet in sheets:
        if not sheet.is_reachable:
            continue
        official = sheet.target.official
        assert official is not None  # is_reachable means someone holds the seat
        offices = []
        for line in sheet.lines:
            if not line.numbers:
                continue
            number = phonenumbers.parse(line.numbers[0][1].removeprefix("tel:"), "US")
            offices.append(
                {
                    "office": line.office.pk if line.office else None,
                    "label": line.label,
                    "number": phonenumbers.format_number(
                        number, phonenumbers.PhoneNumberFormat.E164
                    ),
                    "digits": f"ww{number.extension}" if number.extension else "",
                }
            )
        plan.append(
            {
                "official": official.pk,
                "name": sheet.name,
                "division": sheet.target.division.pk if sheet.target.division else None,
                "offices": offices,
            }
        )
    return plan


@transaction.atomic
def _session_create(*, ask, plan, phone, phone_hash, requester_hash, language) -> PatchSession:
    scope = _destination_over_limit(phone)
    if scope == "off":
        raise PatchError("disabled")
    # A number at its limit is not rung, but the requester is answered as for any other
    # number: telling them would say that this number was called recently.
    suppressed = scope == "destination"
    return PatchSession.objects.create(
        public_id=secrets.token_urlsafe(24),
        ask=ask,
        plan=plan,
        phone_hash=phone_hash,
        requester_hash=requester_hash,
        language=language,
        status=PatchSession.Status.SUPPRESSED if suppressed else PatchSession.Status.STARTING,
        ended_at=timezone.now() if suppressed else None,
    )


def webhook_url(name: str, session: PatchSession, **kwargs) -> str:
    """The public URL of one of the session's webhooks (only the opaque id in it)."""
    path = reverse(f"actions:{name}", kwargs={"public_id": session.public_id, **kwargs})
    return settings.BEACON_BASE_URL + path


def patch_call_start(
    *,
    ask: CallAsk,
    sheets: list[CallSheet],
    phone: str,
    requester: str,
    language: str = "en",
) -> PatchSession:
    """Ring the supporter at `phone` from Beacon's number, to connect them to `sheets`.

    `requester` identifies who asks (the browser session key); only its HMAC is kept.
    Raises CampaignNotOpen; PatchError "disabled" (ask or provider off, or the per-number
    limit set to 0), "no_targets", a phone_number_parse code or "unavailable" (the
    provider failed: the session is marked failed). The per-client limit is the view's
    (beacon.core.limits.gate). A number over its own hourly limit is not rung: the
    session is returned as SUPPRESSED, and the caller answers exactly as for a placed
    call, so the form never tells whether a number has been called before."""
    if not ask.campaign.is_open:
        raise CampaignNotOpen(ask.campaign.slug)
    provider = telephony_get()
    if not ask.allows_patch_through or provider is None:
        raise PatchError("disabled")
    e164 = phone_number_parse(phone)
    plan = call_plan(sheets)
    if not plan:
        raise PatchError("no_targets")
    session = _session_create(
        ask=ask,
        plan=plan,
        phone=e164,
        phone_hash=keyed_hash(e164),
        requester_hash=keyed_hash(f"session:{requester}"),
        language=language,
    )
    if session.status == PatchSession.Status.SUPPRESSED:
        return session
    try:
        sid = provider.call_create(
            to=e164,
            url=webhook_url("call-hook-answer", session),
            status_callback=webhook_url("call-hook-status", session),
        )
    except TelephonyError:
        # Nobody was rung: the number's count for this hour is given back.
        limit_hit("patch", "phone", e164, amount=-1)
        session.status = PatchSession.Status.FAILED
        session.ended_at = timezone.now()
        session.save(update_fields=["status", "ended_at"])
        raise PatchError("unavailable") from None
    session.provider_sid = sid
    session.status = PatchSession.Status.RINGING
    session.save(update_fields=["provider_sid", "status"])
    return session


def patch_sessions_forget(*, before: datetime | None = None) -> dict[str, int]:
    """Blank the number and requester hashes of sessions made before `before` (by default
    the schedule's phone_hashes period ago; beacon.people.retention): they outlive the
    limits' hourly window by a day, for abuse reports, then go. The calls themselves stay
    for the results."""
    cutoff = before or PHONE_HASHES.cutoff()
    forgotten = (
        PatchSession.objects.filter(created_at__lt=cutoff)
        .exclude(phone_hash="", requester_hash="")
        .update(phone_hash="", requester_hash="")
    )
    return {"call_hashes_forgotten": forgotten}
