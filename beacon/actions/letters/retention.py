"""Retention for letters, one step per class of the schedule (beacon.people.retention), run
by beacon.actions.retention.retention_enforce.

A letter's street address and texts are needed until every office has it: the statement
under each letter is composed when it is sent (composing.office_statement), held letters
wait for a seat to be filled, and digests go out a day later. After that, offices have
what they received, and organizers' counts need only the rows, the town and the
districts. Every step selects only rows that still hold what it removes.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from beacon.delivery.models import OutboundMessage
from beacon.people.email import ERASED_PREFIX

from ..models import Letter, LetterRecipient

FINAL = [OutboundMessage.Status.SENT, OutboundMessage.Status.FAILED]


def letters_pending_delete(*, before: datetime) -> int:
    """Delete letters never confirmed and written before `before`; return how many."""
    deleted = Letter.objects.filter(status=Letter.Status.PENDING, created_at__lt=before)
    count = deleted.count()
    deleted.delete()
    return count


def letters_settled(*, before: datetime) -> QuerySet[Letter]:
    """Letters that reached every recipient before `before`: confirmed or self-reported
    letters none of whose recipients is held, waiting for a digest or for delivery, or
    was sent or failed for good at `before` or later. A recipient the supporter writes to
    from their own email is settled when the letter is made."""
    unsettled = LetterRecipient.objects.exclude(mode=LetterRecipient.Mode.SELF).filter(
        Q(mode=LetterRecipient.Mode.HELD)
        | ~Q(held_reason="")
        | Q(message__isnull=True)
        | ~Q(message__status__in=FINAL)
        | Q(message__sent_at__gte=before)
        | Q(message__failed_at__gte=before)
    )
    return Letter.objects.filter(
        status__in=[Letter.Status.CONFIRMED, Letter.Status.SELF_REPORTED],
        created_at__lt=before,
    ).exclude(pk__in=unsettled.values("letter_id"))


def letters_streets_erase(*, settled_before: datetime) -> int:
    """Blank the street of letters settled before `settled_before`. City, ZIP code, town
    and districts stay: counts per district need them, and they name nobody alone."""
    return letters_settled(before=settled_before).exclude(street="").update(street="")


def letters_texts_erase(*, settled_before: datetime) -> dict[str, int]:
    """Blank the text each recipient got, and the writer's own paragraph, of letters
    settled before `settled_before`. Subjects stay (the status page lists them; they come
    from the organizer's templates)."""
    return _texts_erase(letters_settled(before=settled_before))


def _texts_erase(letters: QuerySet[Letter]) -> dict[str, int]:
    texts = LetterRecipient.objects.filter(letter__in=letters).exclude(body="").update(body="")
    paragraphs = letters.exclude(personal_paragraph="").update(personal_paragraph="")
    return {"letter_texts_erased": texts, "letter_paragraphs_erased": paragraphs}


def _ended(ended_before: datetime) -> QuerySet[Letter]:
    return Letter.objects.filter(
        Q(ask__campaign__closed_at__lt=ended_before) | Q(ask__campaign__won_at__lt=ended_before)
    )


def letters_after_close_erase(*, ended_before: datetime) -> dict[str, int]:
    """For campaigns closed or won before `ended_before`: erase the contact details of
    writers who did not opt in, and every letter's street and texts (held letters
    included: the campaign is over). First name, town, ZIP code, districts and recipient
    rows stay, so organizers' counts do not change."""
    ended = _ended(ended_before)
    return {
        "letter_contacts_erased": letters_contacts_erase(ended_before=ended_before, opted_in=False),
        "letter_streets_erased": ended.exclude(street="").update(street=""),
        **_texts_erase(ended),
    }


def letters_contacts_erase(*, ended_before: datetime, opted_in: bool) -> int:
    """Erase email, last name, street and links of the writers (who opted in, or who did
    not) on campaigns closed or won before `ended_before`; return how many letters."""
    return (
        _ended(ended_before)
        .filter(has_opted_in=opted_in)
        .exclude(email_canonical__startswith=ERASED_PREFIX)
        .update(
            email="",
            email_canonical=Concat(Value(ERASED_PREFIX), Cast("pk", CharField())),
            last_name="",
            street="",
            confirm_token_digest="",
            status_token_digest="",
        )
    )
