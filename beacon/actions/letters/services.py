"""Writes for letters: submit, confirm, and the emails the supporter receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from beacon.campaigns.merge import merge_context_for, merge_render
from beacon.campaigns.models import LetterAction
from beacon.campaigns.models_letters import BODY_MAX_CHARS, PERSONAL_MAX_CHARS
from beacon.core import clock
from beacon.core.text import has_control_characters
from beacon.core.tokens import code_new, token_digest, token_new
from beacon.delivery.services import message_queue
from beacon.people.email import email_canonicalize

from ..models import Letter, LetterRecipient
from ..services import RESEND_INTERVAL, CampaignNotOpen, ConfirmError
from .composing import Draft, Writer, drafts_for
from .scheduling import recipients_schedule


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


@dataclass
class SubmitResult:
    letter: Letter
    # This person had already written: nothing new was stored; they were told by email.
    is_duplicate: bool = False
    drafts: list[Draft] = field(default_factory=list)


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
    action: LetterAction,
    supporter: Supporter,
    divisions,
    seed: int = 0,
    personal_paragraph: str = "",
    edited_bodies: dict[int, str] | None = None,
    mailto: bool = False,
) -> SubmitResult:
    """Write a letter and one row per recipient, exactly as previewed, in one transaction.

    Queues the confirmation email: nothing reaches an office before the owner of the
    email address confirms with the emailed link (letter_confirm). `mailto=True` records
    that the supporter sends it from their own email (nothing is queued to offices).
    Raises CampaignNotOpen, or LetterError: no_recipients, too_long, invalid.

    Someone who already wrote (same canonical email) is not recorded twice: they get a
    kind email saying so and `is_duplicate` is set, and the page they see is the same
    "Check your email" as anyone's, so the form never reveals who has written (ADR 0007).
    """
    if not action.campaign.is_open:
        raise CampaignNotOpen(action.campaign.slug)
    if len(personal_paragraph) > PERSONAL_MAX_CHARS:
        raise LetterError("too_long")
    one_line = (supporter.first_name, supporter.last_name, supporter.email, supporter.town)
    if any(has_control_characters(value) for value in one_line):
        # Line breaks in a name would become header injection in From and Subject.
        raise LetterError("invalid")
    if action.editing != LetterAction.Editing.PERSONAL:
        personal_paragraph = ""
    if action.editing != LetterAction.Editing.EDITABLE:
        edited_bodies = None
    writer = Writer(
        first_name=supporter.first_name,
        last_name=supporter.last_name,
        town=supporter.town or supporter.city,
    )
    preview = Writer(town=writer.town)
    drafts = drafts_for(
        action,
        divisions=divisions,
        writer=preview,
        seed=seed,
        personal_paragraph=personal_paragraph,
    )
    drafts = [d for d in drafts if d.template is not None]
    if not drafts:
        raise LetterError("no_recipients")
    canonical = email_canonicalize(supporter.email)
    existing = _previous_handle(action, canonical)
    if existing is not None:
        _already_written_notify(existing)
        return SubmitResult(letter=existing, is_duplicate=True)
    letter = _letter_create(action, supporter, canonical, divisions, personal_paragraph, mailto)
    for position, draft in enumerate(drafts):
        edited = (edited_bodies or {}).get(position)
        subject, body = _final_text(
            draft, writer=writer, edited=edited, language=action.campaign.language
        )
        _recipient_create(letter, draft, position, subject, body, mailto)
    result = SubmitResult(letter=letter, drafts=drafts)
    if not mailto:
        _confirmation_send(letter)
    return result


def _previous_handle(action: LetterAction, canonical: str) -> Letter | None:
    """The person's letter already sent, if any; an unconfirmed earlier attempt is
    replaced by this one (the latest text wins)."""
    done = (
        Letter.objects.select_for_update()
        .filter(
            action=action,
            email_canonical=canonical,
            status=Letter.Status.CONFIRMED,
        )
        .first()
    )
    if done is None:
        Letter.objects.filter(
            action=action, email_canonical=canonical, status=Letter.Status.PENDING
        ).delete()
    return done


def _already_written_notify(letter: Letter) -> None:
    # At most one such email per letter every ten minutes, so the form cannot be used to
    # flood somebody's inbox. The cache is enough here: a missed limit sends one extra
    # kind email, never a letter.
    if cache.add(f"letter:{letter.pk}:already", 1, int(RESEND_INTERVAL.total_seconds())):
        _email_queue(letter, "letter_already", {})


def _letter_create(action, supporter: Supporter, canonical, divisions, paragraph, mailto):
    letter = Letter.objects.create(
        action=action,
        first_name=supporter.first_name,
        last_name=supporter.last_name,
        email=supporter.email,
        email_canonical=canonical,
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
    letter.divisions.set(list(divisions))
    return letter


def _recipient_create(letter, draft: Draft, position, subject, body, mailto) -> LetterRecipient:
    target = draft.target
    mode = (
        LetterRecipient.Mode.SELF
        if mailto
        else (LetterRecipient.Mode.HELD if draft.held_reason else LetterRecipient.Mode.INDIVIDUAL)
    )
    return LetterRecipient.objects.create(
        letter=letter,
        official=target.official,
        division=target.division,
        title=target.title[:100],
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
    letter.confirmed_at = letter.confirmed_at or clock.now()
    letter.status_token_digest = digest
    letter.save(update_fields=["status", "confirmed_at", "status_token_digest"])
    recipients_schedule(letter)
    status_url = settings.BEACON_BASE_URL + reverse("actions:letter-status", args=[token])
    _email_queue(
        letter,
        "letter_copy",
        {"status_url": status_url, "recipients": list(letter.recipients.all())},
    )
    return token


def _confirmation_send(letter: Letter) -> None:
    token, digest = token_new()
    letter.confirm_token_digest = digest
    letter.confirm_expires_at = clock.now() + timedelta(seconds=settings.BEACON_CONFIRM_MAX_AGE)
    letter.save(update_fields=["confirm_token_digest", "confirm_expires_at"])
    url = settings.BEACON_BASE_URL + reverse("actions:letter-confirm", args=[token])
    _email_queue(
        letter, "letter_confirm", {"confirm_url": url, "recipients": list(letter.recipients.all())}
    )


def _email_queue(letter: Letter, template: str, extra: dict) -> None:
    campaign = letter.action.campaign
    context = {
        "letter": letter,
        "action": letter.action,
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
    if not token:
        return None
    return (
        Letter.objects.select_related("action__campaign")
        .filter(confirm_token_digest=token_digest(token))
        .first()
    )


@transaction.atomic
def letter_confirm(*, token: str) -> tuple[Letter, str]:
    """Confirm a pending letter and hand it to delivery; returns (letter, status token).

    The link works once and expires. Raises ConfirmError: invalid, used, expired, or
    closed (the campaign stopped taking letters: nothing is sent)."""
    letter = (
        Letter.objects.select_for_update()
        .select_related("action__campaign")
        .filter(confirm_token_digest=token_digest(token))
        .first()
        if token
        else None
    )
    if letter is None:
        raise ConfirmError("invalid")
    if letter.status != Letter.Status.PENDING:
        raise ConfirmError("used", None)
    if letter.confirm_expires_at is None or letter.confirm_expires_at <= clock.now():
        raise ConfirmError("expired", None)
    if not letter.action.campaign.is_open:
        raise ConfirmError("closed", None)
    if _already_written(letter):
        # Two pending letters from one person (an old link): offices count one letter.
        raise ConfirmError("used", None)
    return letter, _letter_dispatch(letter)


def _already_written(letter: Letter) -> bool:
    return (
        Letter.objects.filter(
            action_id=letter.action_id,
            email_canonical=letter.email_canonical,
            status=Letter.Status.CONFIRMED,
        )
        .exclude(pk=letter.pk)
        .exists()
    )
