"""Writes for calls a supporter dials themselves: record an outcome, queue a reminder."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from beacon.campaigns.models import CallAsk
from beacon.delivery.composing import check_address
from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_queue
from beacon.people.email import email_canonicalize

from ..models import Call
from ..services import CampaignNotOpen
from .patch import keyed_hash
from .selectors import CallSheet

# The reminder form must not become a way to flood somebody's inbox: an address (in its
# canonical form, so case and +tags do not help) gets at most this many call reminders a
# day, whoever asks. Requests past the limit are answered as usual and not sent.
REMINDERS_PER_ADDRESS_PER_DAY = 3
REMINDER_CATEGORY = "call_reminder"
# Per supporter and target: a call to the State House and one to a district office can
# both count; a few busy or unanswered tries may be recorded on the way.
COUNTED_PER_TARGET = 2
RECORDS_PER_TARGET = 6


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
    earlier: list[str] | tuple[str, ...] = (),
) -> Call:
    """Record what happened when the supporter called `sheet`'s official.

    Every outcome is kept (busy and no-answer tell organizers which lines are jammed);
    only "talked to staff" and "left a voicemail" count as calls made (Call.COUNTED).
    `earlier` holds the outcomes this supporter already recorded for this target: a
    supporter counts at most COUNTED_PER_TARGET calls (State House and district office)
    and records at most RECORDS_PER_TARGET, so a button cannot be used to pad the count.
    Raises CampaignNotOpen for a closed campaign and CallError("outcome") for an unknown
    outcome, "vacant" for a seat nobody holds, "already_counted" or "too_many_outcomes"
    past those limits; nothing is written then."""
    if not ask.campaign.is_open:
        raise CampaignNotOpen(ask.campaign.slug)
    if outcome not in Call.Outcome.values:
        raise CallError("outcome")
    if sheet.target.official is None:
        raise CallError("vacant")
    if len(earlier) >= RECORDS_PER_TARGET:
        raise CallError("too_many_outcomes")
    if outcome in Call.COUNTED and sum(o in Call.COUNTED for o in earlier) >= COUNTED_PER_TARGET:
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
    when delivery refuses the address. Past REMINDERS_PER_ADDRESS_PER_DAY nothing is
    queued but the result is the same: whether an address asked before must not show
    (ADR 0009)."""
    if not ask.campaign.is_open:
        raise CampaignNotOpen(ask.campaign.slug)
    opening = sheet.next_opening
    if opening is None or not sheet.is_reachable:
        raise CallError("no_opening")
    now = now or timezone.now()
    if ask.campaign.deadline and opening >= ask.campaign.deadline:
        raise CallError("after_deadline")
    # The limit is per person: the canonical address, never the address as typed.
    group_key = "reminder:" + keyed_hash(email_canonicalize(email))[:40]
    recent = OutboundMessage.objects.filter(
        group_key=group_key,
        category=REMINDER_CATEGORY,
        created_at__gte=now - timedelta(days=1),
    )
    over_limit = recent.count() >= REMINDERS_PER_ADDRESS_PER_DAY
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
        # Past the limit the address is still checked, so a refusal depends only on
        # what was typed; then nothing is queued.
        if over_limit:
            check_address("to", email, required=True)
        else:
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
