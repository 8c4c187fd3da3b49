"""Reads for delivery: status for supporters' status pages and organizers' reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from beacon.delivery.models import OutboundMessage


@dataclass(frozen=True)
class MessageState:
    """What a status page may show about one message: no addresses, no bodies."""

    status: str
    status_label: str
    sent_at: datetime | None
    failed_at: datetime | None
    attempts: int
    next_attempt_at: datetime | None

    @property
    def is_final(self) -> bool:
        return self.status in (OutboundMessage.Status.SENT, OutboundMessage.Status.FAILED)


def message_status_for_ids(ids: Iterable[int]) -> dict[int, MessageState]:
    """The delivery state of each given message id, in one query. Unknown ids are absent.

    "sending" is reported as is; status pages usually show it as "queued".
    """
    wanted = [int(pk) for pk in ids]
    if not wanted:
        return {}
    rows = OutboundMessage.objects.filter(pk__in=wanted).values(
        "pk", "status", "sent_at", "failed_at", "attempts", "next_attempt_at"
    )
    labels = dict(OutboundMessage.Status.choices)
    return {
        row["pk"]: MessageState(
            status=row["status"],
            status_label=str(labels.get(row["status"], row["status"])),
            sent_at=row["sent_at"],
            failed_at=row["failed_at"],
            attempts=row["attempts"],
            next_attempt_at=(
                row["next_attempt_at"] if row["status"] == OutboundMessage.Status.QUEUED else None
            ),
        )
        for row in rows
    }


def message_counts_by_status(*, category: str = "", group_key: str = "") -> dict[str, int]:
    """How many messages are in each status, optionally for one category / group key."""
    from django.db.models import Count

    queryset = OutboundMessage.objects.all()
    if category:
        queryset = queryset.filter(category=category)
    if group_key:
        queryset = queryset.filter(group_key=group_key)
    rows = queryset.values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}
