"""Sending against the real local SMTP server: retries, permanent failures, sweeper."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_queue, message_retry_now, retry_delay
from beacon.delivery.sweeping import message_sweep

pytestmark = pytest.mark.django_db(transaction=True)
Status = OutboundMessage.Status


def queue(to: str = "rep.office@malegislature.example", **overrides) -> OutboundMessage:
    fields = {
        "to": to,
        "subject": "Support H.1234",
        "body_text": "Dear Representative,\n\nPlease support H.1234.",
        "from_name": "Ana Souza",
        "reply_to": "ana@example.org",
        "category": "letter",
    }
    fields.update(overrides)
    return message_queue(**fields)


def answer_once(reply: str):
    """A responder that answers the first DATA with `reply`, then accepts."""
    calls = []

    def responder(envelope):
        calls.append(envelope)
        return reply if len(calls) == 1 else None

    return responder


def test_451_is_retried_with_backoff_then_received_exactly_once(smtp_server):
    smtp_server.handler.responder = answer_once("451 4.3.0 Try later")
    message = queue()
    message.refresh_from_db()
    assert message.status == Status.QUEUED
    assert message.attempts == 1
    assert message.last_error.startswith("SMTP 451")
    delay = message.next_attempt_at - timezone.now()
    assert timedelta(seconds=45) < delay < timedelta(seconds=70)
    assert smtp_server.messages == []

    # Not yet due: the sweeper leaves it alone.
    assert message_sweep(send=True).outcomes == {}
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=True):
        report = message_sweep(send=True)
    assert report.outcomes == {"sent": 1}
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 2
    assert message.last_error == ""
    received = smtp_server.wait_for(1)
    assert [m["Message-ID"] for m in received] == [message.message_id]


def test_550_fails_without_retry_and_keeps_no_address(smtp_server):
    smtp_server.handler.responder = lambda envelope: (
        "550 5.1.1 <rep.office@malegislature.example>: No such user"
    )
    message = queue()
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == 1 and message.failed_at is not None
    assert "550" in message.last_error
    assert "malegislature" not in message.last_error
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=True):
        assert message_sweep(send=True).outcomes == {}
    assert smtp_server.messages == []


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_schedules_a_retry(settings, smtp_server):
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port()
    message = queue()
    message.refresh_from_db()
    assert message.status == Status.QUEUED
    assert message.attempts == 1
    assert "connection" in message.last_error.lower()
    assert message.next_attempt_at > timezone.now()

    settings.EMAIL_PORT = real_port
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=True):
        message_sweep(send=True)
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(smtp_server.wait_for(1)) == 1


def test_temporary_failures_give_up_after_the_attempt_limit(settings, smtp_server):
    settings.BEACON_DELIVERY_RETRY_DELAYS = (60, 60)
    smtp_server.handler.responder = lambda envelope: "421 4.7.0 Too busy"
    message = queue()
    for minutes in (2, 4):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True):
            message_sweep(send=True)
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == 3
    assert message.last_error.startswith("gave up after 3")


def test_backoff_grows_and_is_jittered():
    delays = [retry_delay(n).total_seconds() for n in range(1, 8)]
    assert 50 < delays[0] < 70
    assert 250 < delays[1] < 350
    assert delays == sorted(delays)
    assert len({retry_delay(1) for _ in range(20)}) > 1


def test_not_before_is_respected(smtp_server):
    later = timezone.now() + timedelta(hours=3)
    message = queue(not_before=later)
    assert message_sweep(send=True).outcomes == {}
    assert smtp_server.messages == []
    with time_machine.travel(later + timedelta(seconds=1), tick=True):
        assert message_sweep(send=True).outcomes == {"sent": 1}
    message.refresh_from_db()
    assert message.sent_at >= later


def test_sweeper_requeues_a_stale_sending_row_and_flags_it(smtp_server):
    smtp_server.handler.responder = lambda envelope: "451 4.3.0 Try later"
    message = queue()
    # Imitate a worker that claimed the row and died mid-send three minutes ago.
    claimed_at = timezone.now() - timedelta(minutes=3)
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=Status.SENDING,
        claimed_at=claimed_at,
        claimed_by="dead:1",
        next_attempt_at=claimed_at,
    )
    fresh = queue(to="other.office@malegislature.example")
    OutboundMessage.objects.filter(pk=fresh.pk).update(
        status=Status.SENDING, claimed_at=timezone.now(), claimed_by="alive:2"
    )
    smtp_server.handler.responder = None

    report = message_sweep(send=True)

    assert report.rescued == 1 and report.outcomes == {"sent": 1}
    message.refresh_from_db()
    assert message.status == Status.SENT and message.is_possible_duplicate
    fresh.refresh_from_db()
    assert fresh.status == Status.SENDING and not fresh.is_possible_duplicate
    assert [m["Message-ID"] for m in smtp_server.wait_for(1)] == [message.message_id]


def test_sweeper_enqueues_a_queued_row_whose_task_was_lost(smtp_server):
    message = queue()
    # As if the process died between the caller's commit and the enqueue.
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=Status.QUEUED,
        sent_at=None,
        next_attempt_at=timezone.now() - timedelta(minutes=1),
    )
    smtp_server.handler.clear()
    report = message_sweep()
    assert report.enqueued == 1
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(smtp_server.wait_for(1)) == 1


def test_retry_now_requeues_a_failed_message(smtp_server):
    smtp_server.handler.responder = lambda envelope: "554 5.7.1 Rejected"
    message = queue()
    message.refresh_from_db()
    assert message.status == Status.FAILED
    smtp_server.handler.responder = None

    assert message_retry_now(message_pk=message.pk)

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(smtp_server.wait_for(1)) == 1
    assert not message_retry_now(message_pk=message.pk)


def test_a_dead_reused_smtp_session_is_replaced_not_retried(smtp_server):
    from beacon.delivery.providers.django_mail import DjangoMailProvider

    first = queue(to="a@malegislature.example")
    session = DjangoMailProvider._local.connection.connection
    session.sock.close()  # The server or network dropped the idle session.
    second = queue(to="b@malegislature.example")

    for message in (first, second):
        message.refresh_from_db()
        assert message.status == Status.SENT and message.attempts == 1
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == [
        "a@malegislature.example",
        "b@malegislature.example",
    ]
