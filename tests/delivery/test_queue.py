"""message_queue: one row per recipient, sent after commit, unsafe input refused."""

from __future__ import annotations

from email.utils import parseaddr

import pytest
from django.db import transaction

from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import HeaderInjectionError, InvalidMessageError, message_queue

pytestmark = pytest.mark.django_db(transaction=True)


def queue_letter(**overrides) -> OutboundMessage:
    fields = {
        "to": "senator.office@malegislature.example",
        "subject": "Please support the Safe Communities Act",
        "body_text": "Dear Senator,\n\nPlease support S.1234.\n\nRosa Diaz, Worcester",
        "from_name": "Rosa Diaz",
        "reply_to": "rosa@example.org",
        "category": "letter",
    }
    fields.update(overrides)
    return message_queue(**fields)


def test_queued_message_is_sent_over_smtp_with_beacon_from_and_reply_to(smtp_server, settings):
    settings.BEACON_DELIVERY_FROM_EMAIL = "Beacon <letters@beacon.example>"
    message = queue_letter(body_html="<p>Dear Senator,</p>")

    received = smtp_server.wait_for(1)
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert message.sent_at is not None and message.attempts == 1
    assert len(received) == 1
    mail = received[0]
    assert mail["Message-ID"] == message.message_id
    assert message.message_id.endswith("@beacon.example>")
    assert mail["From"] == "Rosa Diaz via Beacon <letters@beacon.example>"
    assert mail["Reply-To"] == "rosa@example.org"
    assert mail["To"] == "senator.office@malegislature.example"
    assert mail.get_body(("plain",)).get_content().startswith("Dear Senator,")
    assert "<p>Dear Senator,</p>" in mail.get_body(("html",)).get_content()


def test_rolled_back_transaction_sends_nothing(smtp_server):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            queue_letter()
            raise RuntimeError("the caller's submission failed")

    assert OutboundMessage.objects.count() == 0
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_nothing_is_sent_before_the_callers_commit(smtp_server):
    with transaction.atomic():
        message = queue_letter()
        assert smtp_server.messages == []
        assert OutboundMessage.objects.get(pk=message.pk).status == "queued"
    assert len(smtp_server.wait_for(1)) == 1


@pytest.mark.parametrize(
    "field, value",
    [
        ("subject", "Hello\r\nBcc: victim@example.org"),
        ("subject", "Hello\nthere"),
        ("from_name", "Rosa\r\nBcc: victim@example.org"),
        ("to", "office@example.org\r\nBcc: victim@example.org"),
        ("reply_to", "rosa@example.org\nBcc: victim@example.org"),
        ("headers", {"X-Campaign": "a\r\nBcc: victim@example.org"}),
    ],
)
def test_header_injection_is_refused(smtp_server, field, value):
    with pytest.raises(HeaderInjectionError):
        queue_letter(**{field: value})
    assert OutboundMessage.objects.count() == 0
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"to": "not-an-address"},
        {"to": ""},
        {"reply_to": "rosa at example"},
        {"body_text": "  "},
        {"headers": {"Reply-To": "someone@example.org"}},
        {"headers": {"Bad Name": "x"}},
        {"subject": "x" * 999},
        {"from_name": "R" * 201},
        {"category": "c" * 41},
    ],
)
def test_unusable_input_is_refused(overrides):
    with pytest.raises(InvalidMessageError):
        queue_letter(**overrides)
    assert issubclass(InvalidMessageError, ValueError)
    assert OutboundMessage.objects.count() == 0


def test_from_without_supporter_name_is_beacon(smtp_server, settings):
    settings.BEACON_DELIVERY_FROM_EMAIL = "Beacon Alerts <alerts@beacon.example>"
    queue_letter(from_name="", reply_to="", category="confirmation")
    mail = smtp_server.wait_for(1)[0]
    assert mail["From"] == "Beacon Alerts <alerts@beacon.example>"
    assert mail["Reply-To"] is None


def test_one_row_per_recipient_with_distinct_message_ids():
    first = queue_letter(to="a@example.org")
    second = queue_letter(to="b@example.org")
    assert first.message_id != second.message_id
    assert OutboundMessage.objects.count() == 2


def test_a_failing_enqueue_neither_fails_the_commit_nor_loses_the_message(monkeypatch, smtp_server):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from beacon.delivery import services
    from beacon.delivery.sweeping import message_sweep

    def queue_down(*args, **kwargs):
        raise RuntimeError("the task queue is down")

    with monkeypatch.context() as patch:
        patch.setattr(services, "enqueue_send", queue_down)
        message = queue_letter()

    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.QUEUED
    assert smtp_server.messages == []
    # The periodic sweeper finds the row without a task and enqueues it.
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=True):
        assert message_sweep().enqueued == 1
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert len(smtp_server.wait_for(1)) == 1


@pytest.mark.parametrize(
    "name",
    [
        "governor@mass.example",
        'Governor "gov@mass.example"',
        "Ana <ana@mass.example>",
        "Ana\\ <x@y.example>",
    ],
)
def test_a_supporters_name_never_poses_as_an_address(smtp_server, settings, name):
    settings.BEACON_DELIVERY_FROM_EMAIL = "Beacon <letters@beacon.example>"
    queue_letter(from_name=name)
    sent = smtp_server.wait_for(1)[0]["From"]
    display, address = parseaddr(sent)
    assert address == "letters@beacon.example"
    assert not set('@<>"\\') & set(display), sent
    assert display.endswith(" via Beacon")
