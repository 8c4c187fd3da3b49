"""When and how each recipient's letter travels: individual email, digest, or held.

Called inside the submission's (or confirmation's) transaction: every outbound message
row is written with the letter, and delivery sends it after commit.
"""

from __future__ import annotations

import datetime
import zoneinfo
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from beacon.campaigns.models import LetterAsk
from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_queue
from beacon.officials.models import Official

from ..models import Letter, LetterRecipient
from .composing import office_statement, official_email

CATEGORY = "letter"
DIGEST_CATEGORY = "letter_digest"
DEFAULT_TZ = "America/New_York"


def letters_changed(letter_ids) -> int:
    """Record that these letters changed now (a held recipient released or held anew):
    their private status links work BEACON_STATUS_LINK_DAYS from now. One UPDATE."""
    ids = set(letter_ids)
    if not ids:
        return 0
    return Letter.objects.filter(pk__in=ids).update(changed_at=timezone.now())


def office_tz(recipient: LetterRecipient) -> zoneinfo.ZoneInfo:
    """The office's time zone (its first office's), else the campaign's."""
    official = recipient.official
    if official is not None:
        office = official.offices.order_by("position", "id").first()
        if office is not None:
            try:
                return zoneinfo.ZoneInfo(office.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
    return recipient.letter.ask.campaign.tz


def window_next_open(
    ask: LetterAsk, *, tz: zoneinfo.ZoneInfo, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """None when the ask has no window or it is open now; otherwise the aware moment
    the office's window next opens (weekdays only when the ask says so)."""
    # `has_window`, spelled out so that both ends are known to be set below.
    start, end = ask.window_start, ask.window_end
    if start is None or end is None:
        return None
    now = now or timezone.now()
    local = now.astimezone(tz)

    def allowed(day: datetime.date) -> bool:
        return not ask.window_weekdays_only or day.weekday() < 5

    if allowed(local.date()) and start <= local.time() < end:
        return None
    day = local.date()
    if local.time() >= start or not allowed(day):
        day += timedelta(days=1)
    while not allowed(day):
        day += timedelta(days=1)
    return datetime.datetime.combine(day, start, tzinfo=tz)


def _sent_last_hour(to_email: str) -> int:
    since = timezone.now() - timedelta(hours=1)
    return OutboundMessage.objects.filter(
        category=CATEGORY, to=to_email, created_at__gte=since
    ).count()


def _mode_for(ask: LetterAsk, recipient: LetterRecipient) -> str:
    Mode = LetterRecipient.Mode
    if ask.delivery == LetterAsk.Delivery.DIGEST:
        return Mode.DIGEST
    if ask.delivery == LetterAsk.Delivery.INDIVIDUAL:
        return Mode.INDIVIDUAL
    # Automatic: lock the official's row so concurrent submissions to one office count
    # one after another and never exceed the hourly limit together.
    if recipient.official_id:
        list(Official.objects.select_for_update().filter(pk=recipient.official_id))
    if _sent_last_hour(recipient.to_email) >= ask.hourly_limit:
        return Mode.DIGEST
    return Mode.INDIVIDUAL


def recipients_schedule(letter: Letter) -> None:
    """Hand every deliverable recipient of a confirmed letter to delivery per the
    ask's policy; held recipients stay held. Call inside the caller's transaction."""
    ask = letter.ask
    for recipient in letter.recipients.select_related("official", "division"):
        if recipient.held_reason or recipient.mode == LetterRecipient.Mode.SELF:
            continue
        recipient.mode = _mode_for(ask, recipient)
        if recipient.mode == LetterRecipient.Mode.INDIVIDUAL:
            recipient.message = _individual_queue(letter, recipient)
        recipient.save(update_fields=["mode", "message"])


def _individual_queue(letter: Letter, recipient: LetterRecipient) -> OutboundMessage:
    statement = office_statement(letter=letter, recipient=recipient)
    body = f"{recipient.body.rstrip()}\n\n-- \n{statement}\n"
    return message_queue(
        to=recipient.to_email,
        subject=recipient.subject,
        body_text=body,
        from_name=f"{letter.first_name} {letter.last_name}",
        reply_to=letter.email,
        category=CATEGORY,
        group_key=f"letter-ask:{letter.ask_id}",
        not_before=window_next_open(letter.ask, tz=office_tz(recipient)),
    )


@transaction.atomic
def letter_recipients_release(*, limit: int = 500) -> int:
    """Send letters held only because their official had no email address, once staff
    have added one: the text is the one the supporter saw and approved. Letters held for
    a vacant seat stay held (they were written to nobody). Returns how many were queued."""
    held = list(
        LetterRecipient.objects.select_for_update(of=("self",))
        .filter(
            held_reason=LetterRecipient.Held.NO_EMAIL,
            official__isnull=False,
            letter__status=Letter.Status.CONFIRMED,
            message__isnull=True,
        )
        .select_related("letter__ask__campaign", "official", "division")[:limit]
    )
    released = 0
    changed: set[int] = set()
    for recipient in held:
        address = official_email(recipient.official)
        if not address:
            continue
        recipient.to_email, recipient.held_reason = address, LetterRecipient.Held.NONE
        recipient.mode = _mode_for(recipient.letter.ask, recipient)
        if recipient.mode == LetterRecipient.Mode.INDIVIDUAL:
            recipient.message = _individual_queue(recipient.letter, recipient)
        recipient.save(update_fields=["to_email", "held_reason", "mode", "message"])
        released += 1
        changed.add(recipient.letter_id)
    letters_changed(changed)
    return released
