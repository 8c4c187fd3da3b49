"""Retention for letters, run by `beacon enforce_retention` with the signatures' limits
(beacon.people.retention): what is no longer needed is deleted or erased."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Letter, LetterRecipient


@transaction.atomic
def letters_enforce_retention() -> dict[str, int]:
    """Delete letters never confirmed after pending_days(). When a campaign has been closed
    or won for after_close_days(), erase each letter's contact details (unless the writer
    asked to hear from the organization) and every letter's text: offices have it, and
    organizers' counts need only the rows. Returns how many rows each step touched."""
    from beacon.people import retention

    now = timezone.now()
    deleted, _ = Letter.objects.filter(
        status=Letter.Status.PENDING, created_at__lt=now - timedelta(days=retention.pending_days())
    ).delete()
    before = now - timedelta(days=retention.after_close_days())
    ended = Q(ask__campaign__closed_at__lt=before) | Q(ask__campaign__won_at__lt=before)
    letters = Letter.objects.filter(ended)
    texts = LetterRecipient.objects.filter(letter__in=letters).exclude(body="").update(body="")
    letters.exclude(personal_paragraph="").update(personal_paragraph="")
    erased = 0
    to_erase = letters.filter(has_opted_in=False).exclude(email="")
    for pk in list(to_erase.values_list("pk", flat=True)):
        erased += Letter.objects.filter(pk=pk).update(
            email="",
            email_canonical=f"erased:{pk}",
            last_name="",
            street="",
            confirm_token_digest="",
            status_token_digest="",
        )
    return {
        "letters_pending_deleted": deleted,
        "letter_texts_erased": texts,
        "letter_contacts_erased": erased,
    }
