"""Reads of letters for public pages and the supporter's private status page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import LetterAsk
from beacon.campaigns.selectors import campaign_get_public
from beacon.core.confirmation import link_lookup
from beacon.delivery.models import OutboundMessage
from beacon.delivery.selectors import message_status_for_ids

from ..models import Letter, LetterRecipient
from ..selectors import Participant

CACHE_SECONDS = 5
# Public counts and lists show letters whose writer proved control of the email address.
# Self-reported letters are counted apart, for organizers only (ADR 0009).
COUNTED = (Letter.Status.CONFIRMED,)


def letter_ask_get_public(*, slug: str, action_slug: str) -> LetterAsk:
    """A letter ask of a published campaign; Http404 for anything else."""
    campaign = campaign_get_public(slug=slug)
    found = LetterAsk.objects.filter(campaign=campaign, slug=action_slug).first()
    if found is None:
        raise Http404("letter ask")
    found.campaign = campaign
    return found


def letter_ask_progress(*, ask: LetterAsk) -> dict:
    """How many constituents have written (confirmed letters; self-reported ones are not
    counted here), cached briefly so a crowd of readers is not a crowd of COUNT queries."""
    key = f"letters:{ask.pk}:count"
    count = cache.get(key)
    if count is None:
        count = Letter.objects.filter(ask=ask, status__in=COUNTED).count()
        cache.set(key, count, CACHE_SECONDS)
    return {"count": count}


def letter_recent_participants(*, ask: LetterAsk, limit: int = 8) -> list[Participant]:
    """First name and town of the latest confirmed writers who agreed to be shown."""
    key = f"letters:{ask.pk}:recent:{limit}"
    participants = cache.get(key)
    if participants is None:
        rows = (
            Letter.objects.filter(ask=ask, status__in=COUNTED, is_public=True)
            .order_by("-confirmed_at")
            .values_list("first_name", "town")[:limit]
        )
        participants = [Participant(first_name=f, town=t) for f, t in rows]
        cache.set(key, participants, CACHE_SECONDS)
    return participants


def letter_get_for_status_token(*, token: str) -> Letter | None:
    """The letter a private status link belongs to, or None. The link may have expired:
    see letter_status_link_expires_at."""
    return link_lookup(
        Letter.objects.select_related("ask__campaign__organization"),
        token=token,
        field="status_token_digest",
    )


def letter_status_link_expires_at(letter: Letter) -> datetime:
    """When the letter's private status link stops working: BEACON_STATUS_LINK_DAYS after
    the letter's last change (`changed_at`: confirmed, or a held recipient released)."""
    return letter.changed_at + timedelta(days=settings.BEACON_STATUS_LINK_DAYS)


def letter_status_link_is_expired(letter: Letter) -> bool:
    return letter_status_link_expires_at(letter) <= timezone.now()


@dataclass(frozen=True)
class RecipientStatus:
    recipient: LetterRecipient
    state: str  # queued, sent, failed, held, awaiting, digest, self
    label: str


STATE_LABELS = {
    "queued": _("Queued"),
    "sent": _("Sent"),
    "failed": _("Failed"),
    "held": _("Held"),
    "awaiting": _("Held until the officials data names who holds the seat"),
    "digest": _("Waiting for today's digest"),
    "self": _("Sent from your own email"),
    "withdrawn": _("Withdrawn: never sent"),
}


def letter_recipient_statuses(*, letter: Letter) -> list[RecipientStatus]:
    """Each recipient with queued, sent or failed (from delivery's status), or held,
    waiting for the digest, or sent by the supporter themselves."""
    recipients = list(letter.recipients.select_related("division"))
    states = message_status_for_ids(r.message_id for r in recipients if r.message_id)
    result = []
    for recipient in recipients:
        message_id = recipient.message_id
        message_state = states.get(message_id) if message_id is not None else None
        state = recipient_state(recipient, message_state)
        result.append(RecipientStatus(recipient, state, str(STATE_LABELS[state])))
    return result


def recipient_state(recipient: LetterRecipient, message_state) -> str:
    """One word for where a recipient's letter is; "sending" reads as "queued"."""
    if recipient.mode == LetterRecipient.Mode.SELF:
        return "self"
    if recipient.held_reason == LetterRecipient.Held.AWAITING:
        return "awaiting"
    if recipient.held_reason == LetterRecipient.Held.WITHDRAWN:
        return "withdrawn"
    if recipient.held_reason:
        return "held"
    if message_state is None:
        return "digest" if recipient.mode == LetterRecipient.Mode.DIGEST else "queued"
    if message_state.status == OutboundMessage.Status.SENT:
        return "sent"
    if message_state.status == OutboundMessage.Status.FAILED:
        return "failed"
    if message_state.status == OutboundMessage.Status.HELD:
        return "held"
    return "queued"
