"""Forgetting what was sent: delivery keeps a message's content only while it may still be
needed (to send it, retry it, or answer a question about it soon after).

The caller chooses the period (beacon.people.retention's schedule, applied by
`beacon enforce_retention`); delivery knows nothing of campaigns or schedules.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from beacon.delivery.models import OutboundMessage

Status = OutboundMessage.Status

# Everything in a message row that may say who wrote, who receives, or what was said.
# Category, status, attempts, dates and ids stay, for delivery statistics and for
# provider webhooks that arrive late.
ERASED_FIELDS: dict[str, object] = {
    "to": "",
    "subject": "",
    "body_text": "",
    "body_html": "",
    "from_name": "",
    "reply_to": "",
    "headers": {},
    "group_key": "",
}


def messages_erase_settled(*, before: datetime) -> int:
    """Erase the content and addresses of messages sent, or failed for good, before
    `before`; return how many rows changed. A message still to be delivered (queued,
    sending, held, or failed and since retried) is never touched, and an erased one is
    never sent again (`message_retry_now` refuses it). Running it twice changes nothing
    the second time."""
    settled = Q(status=Status.SENT, sent_at__lt=before) | Q(
        status=Status.FAILED, failed_at__lt=before
    )
    return (
        OutboundMessage.objects.filter(settled).exclude(to="", body_text="").update(**ERASED_FIELDS)
    )


def messages_erase(*, message_ids: list[int]) -> dict[str, int]:
    """Erase messages at their sender's request ("Your data"): those not yet handed to the
    provider (queued or held) are withdrawn, never to be sent; settled ones are erased as
    the schedule would erase them later. A message being sent at this moment is left as
    it is (the schedule erases it once it settles). Returns counts of "withdrawn",
    "erased" and "in_flight"."""
    rows = OutboundMessage.objects.filter(pk__in=message_ids)
    withdrawn = rows.filter(status__in=[Status.QUEUED, Status.HELD]).update(
        status=Status.WITHDRAWN, **ERASED_FIELDS
    )
    erased = (
        rows.filter(status__in=[Status.SENT, Status.FAILED, Status.WITHDRAWN])
        .exclude(to="", body_text="")
        .update(**ERASED_FIELDS)
    )
    return {
        "withdrawn": withdrawn,
        "erased": erased,
        "in_flight": rows.filter(status=Status.SENDING).count(),
    }
