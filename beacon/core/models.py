"""Rows the whole project shares that belong to no domain."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SchedulerLease(models.Model):
    """Who may run the periodic jobs until when (see `beacon.core.scheduler.Lease`)."""

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder} until {self.expires_at:%Y-%m-%d %H:%M:%S}"


class RateLimit(models.Model):
    """How often one client, address, phone or campaign may do one thing. Operators edit
    these rows in the admin; a scope and key without a row uses the default in
    `beacon.core.limits.rules.DEFAULT_LIMITS`, and a maximum of 0 switches the thing off."""

    class Key(models.TextChoices):
        CLIENT = "client", _("Per client (a keyed hash of the IP address)")
        EMAIL = "email", _("Per email address (canonical form)")
        PHONE = "phone", _("Per phone number")
        CAMPAIGN = "campaign", _("Per campaign")
        ACCOUNT = "account", _("Per staff account")
        BROWSER = "browser", _("Per browser session and target")

    scope = models.CharField(_("what is limited"), max_length=40)
    key = models.CharField(_("counted"), max_length=10, choices=Key.choices)
    window_seconds = models.PositiveIntegerField(
        _("window (seconds)"), validators=[MinValueValidator(1), MaxValueValidator(86400)]
    )
    maximum = models.PositiveIntegerField(
        _("maximum in the window"), help_text=_("0 switches this off entirely.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["scope", "key"]
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="ratelimit_unique")]
        verbose_name = _("rate limit")
        verbose_name_plural = _("rate limits")

    def __str__(self) -> str:
        return f"{self.scope} per {self.key}: {self.maximum} per {self.window_seconds} s"


class RateCounter(models.Model):
    """One fixed window's count for one scope, key and hashed value. Written only by one
    atomic upsert (`beacon.core.limits.stores.DatabaseStore`); expired rows are purged by
    the periodic jobs. The value is a keyed hash that changes daily: no IP address, email
    or phone number is stored."""

    bucket = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(db_index=True, help_text="Unix time")

    def __str__(self) -> str:
        return f"{self.bucket}: {self.hits}"


class AuditEntry(models.Model):
    """One export of personal data or one change to someone's powers: who did it, what,
    when, and in which organization. Written only through `beacon.core.audit.services`;
    Beacon never changes or deletes an entry, and operators read them in the admin.

    The organization is kept by id and name rather than by foreign key: core sits below
    campaigns, and an entry must outlive the organization (and the account) it names."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export of personal data")
        MEMBERSHIP_ADDED = "membership_added", _("Role given in an organization")
        MEMBERSHIP_CHANGED = "membership_changed", _("Role changed in an organization")
        MEMBERSHIP_REMOVED = "membership_removed", _("Role taken away in an organization")
        INVITATION_SENT = "invitation_sent", _("Invitation to an organization sent")
        ACCOUNT_CREATED = "account_created", _("Account created")
        ACCOUNT_CHANGED = "account_changed", _("Account powers changed")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        OFFLINE_ADDED = "offline_added", _("Offline signatures added")
        OFFLINE_REMOVED = "offline_removed", _("Offline signatures removed")

    recorded_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("who (username then)"), max_length=150)
    kind = models.CharField(_("what"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("about"), max_length=300)
    organization_id = models.BigIntegerField(_("organization id"), null=True, blank=True)
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["organization_id", "-recorded_at"], name="auditentry_org_time")
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.kind} {self.subject}"
