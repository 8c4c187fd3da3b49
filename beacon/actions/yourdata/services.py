"""Writes of the "Your data" page: the emailed link, and what a supporter may do with
their own data. Each takes the canonical address the opened link proved; nothing here
trusts an address typed into a form.

Answers never depend on whether an address is known: the request form says the same, and
mails only an address that took some act here (so a stranger's inbox gets nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from beacon.core.confirmation import ConfirmError, link_check, link_lookup, link_new
from beacon.delivery.models import OutboundMessage
from beacon.delivery.retention import messages_erase
from beacon.delivery.services import message_queue
from beacon.people.email import ERASED_PREFIX, email_canonicalize, mail_allowed

from ..letters.digests import digest_without
from ..models import Call, DataLink, Letter, LetterRecipient, NewsConsent
from ..services import petition_counts_refresh
from .consents import ADDRESS_ERASED
from .selectors import (
    letters_of,
    reminders_of,
    signatures_of,
    supporter_is_known,
    supporter_message_ids,
)

CATEGORY = "your_data"


def data_link_request(*, email: str, language: str) -> bool:
    """Email a single-use link to the "Your data" page to `email` if that address took
    any act here and has mail left today; return whether one was queued. The caller
    answers the same either way."""
    canonical = email_canonicalize(email)
    if not supporter_is_known(canonical) or not mail_allowed(canonical):
        return False
    link = link_new(max_age=settings.BEACON_DATA_LINK_MAX_AGE)
    url = settings.BEACON_BASE_URL + reverse("actions:your-data-open", args=[link.token])
    context = {"url": url, "hours": max(1, settings.BEACON_DATA_LINK_MAX_AGE // 3600)}
    with translation.override(language):
        subject = render_to_string("actions/email/your_data_link/subject.txt", context)
        body = render_to_string("actions/email/your_data_link/body.txt", context)
    with transaction.atomic():
        DataLink.objects.create(
            email_canonical=canonical,
            language=language,
            confirm_token_digest=link.digest,
            confirm_expires_at=link.expires_at,
        )
        message_queue(
            to=email,
            subject=" ".join(subject.split()),
            body_text=body,
            category=CATEGORY,
            headers={"Auto-Submitted": "auto-generated"},
        )
    return True


def data_link_pending(*, token: str) -> DataLink | None:
    """The link a token names, for the page with the button (no writes)."""
    return link_lookup(DataLink.objects.all(), token=token)


@transaction.atomic
def data_link_open(*, token: str) -> DataLink:
    """Use a link: it works once, within BEACON_DATA_LINK_MAX_AGE. Raises ConfirmError
    ("invalid", "used", "expired")."""
    link = link_lookup(DataLink.objects.select_for_update(), token=token)
    if link is None:
        raise ConfirmError("invalid")
    link_check(is_used=link.used_at is not None, expires_at=link.confirm_expires_at, is_open=True)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link


def supporter_names_hide(*, email_canonical: str) -> int:
    """Take the supporter's first name and town off every public list; return how many
    signatures and letters changed."""
    signatures = signatures_of(email_canonical).filter(is_public=True).update(is_public=False)
    letters = letters_of(email_canonical).filter(is_public=True).update(is_public=False)
    return signatures + letters


@transaction.atomic
def signature_withdraw(*, email_canonical: str, signature_id: int) -> bool:
    """Withdraw one of the supporter's signatures: the row goes and the petition's count
    is recounted at once. Returns False if it is not theirs (or already gone)."""
    signature = signatures_of(email_canonical).filter(pk=signature_id).first()
    if signature is None:
        return False
    petition_id = signature.petition_id
    signature.delete()
    petition_counts_refresh(petition_ids=[petition_id])
    return True


def news_stop(
    *,
    email_canonical: str,
    organization_id: int | None = None,
    how: str = NewsConsent.Withdrawn.YOUR_DATA,
) -> int:
    """Stop news from one organization (or from all, with None): the consents are marked
    withdrawn with when and how, the address leaves them at once, and the signatures and
    letters stop counting as opted in (so the schedule erases their contacts like
    anybody's). Returns how many consents were withdrawn."""
    consents = NewsConsent.objects.filter(email_canonical=email_canonical, withdrawn_at=None)
    signatures = signatures_of(email_canonical).filter(has_opted_in=True)
    letters = letters_of(email_canonical).filter(has_opted_in=True)
    if organization_id is not None:
        consents = consents.filter(organization_id=organization_id)
        signatures = signatures.filter(petition__campaign__organization_id=organization_id)
        letters = letters.filter(ask__campaign__organization_id=organization_id)
    with transaction.atomic():
        signatures.update(has_opted_in=False)
        letters.update(has_opted_in=False)
        return consents.update(
            withdrawn_at=timezone.now(),
            withdrawn_how=how,
            **ADDRESS_ERASED,
        )


def news_stop_one(*, consent: NewsConsent) -> None:
    """Withdraw one consent through its mail's unsubscribe link: the same as stopping that
    organization's news on "Your data", for the address the consent holds."""
    news_stop(
        email_canonical=consent.email_canonical,
        organization_id=consent.organization_id,
        how=NewsConsent.Withdrawn.UNSUBSCRIBE,
    )


@dataclass
class EraseReport:
    """What erasing did, for the page that confirms it."""

    signatures_withdrawn: int = 0
    letters_erased: int = 0
    letters_withdrawn: int = 0  # recipients that had not received theirs yet
    letters_delivered: int = 0  # recipients that already had it: cannot be recalled
    calls_erased: int = 0
    consents_withdrawn: int = 0
    messages: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def supporter_erase(*, email_canonical: str, call_ids: Iterable[int] = ()) -> EraseReport:
    """Erase everything the address gave: every signature withdrawn (counts recounted),
    every letter's personal fields blanked (names, email, street, paragraph, texts) with
    its districts and delivery records kept for the tallies, letters not yet delivered
    withdrawn, news stopped, reminders and our copies of mail to the supporter erased,
    and the calls recorded in this browser (`call_ids`) stripped of names and phone
    hashes. Letters an office already received cannot be recalled; the report says how
    many."""
    report = EraseReport()
    message_ids = supporter_message_ids(email_canonical)
    report.consents_withdrawn = news_stop(
        email_canonical=email_canonical, how=NewsConsent.Withdrawn.ERASED
    )
    signatures = signatures_of(email_canonical)
    petition_ids = list(signatures.values_list("petition_id", flat=True).distinct())
    report.signatures_withdrawn, _ = signatures.delete()
    petition_counts_refresh(petition_ids=petition_ids)
    letters = letters_of(email_canonical)
    letters.filter(status=Letter.Status.PENDING).delete()
    letter_ids = set(letters.values_list("pk", flat=True))
    _letters_undelivered_withdraw(letter_ids, report, message_ids)
    report.letters_erased = letters.update(
        first_name="",
        last_name="",
        email="",
        email_canonical=Concat(Value(ERASED_PREFIX), Cast("pk", CharField())),
        street="",
        personal_paragraph="",
        is_public=False,
        has_opted_in=False,
        confirm_token_digest="",
        status_token_digest="",
    )
    LetterRecipient.objects.filter(letter_id__in=letter_ids).update(body="")
    message_ids += [m.pk for m in reminders_of(email_canonical)]
    report.messages = messages_erase(message_ids=message_ids)
    calls = Call.objects.filter(pk__in=list(call_ids))
    report.calls_erased = calls.exclude(first_name="").update(first_name="")
    for call in calls.exclude(session=None).select_related("session"):
        session = call.session
        assert session is not None
        session.phone_hash = session.requester_hash = ""
        session.save(update_fields=["phone_hash", "requester_hash"])
    DataLink.objects.filter(email_canonical=email_canonical).delete()
    return report


def _letters_undelivered_withdraw(
    letter_ids: set[int], report: EraseReport, message_ids: list[int]
) -> None:
    """Hold for good every recipient of these letters that has not received theirs, and
    gather the individual messages to erase (digests are rewritten without them)."""
    sent = [OutboundMessage.Status.SENT, OutboundMessage.Status.SENDING]
    recipients = LetterRecipient.objects.filter(letter_id__in=letter_ids).exclude(
        mode=LetterRecipient.Mode.SELF
    )
    for recipient in recipients.select_related("message"):
        message = recipient.message
        if message is not None and message.group_key.startswith("digest:"):
            digest_without(message_id=message.pk, letter_ids=letter_ids)
            delivered = message.status in sent
        else:
            delivered = message is not None and message.status in sent
            if message is not None:
                message_ids.append(message.pk)
        if delivered:
            report.letters_delivered += 1
            continue
        report.letters_withdrawn += 1
        LetterRecipient.objects.filter(pk=recipient.pk).update(
            mode=LetterRecipient.Mode.HELD, held_reason=LetterRecipient.Held.WITHDRAWN
        )
