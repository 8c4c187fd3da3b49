"""A supporter's letter to their legislators, and one row per recipient.

The letter keeps the address the supporter gave: it is part of the letter, so that
legislative staff can check that the writer is a constituent. Each recipient row keeps
the subject and body exactly as the supporter saw them, and points at the outbound
message (or digest) that carries them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import LetterAsk
from beacon.delivery.models import OutboundMessage
from beacon.geo.models import Division
from beacon.officials.models import Official


class Letter(models.Model):
    """One supporter's submission to one letter ask."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed and handed to delivery")
        # The supporter says they sent it themselves (from their own email, later through
        # an office's web form). Nobody proved control of the email address: it is never
        # counted as delivered, never stops the address's owner from writing, and is
        # counted apart (ADR 0009).
        SELF_REPORTED = "self_reported", _("Reported sent by the supporter (unconfirmed)")

    ask = models.ForeignKey(LetterAsk, on_delete=models.CASCADE, related_name="letters")
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=60)
    email = models.EmailField(_("email"), max_length=254)
    email_canonical = models.CharField(max_length=254, editable=False)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city or town"), max_length=100, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    divisions = models.ManyToManyField(Division, blank=True, related_name="+")
    personal_paragraph = models.TextField(_("personal paragraph"), blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    is_public = models.BooleanField(_("show first name and town"), default=False)
    has_opted_in = models.BooleanField(_("wants to hear from the organization"), default=False)
    is_mailto_fallback = models.BooleanField(_("sent from own email"), default=False)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    share_code = models.CharField(max_length=16, unique=True)
    confirm_token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    status_token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The letter's last change: written, confirmed, or a held recipient released or
    # re-held. The private status link stops working BEACON_STATUS_LINK_DAYS after it.
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["ask", "status", "confirmed_at"], name="letter_recent_idx"),
            models.Index(fields=["ask", "email_canonical"], name="letter_person_idx"),
        ]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self) -> str:
        # No name or address: __str__ ends up in logs and admin history.
        return f"Letter {self.pk} ({self.status})"

    @property
    def is_delivered_by_us(self) -> bool:
        return self.status == self.Status.CONFIRMED


class LetterRecipient(models.Model):
    """One recipient of one letter, with the text they get and how it travels."""

    class Mode(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual email")
        DIGEST = "digest", _("Daily digest")
        HELD = "held", _("Held")
        SELF = "self", _("From the supporter's own email")

    class Held(models.TextChoices):
        NONE = "", _("Not held")
        VACANT = "vacant", _("The seat is vacant")
        NO_EMAIL = "no_email", _("No email address is known for this office")
        # The seat's term ended after the officials data was taken: released to whoever
        # holds the seat once the data is refreshed (actions/letters/changeover.py).
        AWAITING = "awaiting", _("The seat is awaiting updated officials data")
        # The writer erased their data ("Your data") before this office had it: never sent.
        WITHDRAWN = "withdrawn", _("Withdrawn by the writer")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="recipients")
    official = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100, blank=True)
    # The seat this recipient stands for (a Role.Type: "upper", "lower", "governor"), or
    # "" for a fixed official or committee member: what a held letter is released to.
    seat_type = models.CharField(max_length=32, blank=True, default="")
    recipient_name = models.CharField(_("recipient"), max_length=255)
    to_email = models.EmailField(_("office email"), max_length=254, blank=True)
    is_cosponsor = models.BooleanField(default=False)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.INDIVIDUAL)
    held_reason = models.CharField(max_length=10, choices=Held.choices, blank=True, default="")
    # The individual email, or the digest that carried this letter once it is assembled.
    message = models.ForeignKey(
        OutboundMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["letter", "position", "id"]
        indexes = [
            models.Index(fields=["mode", "message"], name="letterrecipient_digest_idx"),
        ]
        verbose_name = _("letter recipient")
        verbose_name_plural = _("letter recipients")

    def __str__(self) -> str:
        return f"LetterRecipient {self.pk} ({self.mode})"
