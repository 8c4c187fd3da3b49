"""Background work for delivery: tasks take ids and call one service."""

from __future__ import annotations

from django_tasks import task

from beacon.delivery import services


@task()
def message_send(*, message_pk: int) -> str:
    """Send one outbound message (see services.message_send); returns its status."""
    message = services.message_send(message_pk=message_pk)
    return message.status if message is not None else "skipped"
