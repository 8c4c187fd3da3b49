"""Status for status pages, counts for reports, and held messages."""

from __future__ import annotations

import pytest

from beacon.delivery.models import OutboundMessage
from beacon.delivery.selectors import message_counts_by_status, message_status_for_ids
from beacon.delivery.services import message_fail_from_provider, message_queue, message_release

pytestmark = pytest.mark.django_db(transaction=True)
Status = OutboundMessage.Status


def queue(to: str, **extra) -> OutboundMessage:
    return message_queue(
        to=to, subject="Support H.1234", body_text="Please.", category="letter", **extra
    )


def test_status_for_ids_in_one_query(smtp_server, django_assert_num_queries):
    sent = queue("office@malegislature.example", group_key="office-1")
    smtp_server.handler.responder = lambda envelope: "550 5.1.1 No such user"
    failed = queue("gone@malegislature.example", group_key="office-1")
    held = queue("vacant@malegislature.example", hold=True)

    with django_assert_num_queries(1):
        states = message_status_for_ids([sent.pk, failed.pk, held.pk, 999999])

    assert set(states) == {sent.pk, failed.pk, held.pk}
    assert states[sent.pk].status == "sent" and states[sent.pk].is_final
    assert states[sent.pk].sent_at is not None
    assert states[failed.pk].status_label == "Failed" and states[failed.pk].is_final
    assert states[held.pk].status == "held" and not states[held.pk].is_final
    assert message_status_for_ids([]) == {}
    assert message_counts_by_status(group_key="office-1") == {"sent": 1, "failed": 1}


def test_held_message_is_not_sent_until_released(smtp_server):
    held = queue("vacant@malegislature.example", hold=True)
    assert smtp_server.wait_for(1, timeout=0.3) == []
    assert held.status == Status.HELD

    assert message_release(message_pk=held.pk)

    held.refresh_from_db()
    assert held.status == Status.SENT
    assert [m["Message-ID"] for m in smtp_server.wait_for(1)] == [held.message_id]
    assert not message_release(message_pk=held.pk)


def test_provider_failure_for_an_unknown_message_changes_nothing(smtp_server):
    message = queue("office@malegislature.example")
    assert message_fail_from_provider(provider_message_id="nope", reason="bounced") == 0
    assert message_fail_from_provider(message_id="<nope@example.org>", reason="bounced") == 0
    assert message_fail_from_provider(message_id=message.message_id.strip("<>"), reason="x") == 1
    message.refresh_from_db()
    assert message.status == Status.FAILED
