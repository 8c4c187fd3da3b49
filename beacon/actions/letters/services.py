"""Writes for letters: submit, confirm, and the emails the supporter receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from beacon.campaigns.merge import merge_context_for, merge_render
from beacon.campaigns.models import LetterAsk
from beacon.campaigns.models.letters import BODY_MAX_CHARS, PERSONAL_MAX_CHARS
from beacon.core.confirmation import (
    ConfirmError,
    link_check,
    link_digest,
    link_lookup,
    link_new,
)
from beacon.core.text import has_control_characters
from beacon.core.tokens import code_new, token_new
from beacon.delivery.services import message_queue
from beacon.people.email import email_canonicalize, mail_allowed

from ..models import Letter, LetterRecipient
from ..services import CampaignNotOpen
from ..yourdata.consents import ConsentAsked, consents_give, consents_record
from .composing import Draft, Writer, drafts_for
from .scheduling import recipients_schedule
from .selectors import letter_status_link_expires_at

# A person may have a few pending letters at once (a second browser, an edited text);
# more than this many new ones in an hour are dropped unseen, so the form cannot be used
# to fill somebody's inbox with confirmation links.
PENDING_PER_PERSON_PER_HOUR = 3


class LetterError(Exception):
    """A letter that cannot be accepted; `code` says why (no_recipients, too_long,
    invalid)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Supporter:
    """What the supporter typed: name, email and the address that is part of the letter."""

    first_name: str
    last_name: str
    email: str
    street: str = ""
    city: str = ""
    zip_code: str = ""
    town: str = ""
    is_public: bool = False
    has_opted_in: bool = False
    language: str = "en"
    # The news boxes ticked, with their words (yourdata.consents): given on confirmation.
    consents: tuple[ConsentAsked, ...] = ()


@dataclass(frozen=True)
class SubmitResult:
    """What this request submitted and nothing else: the letter and its recipients as
    typed and composed now, saved or not. Never a row stored earlier, so a page rendered
    from it cannot show one supporter's letter to another (ADR 0009)."""

    letter: Letter
    recipients: list[LetterRecipient] = field(default_factory=list)


def _final_text(
    draft: Draft, *, writer: Writer, edited: str | None, language: str
) -> tuple[str, str]:
    with translation.override(language):  # Titles in the letter's language.
        context = merge_context_for(supporter=writer, target=draft.target)
    subject = " ".join(merge_render(draft.subject, context).split())
    body = merge_render(edited if edited is not None else draft.body, context).strip()
    if not body or len(body) > BODY_MAX_CHARS:
        raise LetterError("too_long" if body else "invalid")
    if has_control_characters(body, allow_newlines=True) or has_control_characters(subject):
        raise LetterError("invalid")
    return subject, body


@transaction.atomic
def letter_submit(
    *,
    ask: LetterAsk,
    supporter: Supporter,
    divisions,
    seed: int = 0,
    personal_paragraph: str = "",
    edited_bodies: dict[int, str] | None = None,
    mailto: bool = False,
) -> SubmitResult:
    """Compose a letter and one recipient per official, exactly as previewed, and store
    them as a pending letter whose confirmation email is queued in the same transaction:
    nothing reaches an office before the owner of the address confirms (letter_confirm).
    `mailto=True` stores a self-reported letter instead (the supporter sends it from their
    own email; nothing is queued). Raises CampaignNotOpen, or LetterError: no_recipients,
    too_long, invalid, whatever the address has done before.

    The result holds only what this request submitted. Whether it was stored depends on
    what the address did before (see _is_to_store) and is deliberately not part of it:
    the caller answers every submission the same way, so the form never reveals who has
    written, and never changes or shows an earlier letter (ADR 0009).
    """
    if not ask.campaign.is_open:
        raise CampaignNotOpen(ask.campaign.slug)
    if len(personal_paragraph) > PERSONAL_MAX_CHARS:
        raise LetterError("too_long")
    one_line = (supporter.first_name, supporter.last_name, supporter.email, supporter.town)
    if any(has_control_characters(value) for value in one_line):
        # Line breaks in a name would become header injection in From and Subject.
        raise LetterError("invalid")
    if ask.editing != LetterAsk.Editing.PERSONAL:
        personal_paragraph = ""
    if ask.editing != LetterAsk.Editing.EDITABLE:
        edited_bodies = None
    writer = Writer(
        first_name=supporter.first_name,
        last_name=supporter.last_name,
        town=supporter.town or supporter.city,
    )
    preview = Writer(town=writer.town)
    drafts = drafts_for(
        ask,
        divisions=divisions,
        writer=preview,
        seed=seed,
        personal_paragraph=personal_paragraph,
    )
    drafts = [d for d in drafts if d.template is not None]
    if not drafts:
        raise LetterError("no_recipients")
    letter = _letter_new(ask, supporter, personal_paragraph, mailto)
    recipients = []
    # Every check on the text runs before looking at what is stored about the address,
    # so that refusals do not depend on whether the address has written before.
    for position, draft in enumerate(drafts):
        edited = (edited_bodies or {}).get(position)
        subject, body = _final_text(draft, writer=writer, edited=edited, language=draft.language)
        recipients.append(_recipient_new(letter, draft, position, subject, body, mailto))
    if _is_to_store(ask, letter.email_canonical, mailto=mailto):
        _letter_store(letter, recipients, divisions)
        if not mailto:
            consents_record(
                act=letter,
                campaign=ask.campaign,
                asked=supporter.consents,
                first_name=supporter.first_name,
            )
    return SubmitResult(letter=letter, recipients=recipients)


def _letter_store(letter: Letter, recipients: list[LetterRecipient], divisions) -> None:
    """Save a new letter and its recipients; a pending one gets its confirmation email."""
    letter.save()
    letter.divisions.set(list(divisions))
    for recipient in recipients:
        recipient.letter = letter
        recipient.save()
    if letter.status == Letter.Status.PENDING:
        _confirmation_send(letter)


def _is_to_store(ask: LetterAsk, canonical: str, *, mailto: bool) -> bool:
    """Whether a new submission from this canonical address becomes a row. Rows stored
    earlier are never changed here: a pending letter changes only through its own link.

    - Already confirmed: nothing new; the owner gets a kind email (at most one per ten
      minutes) if this was a letter for Beacon to send.
    - Self-reported: kept unless the address already has a confirmed or self-reported
      letter; it never stops a letter for Beacon to send.
    - Pending: kept as one more pending letter with its own link, up to
      PENDING_PER_PERSON_PER_HOUR, so the form cannot flood an inbox with links."""
    mine = list(
        Letter.objects.select_for_update(of=("self",))
        .select_related("ask__campaign")
        .filter(ask=ask, email_canonical=canonical)
        .order_by("pk")
    )
    confirmed = next((m for m in mine if m.status == Letter.Status.CONFIRMED), None)
    if mailto:
        return not any(m.status != Letter.Status.PENDING for m in mine)
    if confirmed is not None:
        _already_written_notify(confirmed)
        return False
    since = timezone.now() - timedelta(hours=1)
    recent = [m for m in mine if m.status == Letter.Status.PENDING and m.created_at >= since]
    return len(recent) < PENDING_PER_PERSON_PER_HOUR


def _already_written_notify(letter: Letter) -> None:
    # It goes to the address that confirmed, not the typed one, and counts against that
    # address's mail limit, so the form cannot be used to flood somebody's inbox.
    if mail_allowed(letter.email_canonical):
        _email_queue(letter, "letter_already", {})


def _letter_new(ask, supporter: Supporter, paragraph, mailto) -> Letter:
    return Letter(
        ask=ask,
        first_name=supporter.first_name,
        last_name=supporter.last_name,
        email=supporter.email,
        email_canonical=email_canonicalize(supporter.email),
        street=supporter.street,
        city=supporter.city,
        zip_code=supporter.zip_code,
        town=supporter.town or supporter.city,
        personal_paragraph=paragraph,
        # Showing a name in public and consenting to news are choices only the owner of
        # the address can make: a self-reported letter never proves that (ADR 0009).
        is_public=supporter.is_public and not mailto,
        has_opted_in=supporter.has_opted_in and not mailto,
        language=supporter.language,
        share_code=code_new(),
        status=Letter.Status.SELF_REPORTED if mailto else Letter.Status.PENDING,
        is_mailto_fallback=mailto,
    )


def _recipient_new(letter, draft: Draft, position, subject, body, mailto) -> LetterRecipient:
    target = draft.target
    mode = (
        LetterRecipient.Mode.SELF
        if mailto
        else (LetterRecipient.Mode.HELD if draft.held_reason else LetterRecipient.Mode.INDIVIDUAL)
    )
    return LetterRecipient(
        letter=letter,
        official=target.official,
        division=target.division,
        title=target.title[:100],
        seat_type=target.seat_type,
        recipient_name=draft.recipient_name[:255],
        to_email=draft.to_email,
        is_cosponsor=target.is_cosponsor,
        subject=subject[:300],
        body=body,
        mode=mode,
        held_reason=draft.held_reason,
        position=position,
    )


def _letter_dispatch(letter: Letter) -> str:
    """Confirm the letter, queue its recipients, and send the supporter their copy with a
    fresh private status link; returns that link's token."""
    token, digest = token_new()
    letter.status = Letter.Status.CONFIRMED
    letter.confirmed_at = letter.confirmed_at or timezone.now()
    letter.changed_at = timezone.now()
    letter.status_token_digest = digest
    letter.save(update_fields=["status", "confirmed_at", "changed_at", "status_token_digest"])
    consents_give(act=letter)
    recipients_schedule(letter)
    status_url = settings.BEACON_BASE_URL + reverse("actions:letter-status", args=[token])
    _email_queue(
        letter,
        "letter_copy",
        {
            "status_url": status_url,
            "status_expires_at": letter_status_link_expires_at(letter),
            "recipients": (recipients := list(letter.recipients.all())),
            "is_all_held": all(r.held_reason for r in recipients),
        },
    )
    return token


def _confirmation_send(letter: Letter) -> None:
    """Mail the letter's confirmation link, unless the address had its share of mail
    today: then the letter stays pending without a link and expires unsent, and the
    browser is answered as for any other letter."""
    if not mail_allowed(letter.email_canonical):
        return
    link = link_new()
    letter.confirm_token_digest = link.digest
    letter.confirm_expires_at = link.expires_at
    letter.save(update_fields=["confirm_token_digest", "confirm_expires_at"])
    url = settings.BEACON_BASE_URL + reverse("actions:letter-confirm", args=[link.token])
    _email_queue(
        letter, "letter_confirm", {"confirm_url": url, "recipients": list(letter.recipients.all())}
    )


def _email_queue(letter: Letter, template: str, extra: dict) -> None:
    campaign = letter.ask.campaign
    context = {
        "letter": letter,
        "ask": letter.ask,
        "campaign": campaign,
        "campaign_url": settings.BEACON_BASE_URL + campaign.get_absolute_url(),
        "expires_at": letter.confirm_expires_at,
        **extra,
    }
    with translation.override(letter.language):
        subject = render_to_string(f"actions/email/{template}/subject.txt", context)
        body = render_to_string(f"actions/email/{template}/body.txt", context)
    message_queue(
        to=letter.email,
        subject=" ".join(subject.split()),
        body_text=body,
        category="letter_supporter" if template == "letter_copy" else "confirmation",
        headers={"Auto-Submitted": "auto-generated"},
    )


def letter_pending_for_token(*, token: str) -> Letter | None:
    """The letter a confirmation link points at, for the page with the Confirm button."""
    return link_lookup(Letter.objects.select_related("ask__campaign"), token=token)


@transaction.atomic
def letter_confirm(*, token: str) -> tuple[Letter, str]:
    """Confirm a pending letter and hand it to delivery; returns (letter, status token).

    The link works once and expires. Raises ConfirmError: invalid, used (this letter, or
    another letter from the same person, was already confirmed: offices count one letter
    per person), expired, or closed (the campaign stopped taking letters: nothing is
    sent)."""
    digest = link_digest(token)
    person = (
        Letter.objects.filter(confirm_token_digest=digest)
        .values_list("ask_id", "email_canonical")
        .first()
        if digest
        else None
    )
    if person is None:
        raise ConfirmError("invalid")
    # Lock every letter of this person for the ask, always in the same order, so two
    # of their pending letters confirmed at the same moment cannot both be sent.
    mine = list(
        Letter.objects.select_for_update(of=("self",))
        .select_related("ask__campaign")
        .filter(ask_id=person[0], email_canonical=person[1])
        .order_by("pk")
    )
    letter = next((m for m in mine if m.confirm_token_digest == digest), None)
    if letter is None:
        raise ConfirmError("invalid")
    link_check(
        is_used=letter.status != Letter.Status.PENDING,
        expires_at=letter.confirm_expires_at,
        is_open=letter.ask.campaign.is_open,
    )
    if any(m.status == Letter.Status.CONFIRMED for m in mine):
        raise ConfirmError("used")
    return letter, _letter_dispatch(letter)
