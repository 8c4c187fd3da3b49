"""Rows the whole project shares that belong to no domain."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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
