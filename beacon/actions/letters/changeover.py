"""Letters held for a seat awaiting updated data, and what releases them.

When a seat's term has ended after the officials data was taken (officials' `Seat.
is_awaiting_data`), letters to it are held: the data cannot say who holds the seat, and
a letter must not go to someone who may no longer hold it. Once the data is refreshed
(`beacon import_officials`, which sends `officials_imported`), each held letter goes to
whoever holds the seat then, addressed to them; or, if the organizer chooses, to the
last known office anyway. Nothing is lost: the recipient row keeps the text throughout.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from beacon.campaigns.models import LetterAsk
from beacon.officials.models import Official
from beacon.officials.selectors import Seat, seat_get_governor, seat_list_for_divisions

from ..models import Letter, LetterRecipient
from .composing import Writer, drafts_for, official_email
from .scheduling import _individual_queue, _mode_for, letters_changed

Held = LetterRecipient.Held


@dataclass
class ReleaseReport:
    """What `letters_release_awaiting` did, for the import's summary."""

    released: int = 0
    still_awaiting: int = 0
    now_vacant: int = 0
    without_email: int = 0

    def lines(self) -> list[str]:
        if not any((self.released, self.still_awaiting, self.now_vacant, self.without_email)):
            return []
        return [
            f"Held letters: {self.released} released to the seat's new holder, "
            f"{self.still_awaiting} still awaiting updated data, {self.now_vacant} held for a "
            f"seat now vacant, {self.without_email} held for a holder with no email address"
        ]


def recipients_awaiting(ask: LetterAsk | None = None):
    """Recipients of confirmed letters held for a seat awaiting updated data."""
    recipients = LetterRecipient.objects.filter(
        held_reason=Held.AWAITING, message__isnull=True, letter__status=Letter.Status.CONFIRMED
    )
    if ask is not None:
        recipients = recipients.filter(letter__ask=ask)
    return recipients


def _seat_now(recipient: LetterRecipient, cache: dict) -> Seat | None:
    key = (recipient.seat_type, recipient.division_id)
    if key not in cache:
        if recipient.seat_type == "governor":
            cache[key] = seat_get_governor()
        elif recipient.division is not None:
            seats = seat_list_for_divisions([recipient.division])
            cache[key] = next((s for s in seats if s.role_type == recipient.seat_type), None)
        else:
            cache[key] = None
    return cache[key]


def _readdress(recipient: LetterRecipient, holder: Official) -> None:
    """Address the held letter to the seat's holder. A letter the supporter could not
    edit is merged again from the template (the supporter's own paragraph included), so
    it greets the holder by name; an edited one keeps the supporter's words, which were
    written to the office without a name."""
    letter = recipient.letter
    ask = letter.ask
    writer = Writer(first_name=letter.first_name, last_name=letter.last_name, town=letter.town)
    drafts = drafts_for(
        ask,
        divisions=[recipient.division] if recipient.division_id else [],
        writer=writer,
        personal_paragraph=letter.personal_paragraph,
    )
    draft = next((d for d in drafts if d.target.official == holder and d.template), None)
    recipient.official = holder
    recipient.recipient_name = (draft.recipient_name if draft else holder.name)[:255]
    if draft is not None and ask.editing != LetterAsk.Editing.EDITABLE:
        recipient.body = draft.body
        recipient.is_cosponsor = draft.target.is_cosponsor


@transaction.atomic
def letters_release_awaiting(*, limit: int = 2000) -> ReleaseReport:
    """Release confirmed letters held for a seat awaiting updated data, now that the data
    names the seat's holder: addressed to them and handed to delivery per the ask's
    policy. A seat the fresh data shows vacant takes the ask's vacant-seat policy; one
    still awaiting stays held. Idempotent; returns the counts."""
    report = ReleaseReport()
    cache: dict = {}
    changed: set[int] = set()
    held = list(
        recipients_awaiting()
        .select_for_update(of=("self",))
        .select_related("letter__ask__campaign", "division")
        .order_by("pk")[:limit]
    )
    for recipient in held:
        seat = _seat_now(recipient, cache)
        if seat is None or seat.is_awaiting_data:
            report.still_awaiting += 1
            continue
        changed.add(recipient.letter_id)
        if seat.official is None:
            _hold_as_vacant(recipient)
            report.now_vacant += 1
            continue
        _readdress(recipient, seat.official)
        address = official_email(seat.official)
        if not address:
            recipient.held_reason = Held.NO_EMAIL  # released by letter_recipients_release
            recipient.save()
            report.without_email += 1
            continue
        _send(recipient, address)
        report.released += 1
    letters_changed(changed)
    return report


def _hold_as_vacant(recipient: LetterRecipient) -> None:
    ask = recipient.letter.ask
    if ask.vacant_policy == LetterAsk.Vacant.OFFICE and ask.vacant_office_email:
        _send(recipient, ask.vacant_office_email)
        return
    recipient.held_reason = Held.VACANT
    recipient.save(update_fields=["held_reason"])


def _send(recipient: LetterRecipient, address: str) -> None:
    recipient.to_email, recipient.held_reason = address, Held.NONE
    recipient.mode = _mode_for(recipient.letter.ask, recipient)
    recipient.message = None
    if recipient.mode == LetterRecipient.Mode.INDIVIDUAL:
        recipient.message = _individual_queue(recipient.letter, recipient)
    recipient.save()


@transaction.atomic
def letters_send_awaiting_to_office(*, ask: LetterAsk) -> int:
    """The organizer's choice: send the ask's letters held for a seat awaiting data
    to the seat's last known office address now, as written (to the office, without a
    name). Letters whose office has no known email stay held. Returns how many went."""
    sent = 0
    cache: dict = {}
    changed: set[int] = set()
    held = recipients_awaiting(ask).select_for_update(of=("self",)).select_related("division")
    for recipient in held:
        seat = _seat_now(recipient, cache)
        office = seat.last_holder if seat is not None else None
        address = official_email(office) if office is not None else ""
        if address:
            _send(recipient, address)
            sent += 1
            changed.add(recipient.letter_id)
    letters_changed(changed)
    return sent


def letter_count_awaiting(*, ask: LetterAsk | None = None) -> int:
    """How many letters' recipients are held for a seat awaiting updated data."""
    return recipients_awaiting(ask).count()
