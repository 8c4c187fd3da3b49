"""Retention for signatures, one step per class of the schedule (beacon.people.retention),
run by beacon.actions.retention.retention_enforce.

Every step selects only rows that still hold what it removes, so running it twice changes
nothing the second time.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from beacon.people.email import ERASED_PREFIX, PSEUDONYM_PREFIX, email_pseudonym

from .models import Signature


def signatures_pending_delete(*, before: datetime) -> int:
    """Delete signatures never confirmed and made before `before`; return how many."""
    deleted, _rows = Signature.objects.filter(
        status=Signature.Status.PENDING, created_at__lt=before
    ).delete()
    return deleted


def signatures_live_erase(*, signed_before: datetime) -> int:
    """Erase the email and last name of confirmed signers who did not opt in and signed
    before `signed_before`, whatever the campaign's state. The canonical email becomes its
    keyed pseudonym, so signing again is still answered "you already signed" and never
    counted twice; first name, town and ZIP code stay (the public list, the counts)."""
    rows = list(
        Signature.objects.filter(
            status=Signature.Status.CONFIRMED,
            has_opted_in=False,
            created_at__lt=signed_before,
        )
        .exclude(email_canonical__startswith=ERASED_PREFIX)
        .values_list("pk", "email_canonical")
    )
    for pk, canonical in rows:
        Signature.objects.filter(pk=pk).update(
            email="",
            last_name="",
            email_canonical=email_pseudonym(canonical),
            confirm_token_digest="",
        )
    return len(rows)


def signatures_contacts_erase(*, ended_before: datetime, opted_in: bool) -> int:
    """Erase the email and last name of the signers (who opted in, or who did not) on
    campaigns closed or won before `ended_before`, pseudonyms included: nothing links
    these rows to a person any more. First name, town and ZIP code stay."""
    ended = Q(petition__campaign__closed_at__lt=ended_before) | Q(
        petition__campaign__won_at__lt=ended_before
    )
    rows = Signature.objects.filter(ended, _not_erased(), has_opted_in=opted_in)
    return rows.update(
        email="",
        last_name="",
        email_canonical=Concat(Value(ERASED_PREFIX), Cast("pk", CharField())),
        confirm_token_digest="",
    )


def _not_erased() -> Q:
    """Rows whose canonical email is an address or a pseudonym, not yet "erased:<pk>"."""
    return ~Q(email_canonical__startswith=ERASED_PREFIX) | Q(
        email_canonical__startswith=PSEUDONYM_PREFIX
    )
