"""What a supporter consents to, and the links that show them their own data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import Campaign, Organization


class NewsConsent(models.Model):
    """One supporter's consent to news from one organization: when, through which form,
    and the very words they ticked, so that the organization can show it. A supporter
    may consent to several organizations (the campaign's own, and partners they ticked
    by name); each is its own row.

    A row is given (`given_at`) only once the email address is proven, when the
    signature or letter it came with is confirmed; one never given is deleted with the
    unconfirmed acts (the schedule's "pending" class). Stopping news sets `withdrawn_at`
    and `withdrawn_how`, and the address is erased from the row at once
    (docs/privacy.md)."""

    class Source(models.TextChoices):
        PETITION = "petition", _("petition signature form")
        LETTER = "letter", _("letter form")

    class Withdrawn(models.TextChoices):
        YOUR_DATA = "your_data", _("“Your data” page")
        UNSUBSCRIBE = "unsubscribe", _("unsubscribe link")
        ERASED = "erased", _("erased everything")
        RETENTION = "retention", _("retention period over")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="news_consents"
    )
    email = models.EmailField(_("email"), max_length=254, blank=True)
    email_canonical = models.CharField(max_length=254, db_index=True, blank=True)
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("how"), max_length=12, choices=Source.choices)
    # The label of the tick box exactly as the supporter read it, in their language.
    wording = models.CharField(_("words ticked"), max_length=500)
    # The act it came with, while that act waits for its email to be proven.
    signature = models.ForeignKey(
        "actions.Signature", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    letter = models.ForeignKey(
        "actions.Letter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    given_at = models.DateTimeField(_("given"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_how = models.CharField(
        _("withdrawn through"), max_length=12, choices=Withdrawn.choices, blank=True
    )

    class Meta:
        indexes = [
            models.Index(fields=["organization", "withdrawn_at"], name="consent_org_idx"),
        ]
        verbose_name = _("news consent")
        verbose_name_plural = _("news consents")

    def __str__(self) -> str:
        return f"Consent {self.pk} ({self.organization_id})"

    @property
    def is_active(self) -> bool:
        return self.given_at is not None and self.withdrawn_at is None


class DataLink(models.Model):
    """A single-use link to the "Your data" page, emailed to an address that asked for it.
    The address is kept only until the link expires (BEACON_DATA_LINK_MAX_AGE) and the
    row is deleted by the retention schedule soon after; the token is stored as a digest
    (beacon.core.confirmation)."""

    email_canonical = models.CharField(max_length=254)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    confirm_token_digest = models.CharField(max_length=64, db_index=True)
    confirm_expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("“Your data” link")
        verbose_name_plural = _("“Your data” links")

    def __str__(self) -> str:
        return f"Data link {self.pk}"
