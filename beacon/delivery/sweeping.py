"""The sweeper: the durable outbox's safety net, run by `beacon deliver_pending`.

The task queue is only a doorbell. django-tasks-db never re-runs a task whose worker
died, and an enqueue can be lost between our commit and the queue's, so every 30 s the
sweeper (1) puts "sending" rows whose claim outlived the lease back in the queue,
flagged as possible duplicates, and (2) makes sure every due queued row has a live task,
or sends it in-process when asked to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from beacon.delivery import conf
from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import enqueue_send, message_send, worker_name

logger = logging.getLogger(__name__)
Status = OutboundMessage.Status

# A row committed a moment ago may not have its task recorded yet; leave it a moment.
ENQUEUE_GRACE = timedelta(seconds=10)


@dataclass
class SweepReport:
    """What one sweep did; printed by the command, asserted by tests."""

    rescued: int = 0
    abandoned: int = 0
    enqueued: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        sent = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())) or "none"
        return (
            f"rescued {self.rescued}, abandoned {self.abandoned}, "
            f"enqueued {self.enqueued}, sent in-process: {sent}"
        )


def message_requeue_stale(*, now: datetime | None = None) -> tuple[list[int], int]:
    """Re-queue "sending" rows whose claim is older than the lease, flagged
    is_possible_duplicate: the worker may have died after the server accepted the
    message and before we recorded it. Rows already at the attempt limit fail instead
    (a message that keeps killing workers must not loop). Returns (ids of rescued rows,
    number abandoned).
    """
    now = now or timezone.now()
    stale = OutboundMessage.objects.filter(status=Status.SENDING, claimed_at__lt=now - conf.lease())
    abandoned = stale.filter(attempts__gte=conf.max_attempts()).update(
        status=Status.FAILED,
        failed_at=now,
        is_possible_duplicate=True,
        claimed_by="",
        last_error="worker lost at the attempt limit",
    )
    stale_ids = list(stale.values_list("id", flat=True))
    rescued = stale.filter(pk__in=stale_ids).update(
        status=Status.QUEUED,
        is_possible_duplicate=True,
        next_attempt_at=now,
        claimed_at=None,
        claimed_by="",
        task_id="",
        enqueued_at=None,
        last_error="worker lost while sending",
    )
    if rescued or abandoned:
        logger.warning("delivery: rescued %s stale messages, abandoned %s", rescued, abandoned)
    rescued_ids = OutboundMessage.objects.filter(
        pk__in=stale_ids, status=Status.QUEUED, enqueued_at__isnull=True
    ).values_list("id", flat=True)
    return list(rescued_ids), abandoned


def message_list_due_ids(*, limit: int, now: datetime | None = None) -> list[int]:
    """Ids of queued rows that are due, oldest first."""
    now = now or timezone.now()
    return list(
        OutboundMessage.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def _task_is_waiting(task_id: str) -> bool:
    """Whether the recorded task still sits in the queue, ready to run."""
    from django.core.exceptions import ValidationError
    from django_tasks.exceptions import TaskResultDoesNotExist

    from beacon.delivery.tasks import message_send as message_send_task

    try:
        return message_send_task.get_result(task_id).status == "READY"
    except (TaskResultDoesNotExist, NotImplementedError, ValueError, ValidationError):
        return False


def message_enqueue_lost(*, limit: int = 1000, now: datetime | None = None) -> int:
    """Enqueue a task for each due queued row that has none waiting: never enqueued
    (crash before on_commit ran, retry on a backend that cannot defer), or whose task
    ran and vanished (a killed worker). Returns how many were enqueued."""
    now = now or timezone.now()
    candidates = (
        OutboundMessage.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .filter(
            Q(enqueued_at__isnull=True, next_attempt_at__lte=now - ENQUEUE_GRACE)
            | Q(enqueued_at__lte=now - conf.lease())
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", "task_id")[:limit]
    )
    enqueued = 0
    for pk, task_id in candidates:
        if task_id and _task_is_waiting(task_id):
            continue
        OutboundMessage.objects.filter(pk=pk, status=Status.QUEUED).update(
            task_id="", enqueued_at=None
        )
        enqueued += enqueue_send(pk)
    return enqueued


def message_sweep(*, send: bool = False, limit: int = 1000) -> SweepReport:
    """One sweep: rescue stale claims, then enqueue lost tasks or, with `send`, send
    every due queued row in this process (claims keep that safe beside workers)."""
    report = SweepReport()
    rescued_ids, report.abandoned = message_requeue_stale()
    report.rescued = len(rescued_ids)
    if not send:
        # Rescued rows have no task at all: enqueue them now, not after the grace period.
        report.enqueued = sum(enqueue_send(pk) for pk in rescued_ids)
        report.enqueued += message_enqueue_lost(limit=limit)
        return report
    worker = worker_name()
    for pk in message_list_due_ids(limit=limit):
        message = message_send(message_pk=pk, worker=worker)
        if message is not None:
            report.outcomes[message.status] = report.outcomes.get(message.status, 0) + 1
    return report
