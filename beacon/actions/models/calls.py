"""A supporter's calls: one row per call to one official, and patch-through sessions.

No phone number of a supporter is ever stored in clear: a patch-through session keeps
only an HMAC of it (keyed with SECRET_KEY) for rate limiting. The number itself lives in
memory for the one request that asks the provider to place the call.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import CallAsk
from beacon.geo.models import Division
from beacon.officials.models import Office, Official


class PatchSession(models.Model):
    """One "call me and connect me" request: Beacon rings the supporter, checks that a
    person answered (press 1), then dials each target's offices in turn.

    Webhook URLs carry only `public_id`, a random opaque string."""

    class Status(models.TextChoices):
        STARTING = "starting", _("Placing the call")
        RINGING = "ringing", _("Ringing the supporter")
        CONNECTING = "connecting", _("Connecting to offices")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")
        # Not placed: the number Beacon would ring had reached its hourly limit. The
        # requester sees the same pages as for a call that was placed (ADR 0009).
        SUPPRESSED = "suppressed", _("Not placed: the number's hourly limit was reached")

    public_id = models.CharField(max_length=48, unique=True)
    ask = models.ForeignKey(CallAsk, on_delete=models.CASCADE, related_name="patch_sessions")
    phone_hash = models.CharField(max_length=64, db_index=True)
    requester_hash = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.STARTING)
    provider_sid = models.CharField(max_length=64, blank=True)
    # [{"official": pk, "division": pk|None, "name": "Senator Rosa Senator",
    #   "offices": [{"office": pk, "number": "+16177221485"}, ...]}, ...]; office numbers
    # are public contact details, never the supporter's.
    plan = models.JSONField(default=list)
    target_index = models.PositiveSmallIntegerField(default=0)
    office_index = models.PositiveSmallIntegerField(default=0)
    has_human = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["phone_hash", "created_at"], name="patch_phone_idx"),
            models.Index(fields=["requester_hash", "created_at"], name="patch_requester_idx"),
        ]
        verbose_name = _("patch-through call")
        verbose_name_plural = _("patch-through calls")

    def __str__(self) -> str:
        return f"PatchSession {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.FAILED, self.Status.SUPPRESSED)


class Call(models.Model):
    """One supporter's call to one official, with what happened."""

    class Outcome(models.TextChoices):
        TALKED_TO_STAFF = "talked_to_staff", _("Talked to staff")
        LEFT_VOICEMAIL = "left_voicemail", _("Left a voicemail")
        BUSY = "busy", _("Busy")
        NO_ANSWER = "no_answer", _("No answer")
        SKIPPED = "skipped", _("Skipped")

    class Via(models.TextChoices):
        SELF = "self", _("Dialled by the supporter")
        PATCH = "patch", _("Patch-through")

    # Only these count as calls made; the others invite another try.
    COUNTED = (Outcome.TALKED_TO_STAFF, Outcome.LEFT_VOICEMAIL)

    ask = models.ForeignKey(CallAsk, on_delete=models.CASCADE, related_name="calls")
    official = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office = models.ForeignKey(
        Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_name = models.CharField(_("called"), max_length=255)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.SELF)
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    session = models.ForeignKey(
        PatchSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls"
    )
    # The provider's id of this leg (patch-through only): a replayed callback finds it.
    provider_sid = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_sid"],
                condition=~Q(provider_sid=""),
                name="call_unique_provider_sid",
            ),
        ]
        indexes = [
            models.Index(fields=["ask", "outcome"], name="call_ask_outcome_idx"),
            models.Index(fields=["ask", "created_at"], name="call_ask_day_idx"),
        ]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return f"Call {self.pk} ({self.outcome})"

    @property
    def is_counted(self) -> bool:
        return self.outcome in self.COUNTED
