"""Writes for a supporter's acts on a petition: sign, confirm, and batch counting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from beacon.campaigns.models import Campaign, OfflineSignatures, Petition
from beacon.core.confirmation import ConfirmError, link_check, link_lookup, link_new
from beacon.core.tokens import code_new
from beacon.delivery.services import message_queue
from beacon.geo.zipcodes import zip_place
from beacon.people.email import email_canonicalize, email_pseudonym, mail_allowed

from .models import Signature
from .yourdata.consents import ConsentAsked, consents_give, consents_record


class CampaignNotOpen(Exception):
    """The campaign is closed, won, past its deadline or not published."""


@dataclass(frozen=True)
class SignResult:
    signature: Signature
    is_new: bool
    email_sent: bool


def signature_create(
    *,
    petition: Petition,
    first_name: str,
    last_name: str,
    email: str,
    zip_code: str,
    is_public: bool = False,
    has_opted_in: bool = False,
    referral_code: str = "",
    language: str = "en",
    consents: Iterable[ConsentAsked] = (),
) -> SignResult:
    """Record a pending signature and queue its confirmation email in one transaction.

    The same person (canonical email) signing again is not counted twice: they get a
    fresh confirmation link if still pending, or a kind "you already signed" email, and
    the response to the browser is the same in every case so the form never reveals who
    has signed. Raises CampaignNotOpen when the campaign takes no signatures. `consents`
    (the news boxes ticked) are recorded with a new signature and given when it is
    confirmed; with an existing one they are dropped (its owner did not prove the address
    now).

    Everything that needs no lock (ZIP lookup, token, rendering the email) happens before
    the transaction, so the write lock (SQLite's is database-wide) is held only for the
    check and the two inserts."""
    campaign = petition.campaign
    if not campaign.is_open:
        raise CampaignNotOpen(campaign.slug)
    place = zip_place(zip_code)
    link = link_new()
    signature = Signature(
        petition=petition,
        first_name=first_name,
        last_name=last_name,
        email=email,
        email_canonical=email_canonicalize(email),
        zip_code=zip_code,
        town=place[0] if place else "",
        is_public=is_public,
        has_opted_in=has_opted_in,
        referral_code=referral_code,
        language=language,
        share_code=code_new(),
        confirm_token_digest=link.digest,
        confirm_expires_at=link.expires_at,
    )
    email_message = _email_render(
        signature, "signature_confirm", {"confirm_url": _confirm_url(link.token)}
    )
    with transaction.atomic():
        existing = _signature_for_update(
            petition=petition, email_canonical=signature.email_canonical
        )
        if existing is not None:
            return SignResult(existing, False, _signature_remind(existing, signature))
        try:
            with transaction.atomic():
                signature.save()
        except IntegrityError:
            # Two submissions raced; the other one won and holds the row.
            existing = _signature_for_update(
                petition=petition, email_canonical=signature.email_canonical
            )
            if existing is None:
                raise
            return SignResult(existing, False, _signature_remind(existing, signature))
        consents_record(act=signature, campaign=campaign, asked=consents, first_name=first_name)
        sent = _email_send(signature, email_message)
    return SignResult(signature, True, sent)


def _signature_for_update(*, petition: Petition, email_canonical: str) -> Signature | None:
    """This person's signature, also when retention has since erased its address and left
    a pseudonym (people.email.email_pseudonym) in its place."""
    return (
        Signature.objects.select_for_update()
        .filter(
            petition=petition,
            email_canonical__in=[email_canonical, email_pseudonym(email_canonical)],
        )
        .first()
    )


def _signature_remind(signature: Signature, typed: Signature) -> bool:
    """Mail a fresh link, or "you already signed"; the mail limit per address holds. The
    latter goes to the address just typed (`typed`, not saved) when retention has erased
    the stored one."""
    if signature.status == Signature.Status.CONFIRMED:
        return _email_queue(signature if signature.email else typed, "already_signed", {})
    return _confirmation_send(signature)


def _confirm_url(token: str) -> str:
    return f"{settings.BEACON_BASE_URL}/confirm/{token}/"


def _confirmation_send(signature: Signature) -> bool:
    if not mail_allowed(signature.email_canonical):
        return False
    link = link_new()
    signature.confirm_token_digest = link.digest
    signature.confirm_expires_at = link.expires_at
    signature.save(update_fields=["confirm_token_digest", "confirm_expires_at"])
    return _email_queue(
        signature, "signature_confirm", {"confirm_url": _confirm_url(link.token)}, counted=True
    )


def _email_render(signature: Signature, template: str, extra: dict) -> tuple[str, str]:
    """(subject, body) of one of the supporter emails, in the supporter's language."""
    campaign = signature.petition.campaign
    context = {
        "signature": signature,
        "campaign": campaign,
        "campaign_url": settings.BEACON_BASE_URL + campaign.get_absolute_url(),
        "expires_at": signature.confirm_expires_at,
        **extra,
    }
    with translation.override(signature.language):
        subject = render_to_string(f"actions/email/{template}/subject.txt", context)
        body = render_to_string(f"actions/email/{template}/body.txt", context)
    return " ".join(subject.split()), body


def _email_send(signature: Signature, message: tuple[str, str], counted: bool = False) -> bool:
    """Queue one supporter mail unless the address had its share today (silently: the
    answer in the browser is the same either way). Return whether it was queued."""
    if not counted and not mail_allowed(signature.email_canonical):
        return False
    subject, body = message
    message_queue(
        to=signature.email,
        subject=subject,
        body_text=body,
        category="confirmation",
        headers={"Auto-Submitted": "auto-generated"},
    )
    return True


def _email_queue(signature: Signature, template: str, extra: dict, counted: bool = False) -> bool:
    return _email_send(signature, _email_render(signature, template, extra), counted=counted)


@transaction.atomic
def signature_confirm(*, token: str) -> Signature:
    """Confirm the signature a link belongs to; the link works once and expires.

    Raises ConfirmError with code "invalid" (unknown token), "used" (already confirmed),
    "expired", or "closed" (the campaign stopped taking signatures: it never counts)."""
    signature = link_lookup(
        Signature.objects.select_for_update().select_related("petition__campaign"), token=token
    )
    if signature is None:
        raise ConfirmError("invalid")
    link_check(
        is_used=signature.status == Signature.Status.CONFIRMED,
        expires_at=signature.confirm_expires_at,
        is_open=signature.petition.campaign.is_open,
        subject=signature,
    )
    signature.status = Signature.Status.CONFIRMED
    signature.confirmed_at = timezone.now()
    signature.save(update_fields=["status", "confirmed_at"])
    consents_give(act=signature)
    return signature


def signature_pending_for_token(*, token: str) -> Signature | None:
    """The signature a confirmation link points at, for the page with the Confirm button."""
    return link_lookup(Signature.objects.select_related("petition__campaign"), token=token)


def petition_counts_refresh(*, petition_ids: list[int] | None = None) -> dict[int, tuple[int, int]]:
    """Recount confirmed signatures from the signature rows, in one grouped query, add
    the signatures organizers entered as gathered offline (one more grouped query), and
    store the counts on the petitions that changed.

    Returns {petition id: (stored before, counted now)} for every petition looked at, so
    a caller can report drift. Never increments a counter per signature (the hot-row
    problem of the UK petitions site); run every few seconds by `beacon refresh_counts`.
    """
    petitions = Petition.objects.all()
    if petition_ids is not None:
        petitions = petitions.filter(pk__in=petition_ids)
    stored = dict(petitions.values_list("pk", "signature_count"))
    counted = dict(
        Signature.objects.filter(petition_id__in=list(stored), status=Signature.Status.CONFIRMED)
        .values("petition_id")
        .annotate(n=Count("pk"))
        .values_list("petition_id", "n")
    )
    offline = dict(
        OfflineSignatures.objects.filter(petition_id__in=list(stored))
        .values("petition_id")
        .annotate(n=Sum("count"))
        .values_list("petition_id", "n")
    )
    now = timezone.now()
    result = {}
    for pk, before in stored.items():
        now_count = counted.get(pk, 0) + (offline.get(pk) or 0)
        result[pk] = (before, now_count)
        if before != now_count:
            Petition.objects.filter(pk=pk).update(signature_count=now_count, count_refreshed_at=now)
    return result


def petition_ids_to_refresh() -> list[int]:
    """Petitions whose count may move: live campaigns, and those closed in the last day
    (signatures confirmed just before the close still land)."""
    recent = timezone.now() - timedelta(days=1)
    return list(
        Petition.objects.filter(
            Q(campaign__status=Campaign.Status.LIVE)
            | Q(campaign__closed_at__gte=recent)
            | Q(campaign__won_at__gte=recent)
        ).values_list("pk", flat=True)
    )


def signatures_enforce_retention() -> dict[str, int]:
    """The signatures' share of two classes of the schedule (beacon.people.retention):
    unconfirmed signatures deleted, and contacts of signers who did not opt in erased once
    their campaign has been over for its period. `beacon enforce_retention` applies the
    whole schedule (beacon.actions.retention)."""
    from beacon.people.retention import AFTER_CLOSE, PENDING

    from .signature_retention import signatures_contacts_erase, signatures_pending_delete

    now = timezone.now()
    return {
        "pending_deleted": signatures_pending_delete(before=PENDING.cutoff(now)),
        "contacts_erased": signatures_contacts_erase(
            ended_before=AFTER_CLOSE.cutoff(now), opted_in=False
        ),
    }
