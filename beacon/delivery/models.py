"""Outbound messages: the durable record of every email Beacon sends.

`delivery` knows nothing of campaigns. A caller writes one row per recipient inside its
own transaction (services.message_queue); workers claim, send and settle the row. The
table, not the task queue, is the source of truth (see docs/adr/0002-durable-outbox.md).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundMessage(models.Model):
    """One email to one recipient, with its delivery state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # Written but deliberately not sent (e.g. a vacant seat); released by a service.
        HELD = "held", _("Held")
        # Erased by its sender before it went ("Your data"); never sent.
        WITHDRAWN = "withdrawn", _("Withdrawn by the sender")

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body_text = models.TextField(_("plain-text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    from_name = models.CharField(_("sender name"), max_length=200, blank=True)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    category = models.CharField(_("category"), max_length=40, blank=True)
    group_key = models.CharField(_("group key"), max_length=200, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # When the current send task was enqueued and its id; the sweeper uses them to tell a
    # task still waiting in the queue from one that was lost.
    enqueued_at = models.DateTimeField(_("enqueued at"), null=True, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    # A short reason with addresses removed: no personal data.
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=255, blank=True)
    # True when a worker may have died between the server's acceptance and our commit,
    # so the recipient may receive this message twice.
    is_possible_duplicate = models.BooleanField(_("possible duplicate"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_status_due"),
            models.Index(fields=["category", "group_key"], name="delivery_category_group"),
            models.Index(fields=["provider_message_id"], name="delivery_provider_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["queued", "sending", "sent", "failed", "held", "withdrawn"]
                ),
                name="delivery_status_valid",
            ),
        ]

    def __str__(self) -> str:
        # No address or subject here: __str__ ends up in logs and admin history.
        return f"OutboundMessage {self.pk} ({self.status})"
