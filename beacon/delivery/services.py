"""Writes for delivery: queue a message, send it once, retry, sweep, settle from webhooks.

Contract for callers (see docs/delivery.md): call `message_queue` inside your own
transaction; the row is written with it and the send task is enqueued only on commit, so
a rolled-back submission sends nothing and a committed one is never lost (the sweeper,
`beacon deliver_pending`, re-enqueues rows whose task vanished).
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Field
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.immediate import ImmediateBackend

from beacon.core.redaction import text_redact_links
from beacon.delivery import conf
from beacon.delivery.composing import (
    HeaderInjectionError,
    InvalidMessageError,
    build_email,
    check_address,
    check_header_value,
    check_headers,
    new_message_id,
)
from beacon.delivery.models import OutboundMessage
from beacon.delivery.ports import MailProvider, PermanentDeliveryError, TemporaryDeliveryError

__all__ = [
    "HeaderInjectionError",
    "InvalidMessageError",
    "message_queue",
    "message_send",
    "message_retry_now",
    "message_release",
    "message_fail_from_provider",
]

logger = logging.getLogger(__name__)
Status = OutboundMessage.Status


def worker_name() -> str:
    """An identifier for this thread of this process, stored in claimed_by."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{threading.get_native_id()}"


def get_provider() -> MailProvider:
    """The configured MailProvider instance (settings.BEACON_DELIVERY_PROVIDER)."""
    provider: MailProvider = import_string(conf.provider_path())()
    return provider


@transaction.atomic
def message_queue(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    from_name: str = "",
    reply_to: str = "",
    headers: dict[str, str] | None = None,
    category: str = "",
    group_key: str = "",
    not_before: datetime | None = None,
    hold: bool = False,
) -> OutboundMessage:
    """Write one queued message to one recipient and enqueue its send after commit.

    Call it inside the caller's transaction. Raises HeaderInjectionError (a ValueError)
    if a name, subject, address or header contains a line break, InvalidMessageError for
    other unusable input. `not_before` delays the first attempt (sending windows, rate
    limits); `hold=True` stores the message as held until `message_release`.
    """
    headers = dict(headers or {})
    check_address("to", to, required=True)
    check_address("reply_to", reply_to, required=False)
    check_header_value("from_name", from_name)
    check_header_value("subject", subject)
    check_headers(headers)
    _check_lengths(subject=subject, from_name=from_name, category=category, group_key=group_key)
    if not body_text.strip():
        raise InvalidMessageError("body_text is required")
    if not_before is not None and timezone.is_naive(not_before):
        raise InvalidMessageError("not_before must be an aware datetime")
    now = timezone.now()
    message = OutboundMessage.objects.create(
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        from_name=from_name,
        reply_to=reply_to,
        headers=headers,
        category=category,
        group_key=group_key,
        not_before=not_before,
        next_attempt_at=max(now, not_before) if not_before else now,
        status=Status.HELD if hold else Status.QUEUED,
        message_id=new_message_id(),
        created_at=now,
    )
    if not hold:
        _enqueue_on_commit(message)
    return message


def _check_lengths(**values: str) -> None:
    """Refuse values longer than their column, rather than fail the caller's transaction
    with a database error on PostgreSQL."""
    for name, value in values.items():
        field = OutboundMessage._meta.get_field(name)
        limit = field.max_length if isinstance(field, Field) else None
        if limit is not None and len(value) > limit:
            raise InvalidMessageError(f"{name} is longer than {limit} characters")


def _enqueue_on_commit(message: OutboundMessage) -> None:
    run_after = message.next_attempt_at if message.next_attempt_at > timezone.now() else None
    _enqueue_after_commit(message.pk, run_after)


def _enqueue_after_commit(message_pk: int, run_after: datetime | None) -> None:
    def enqueue_message_send() -> None:
        enqueue_send(message_pk, run_after)

    # robust: a failing enqueue must not turn the caller's committed submission into an
    # error; the row is committed and the sweeper enqueues it again.
    transaction.on_commit(enqueue_message_send, robust=True)


def enqueue_send(message_pk: int, run_after: datetime | None = None) -> bool:
    """Enqueue the send task for a queued row and note it on the row.

    A future `run_after` needs a backend that can defer; otherwise nothing is enqueued
    and the sweeper picks the row up when it is due. Returns whether a task was enqueued.
    """
    from beacon.delivery.tasks import message_send as message_send_task

    task = message_send_task
    backend = task.get_backend()
    if run_after is not None:
        if not backend.supports_defer:
            return False
        task = task.using(run_after=run_after)
    if isinstance(backend, ImmediateBackend):
        # Runs the send right here; it must not sit inside a transaction of ours, since
        # the claim has to commit before the mail leaves.
        task.enqueue(message_pk=message_pk)
        return True
    # One commit for the queue's row (django-tasks-db) and our note of it.
    with transaction.atomic():
        result = task.enqueue(message_pk=message_pk)
        # If a worker already claimed the row, this matches nothing.
        OutboundMessage.objects.filter(pk=message_pk, status=Status.QUEUED, task_id="").update(
            task_id=str(result.id)[:64], enqueued_at=timezone.now()
        )
    return True


def message_claim(*, message_pk: int, worker: str) -> bool:
    """Atomically take a due queued row for sending; True if this worker got it.

    One conditional UPDATE: on PostgreSQL concurrent claimers re-check the WHERE clause
    after the row lock, on SQLite writers are serialised, so exactly one wins. The claim
    commits before any mail leaves, so a crash afterwards leaves the row "sending".
    """
    now = timezone.now()
    claimed = OutboundMessage.objects.filter(
        pk=message_pk, status=Status.QUEUED, next_attempt_at__lte=now
    ).update(
        status=Status.SENDING,
        claimed_at=now,
        claimed_by=worker[:100],
        attempts=F("attempts") + 1,
        task_id="",
        enqueued_at=None,
    )
    return claimed == 1


def message_send(*, message_pk: int, worker: str | None = None) -> OutboundMessage | None:
    """Claim, send and settle one message; None if it was not ours to send.

    Deliberately not atomic: the claim commits before sending and the outcome commits
    after, so the only double-send window is a crash between the server's acceptance and
    the final commit, which the sweeper flags (is_possible_duplicate).
    """
    worker = worker or worker_name()
    if not message_claim(message_pk=message_pk, worker=worker):
        return None
    message = OutboundMessage.objects.get(pk=message_pk)
    try:
        provider_message_id = get_provider().send(build_email(message))
    except PermanentDeliveryError as exc:
        return _settle_failed(message, worker, exc.reason)
    except TemporaryDeliveryError as exc:
        return _settle_temporary(message, worker, exc.reason)
    except Exception as exc:  # A bug or an unknown backend error: retry, keep the type.
        logger.warning("delivery: message %s raised %s", message.pk, type(exc).__name__)
        return _settle_temporary(message, worker, f"unexpected {type(exc).__name__}")
    now = timezone.now()
    _settle(
        message,
        worker,
        status=Status.SENT,
        sent_at=now,
        provider_message_id=provider_message_id[:255],
        last_error="",
        **message_bodies_redacted(message),
    )
    return message


def message_bodies_redacted(message: OutboundMessage) -> dict[str, str]:
    """The message's bodies with every token in a link to Beacon redacted
    (`https://host/confirm/[redacted]/`). Stored in place of the bodies once the message
    is sent: the recipient has the working link, and nobody reading the outbox (the
    admin, a backup) can use it. Sent messages are never sent again, so nothing needs
    the token afterwards (docs/security.md)."""
    base_url = conf.base_url()
    return {
        "body_text": text_redact_links(message.body_text, base_url=base_url),
        "body_html": text_redact_links(message.body_html, base_url=base_url),
    }


def _settle(message: OutboundMessage, worker: str, **fields: object) -> bool:
    """Write the outcome, only if this worker still holds the claim."""
    fields.setdefault("claimed_by", "")
    updated = OutboundMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, claimed_by=worker[:100]
    ).update(**fields)
    for name, value in fields.items():
        setattr(message, name, value)
    if not updated:
        # The sweeper rescued the row while we were sending (lease too short?). It was
        # flagged as a possible duplicate then; nothing more to do.
        logger.warning("delivery: message %s lost its claim before settling", message.pk)
    return bool(updated)


def _settle_failed(message: OutboundMessage, worker: str, reason: str) -> OutboundMessage:
    logger.info("delivery: message %s failed permanently", message.pk)
    _settle(
        message, worker, status=Status.FAILED, failed_at=timezone.now(), last_error=reason[:500]
    )
    return message


def retry_delay(attempts: int) -> timedelta:
    """Backoff after `attempts` attempts: the configured step, +/-15 % jitter so a burst
    of failures does not retry in lockstep."""
    delays = conf.retry_delays()
    base = delays[min(max(attempts, 1), len(delays)) - 1]
    return timedelta(seconds=base * random.uniform(0.85, 1.15))


def _settle_temporary(message: OutboundMessage, worker: str, reason: str) -> OutboundMessage:
    if message.attempts >= conf.max_attempts():
        return _settle_failed(message, worker, f"gave up after {message.attempts}: {reason}")
    next_attempt_at = timezone.now() + retry_delay(message.attempts)
    settled = _settle(
        message,
        worker,
        status=Status.QUEUED,
        next_attempt_at=next_attempt_at,
        claimed_at=None,
        last_error=reason[:500],
    )
    logger.info("delivery: message %s will retry (attempt %s)", message.pk, message.attempts)
    if settled:
        enqueue_send(message.pk, run_after=next_attempt_at)
    return message


@transaction.atomic
def message_retry_now(*, message_pk: int) -> bool:
    """Make a queued, failed or held message due now (admin "retry now").

    Resets the attempt count so a failed message gets a full set of retries. Sent and
    in-flight messages are left alone (no duplicates), and so is a failed message whose
    content retention has erased (delivery.retention). Returns whether it was re-queued.
    """
    updated = (
        OutboundMessage.objects.filter(
            pk=message_pk, status__in=[Status.QUEUED, Status.FAILED, Status.HELD]
        )
        .exclude(to="")
        .update(
            status=Status.QUEUED,
            next_attempt_at=timezone.now(),
            attempts=0,
            failed_at=None,
            task_id="",
            enqueued_at=None,
        )
    )
    if updated:
        _enqueue_after_commit(message_pk, None)
    return bool(updated)


@transaction.atomic
def message_release(*, message_pk: int, not_before: datetime | None = None) -> bool:
    """Queue a held message (e.g. once a vacant seat is filled); False if not held."""
    now = timezone.now()
    due = max(now, not_before) if not_before else now
    updated = OutboundMessage.objects.filter(pk=message_pk, status=Status.HELD).update(
        status=Status.QUEUED, next_attempt_at=due, not_before=not_before
    )
    if updated:
        run_after = due if due > now else None
        _enqueue_after_commit(message_pk, run_after)
    return bool(updated)


@transaction.atomic
def message_fail_from_provider(
    *, provider_message_id: str = "", message_id: str = "", reason: str
) -> int:
    """Mark the message a provider reports as bounced, rejected or complained about as
    failed, found by the provider's id or our Message-ID. Returns rows changed (0 when
    unknown: webhooks also report mail sent by other systems)."""
    candidates = OutboundMessage.objects.none()
    if provider_message_id:
        candidates = OutboundMessage.objects.filter(provider_message_id=provider_message_id)
    if message_id:
        bare = message_id.strip().strip("<>")
        if bare:
            candidates = candidates | OutboundMessage.objects.filter(message_id=f"<{bare}>")
    return candidates.exclude(status=Status.FAILED).update(
        status=Status.FAILED, failed_at=timezone.now(), last_error=reason[:500]
    )
