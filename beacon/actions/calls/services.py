"""Writes for calls a supporter dials themselves: record an outcome, queue a reminder."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from beacon.campaigns.models import CallAsk
from beacon.core.limits import limit_hit
from beacon.delivery.composing import check_address
from beacon.delivery.services import message_queue
from beacon.people.email import email_canonicalize, mail_allowed

from ..models import Call
from ..services import CampaignNotOpen
from .patch import keyed_hash
from .selectors import CallSheet

REMINDER_CATEGORY = "call_reminder"


class CallError(Exception):
    """Input the call services refuse; `code` says why (see messages.CALL_ERRORS)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@transaction.atomic
def call_outcome_record(
    *,
    ask: CallAsk,
    sheet: CallSheet,
    outcome: str,
    first_name: str = "",
    town: str = "",
    browser: str = "",
) -> Call:
    """Record what happened when the supporter called `sheet`'s official.

    Every outcome is kept (busy and no-answer tell organizers which lines are jammed);
    only "talked to staff" and "left a voicemail" count as calls made (Call.COUNTED).
    Per browser (`browser`, its session key) and target, the limiter's "call_record" and
    "call_counted" rules (default: 6 outcomes, 2 counted calls a day: a call to the State
    House and one to a district office) keep a button from padding the count; the
    counters live in the limiter's shared store, not in the session.
    Raises CampaignNotOpen for a closed campaign and CallError("outcome") for an unknown
    outcome, "vacant" for a seat nobody holds, "already_counted" or "too_many_outcomes"
    past those limits; nothing is written then."""
    if not ask.campaign.is_open:
        raise CampaignNotOpen(ask.campaign.slug)
    if outcome not in Call.Outcome.values:
        raise CallError("outcome")
    if sheet.target.official is None:
        raise CallError("vacant")
    target = f"{browser}:{ask.pk}:{sheet.target.key}"
    if not limit_hit("call_record", "browser", target).allowed:
        raise CallError("too_many_outcomes")
    if outcome in Call.COUNTED and not limit_hit("call_counted", "browser", target).allowed:
        raise CallError("already_counted")
    office = next((line.office for line in sheet.lines if line.office is not None), None)
    return Call.objects.create(
        ask=ask,
        official=sheet.target.official,
        division=sheet.target.division,
        office=office,
        target_name=sheet.name[:255],
        outcome=outcome,
        via=Call.Via.SELF,
        first_name=first_name[:60],
        town=town[:100],
    )


def reminder_group_key(email_canonical: str) -> str:
    """What ties a reminder to its address without writing the address twice: a keyed
    hash ("Your data" finds a supporter's reminders by it)."""
    return "reminder:" + keyed_hash(email_canonical)[:40]


@transaction.atomic
def call_reminder_queue(
    *,
    ask: CallAsk,
    sheet: CallSheet,
    email: str,
    language: str = "en",
    now: datetime | None = None,
) -> datetime:
    """Email the supporter a reminder to call `sheet`'s official when an office of theirs
    next opens; return that instant. The address goes only into the outbound message
    (delivery's row), never into a call row.

    Raises CampaignNotOpen, or CallError("no_opening") when no office of the target has
    known hours ahead, "after_deadline" when it opens after the campaign ends, "email"
    when delivery refuses the address. Past the address's mail limit (the limiter's
    "mail" rule, shared with every supporter mail) nothing is queued but the result is
    the same: whether an address asked before must not show
    (ADR 0009)."""
    if not ask.campaign.is_open:
        raise CampaignNotOpen(ask.campaign.slug)
    opening = sheet.next_opening
    if opening is None or not sheet.is_reachable:
        raise CallError("no_opening")
    now = now or timezone.now()
    if ask.campaign.deadline and opening >= ask.campaign.deadline:
        raise CallError("after_deadline")
    group_key = reminder_group_key(email_canonicalize(email))
    context = {
        "ask": ask,
        "campaign": ask.campaign,
        "sheet": sheet,
        "opening": opening,
        "url": settings.BEACON_BASE_URL + ask.get_absolute_url(),
    }
    with translation.override(language):
        subject = render_to_string("actions/email/call_reminder/subject.txt", context)
        body = render_to_string("actions/email/call_reminder/body.txt", context)
    try:
        # The address is checked first, so a refusal depends only on what was typed;
        # past the limit nothing is queued.
        check_address("to", email, required=True)
        if mail_allowed(email):
            message_queue(
                to=email,
                subject=" ".join(subject.split()),
                body_text=body,
                category=REMINDER_CATEGORY,
                group_key=group_key,
                not_before=max(opening, now),
            )
    except ValueError as error:  # HeaderInjectionError and InvalidMessageError
        raise CallError("email") from error
    return opening
