"""Reads of the "Your data" page: every act one address took on this instance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from beacon.delivery.models import OutboundMessage
from beacon.people.email import email_pseudonym

from ..calls.services import REMINDER_CATEGORY, reminder_group_key
from ..letters.selectors import RecipientStatus, letter_recipient_statuses
from ..models import Call, Letter, NewsConsent, Signature


def signatures_of(email_canonical: str) -> QuerySet[Signature]:
    """The address's signatures, also those whose address the schedule has replaced by
    its keyed pseudonym."""
    return Signature.objects.filter(
        email_canonical__in=[email_canonical, email_pseudonym(email_canonical)]
    )


def letters_of(email_canonical: str) -> QuerySet[Letter]:
    return Letter.objects.filter(email_canonical=email_canonical)


def consents_of(email_canonical: str) -> QuerySet[NewsConsent]:
    """The address's news consents in force (given, not withdrawn)."""
    return NewsConsent.objects.filter(
        email_canonical=email_canonical, given_at__isnull=False, withdrawn_at=None
    )


def reminders_of(email_canonical: str) -> QuerySet[OutboundMessage]:
    """Call reminders still to be sent to the address."""
    return OutboundMessage.objects.filter(
        category=REMINDER_CATEGORY,
        group_key=reminder_group_key(email_canonical),
        status=OutboundMessage.Status.QUEUED,
    )


def supporter_is_known(email_canonical: str) -> bool:
    """Whether the address took any act here that the "Your data" page would show."""
    return (
        signatures_of(email_canonical).exists()
        or letters_of(email_canonical).exists()
        or consents_of(email_canonical).exists()
        or reminders_of(email_canonical).exists()
    )


def supporter_message_ids(email_canonical: str) -> list[int]:
    """Our copies of mail to the supporter about their acts (confirmations, letter copies,
    "already signed"), found by the addresses as they typed them on their acts."""
    typed = set(signatures_of(email_canonical).exclude(email="").values_list("email", flat=True))
    typed |= set(letters_of(email_canonical).exclude(email="").values_list("email", flat=True))
    typed.add(email_canonical)
    to = Q()
    for address in typed:
        to |= Q(to__iexact=address)
    return list(OutboundMessage.objects.filter(to).exclude(to="").values_list("pk", flat=True))


@dataclass(frozen=True)
class LetterRow:
    """One letter and where each of its recipients' copies is."""

    letter: Letter
    statuses: list[RecipientStatus]


@dataclass(frozen=True)
class SupporterData:
    """Everything the "Your data" page shows."""

    signatures: list[Signature]
    letters: list[LetterRow]
    calls: list[Call]
    reminders: list[OutboundMessage]
    consents: list[NewsConsent]

    @property
    def is_empty(self) -> bool:
        return not (
            self.signatures or self.letters or self.calls or self.reminders or self.consents
        )


def supporter_data(email_canonical: str, *, call_ids: Iterable[int] = ()) -> SupporterData:
    """The address's acts, newest first, and the calls recorded in this browser
    (`call_ids`, from its session: calls carry no address)."""
    letters = (
        letters_of(email_canonical)
        .select_related("ask__campaign__organization")
        .order_by("-created_at")
    )
    return SupporterData(
        signatures=list(
            signatures_of(email_canonical)
            .select_related("petition__campaign__organization")
            .order_by("-created_at")
        ),
        letters=[LetterRow(letter, letter_recipient_statuses(letter=letter)) for letter in letters],
        calls=list(
            Call.objects.filter(pk__in=list(call_ids))
            .select_related("ask__campaign")
            .order_by("-created_at")
        ),
        reminders=list(reminders_of(email_canonical).order_by("not_before")),
        consents=list(
            consents_of(email_canonical).select_related("organization").order_by("given_at")
        ),
    )


def supporter_export(data: SupporterData) -> dict[str, Any]:
    """The download: everything on the page, as plain JSON values."""

    def when(value) -> str | None:
        return value.isoformat() if value else None

    return {
        "signatures": [
            {
                "campaign": s.petition.campaign.title,
                "petition_to": s.petition.addressed_to,
                "first_name": s.first_name,
                "last_name": s.last_name,
                "email": s.email,
                "zip_code": s.zip_code,
                "town": s.town,
                "name_shown_publicly": s.is_public,
                "news_from_organization": s.has_opted_in,
                "status": s.status,
                "signed_at": when(s.created_at),
                "confirmed_at": when(s.confirmed_at),
            }
            for s in data.signatures
        ],
        "letters": [
            {
                "campaign": letter.ask.campaign.title,
                "first_name": letter.first_name,
                "last_name": letter.last_name,
                "email": letter.email,
                "street": letter.street,
                "city": letter.city,
                "zip_code": letter.zip_code,
                "personal_paragraph": letter.personal_paragraph,
                "name_shown_publicly": letter.is_public,
                "status": letter.status,
                "written_at": when(letter.created_at),
                "confirmed_at": when(letter.confirmed_at),
                "recipients": [
                    {
                        "to": item.recipient.recipient_name,
                        "subject": item.recipient.subject,
                        "body": item.recipient.body,
                        "delivery": item.state,
                    }
                    for item in row.statuses
                ],
            }
            for row in data.letters
            for letter in [row.letter]
        ],
        "calls": [
            {
                "campaign": c.ask.campaign.title,
                "called": c.target_name,
                "outcome": c.outcome,
                "first_name": c.first_name,
                "town": c.town,
                "at": when(c.created_at),
            }
            for c in data.calls
        ],
        "call_reminders": [
            {"subject": m.subject, "send_at": when(m.not_before)} for m in data.reminders
        ],
        "news": [
            {
                "organization": c.organization.name,
                "given_at": when(c.given_at),
                "through": c.source,
                "words_ticked": c.wording,
                "language": c.language,
            }
            for c in data.consents
        ],
    }
