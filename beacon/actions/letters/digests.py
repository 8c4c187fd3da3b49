"""The daily digest: one email per legislative office per day, every letter in full.

Delivery has no digest assembly of its own (it sends plain messages), so letters build
theirs on `message_queue`. `beacon send_digests` runs this every few minutes; letters
confirmed on a local day go out in one digest per office once that day is over, so an
office gets at most one digest a day however often the command runs.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter, defaultdict

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from beacon.delivery.services import message_queue

from ..models import Letter, LetterRecipient
from .composing import office_statement
from .scheduling import DIGEST_CATEGORY, office_tz, window_next_open


def _confirmed_day(recipient: LetterRecipient, tz: zoneinfo.ZoneInfo) -> datetime.date:
    """The day, in `tz`, the recipient's letter was confirmed."""
    confirmed_at = recipient.letter.confirmed_at
    # Only confirmed letters wait for a digest, and confirming sets confirmed_at.
    assert confirmed_at is not None
    return confirmed_at.astimezone(tz).date()


def _due(recipients: list[LetterRecipient], now: datetime.datetime) -> list[LetterRecipient]:
    """Those confirmed before today in their office's time zone."""
    due = []
    for recipient in recipients:
        tz = office_tz(recipient)
        if _confirmed_day(recipient, tz) < now.astimezone(tz).date():
            due.append(recipient)
    return due


@transaction.atomic
def letter_digests_send(*, now: datetime.datetime | None = None) -> int:
    """Queue one digest per office for every letter waiting for one; returns how many.

    Rows are locked while the digest is written and point at it afterwards, so running
    twice (or concurrently) never puts a letter in two digests."""
    now = now or timezone.now()
    waiting = list(
        LetterRecipient.objects.select_for_update(of=("self",))
        .filter(
            mode=LetterRecipient.Mode.DIGEST,
            message__isnull=True,
            letter__status=Letter.Status.CONFIRMED,
        )
        .select_related("letter__ask__campaign__organization", "official", "division")
        .order_by("letter__confirmed_at", "pk")
    )
    by_office: dict[str, list[LetterRecipient]] = defaultdict(list)
    for recipient in _due(waiting, now):
        by_office[recipient.to_email].append(recipient)
    for to_email, items in by_office.items():
        message = _digest_queue(to_email, items, now)
        LetterRecipient.objects.filter(pk__in=[r.pk for r in items]).update(message=message)
    return len(by_office)


def digest_text(items: list[LetterRecipient], *, day: datetime.date) -> tuple[str, str]:
    """(subject, plain-text body) of one office's digest: the count and districts first,
    then each letter in full with its sender's name and town."""
    first = items[0]
    districts = Counter(r.division.name for r in items if r.division is not None)
    letters = [
        {
            "recipient": r,
            "letter": r.letter,
            "statement": office_statement(letter=r.letter, recipient=r),
        }
        for r in items
    ]
    context = {
        "count": len(items),
        "recipient_name": first.recipient_name,
        "day": formats.date_format(day, "DATE_FORMAT"),
        "districts": sorted(districts.items()),
        "letters": letters,
    }
    with translation.override("en"):
        subject = render_to_string("actions/email/letter_digest/subject.txt", context)
        body = render_to_string("actions/email/letter_digest/body.txt", context)
    return " ".join(subject.split()), body


def _digest_queue(to_email: str, items: list[LetterRecipient], now: datetime.datetime):
    tz = office_tz(items[0])
    day = max(_confirmed_day(r, tz) for r in items)
    subject, body = digest_text(items, day=day)
    return message_queue(
        to=to_email,
        subject=subject,
        body_text=body,
        category=DIGEST_CATEGORY,
        group_key=f"digest:{day.isoformat()}",
        not_before=window_next_open(items[0].letter.ask, tz=tz, now=now),
    )


@transaction.atomic
def digest_without(*, message_id: int, letter_ids: set[int]) -> str:
    """Take letters out of a digest when their writers erase their data: a digest still
    waiting is rewritten without them (or withdrawn if none is left), and the copy of a
    sent one keeps only the others' letters. A digest being sent right now is left as it
    is. Returns what happened: "rewritten", "withdrawn", "in_flight" or "unchanged"."""
    from beacon.delivery.models import OutboundMessage
    from beacon.delivery.retention import messages_erase

    message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
    if message is None or not message.group_key.startswith("digest:") or not message.body_text:
        return "unchanged"  # not a digest, or its copy is already erased
    Status = OutboundMessage.Status
    if message.status == Status.SENDING:
        return "in_flight"
    items = list(
        LetterRecipient.objects.filter(message_id=message_id)
        .exclude(letter_id__in=letter_ids)
        .select_related("letter__ask__campaign__organization", "official", "division")
        .order_by("letter__confirmed_at", "pk")
    )
    if not items:
        messages_erase(message_ids=[message_id])
        return "withdrawn"
    day = datetime.date.fromisoformat(message.group_key.removeprefix("digest:"))
    subject, body = digest_text(items, day=day)
    OutboundMessage.objects.filter(pk=message_id).update(subject=subject, body_text=body)
    return "rewritten"
