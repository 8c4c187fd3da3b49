"""Signatures on petitions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import Petition


class Signature(models.Model):
    """One person's signature on one petition: pending until the emailed link is
    confirmed, and only then counted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=60)
    email = models.EmailField(_("email"), max_length=254)
    email_canonical = models.CharField(max_length=254, editable=False)
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    town = models.CharField(_("city or town"), max_length=80, blank=True)
    is_public = models.BooleanField(_("show first name and town"), default=False)
    has_opted_in = models.BooleanField(_("wants to hear from the organization"), default=False)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The share code that brought this signer, and the one their own share links carry.
    referral_code = models.CharField(max_length=16, blank=True)
    share_code = models.CharField(max_length=16, unique=True)
    confirm_token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "email_canonical"], name="signature_one_per_person"
            )
        ]
        indexes = [
            models.Index(fields=["petition", "status"], name="signature_count_idx"),
            models.Index(
                fields=["petition", "status", "confirmed_at"], name="signature_recent_idx"
            ),
            models.Index(fields=["status", "created_at"], name="signature_retention_idx"),
        ]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.first_name} · {self.petition_id}"
