"""Admin for outbound messages: read the outbox, filter it, retry what failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_bodies_redacted, message_retry_now

if TYPE_CHECKING:
    # ModelAdmin is generic in django-stubs only; at runtime it cannot be subscripted.
    _OutboundMessageAdminBase = admin.ModelAdmin[OutboundMessage]
else:
    _OutboundMessageAdminBase = admin.ModelAdmin


@admin.register(OutboundMessage)
class OutboundMessageAdmin(_OutboundMessageAdminBase):
    list_display = (
        "id",
        "category",
        "group_key",
        "status",
        "attempts",
        "is_possible_duplicate",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "category", "is_possible_duplicate")
    search_fields = ("message_id", "provider_message_id", "group_key")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    actions = ["retry_now"]
    list_per_page = 100
    show_full_result_count = False
    # Delivery state is written by workers and webhooks only; the admin reads it. The
    # bodies are shown with the tokens of Beacon's links redacted, whatever the status: a
    # queued or failed confirmation still holds a live link (docs/security.md).
    exclude = ["body_text", "body_html"]
    readonly_fields = [
        {"body_text": "body_text_shown", "body_html": "body_html_shown"}.get(name, name)
        for name in (field.name for field in OutboundMessage._meta.fields)
    ]

    @admin.display(description=_("plain-text body"))
    def body_text_shown(self, obj: OutboundMessage) -> str:
        return message_bodies_redacted(obj)["body_text"]

    @admin.display(description=_("HTML body"))
    def body_html_shown(self, obj: OutboundMessage) -> str:
        return message_bodies_redacted(obj)["body_html"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: OutboundMessage | None = None
    ) -> bool:
        # The detail page stays viewable; edits go through services (retry now).
        return False

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        """Queue the selected queued, failed or held messages for an immediate attempt."""
        done = sum(message_retry_now(message_pk=pk) for pk in queryset.values_list("pk", flat=True))
        skipped = queryset.count() - done
        self.message_user(
            request,
            ngettext(
                "%(count)d message queued for an immediate retry.",
                "%(count)d messages queued for an immediate retry.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was sent or is being sent and was left alone.",
                    "%(count)d messages were sent or are being sent and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("delivery.change_outboundmessage")
