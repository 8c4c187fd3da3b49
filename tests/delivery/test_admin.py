"""The outbox admin: list, filter, and "retry now"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_queue

pytestmark = pytest.mark.django_db(transaction=True)
Status = OutboundMessage.Status


def queue(to: str, category: str = "letter") -> OutboundMessage:
    return message_queue(to=to, subject="Support H.1234", body_text="Please.", category=category)


def test_list_filters_by_status_and_category(admin_client, smtp_server):
    smtp_server.handler.responder = lambda envelope: "550 5.1.1 No such user"
    failed = queue("gone@malegislature.example")
    smtp_server.handler.responder = None
    sent = queue("office@malegislature.example", category="confirmation")
    url = reverse("admin:delivery_outboundmessage_changelist")

    response = admin_client.get(url, {"status__exact": "failed"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failed]

    response = admin_client.get(url, {"category": "confirmation"})
    assert list(response.context["cl"].result_list) == [sent]


def test_retry_now_action_requeues_and_sends_failed_messages(admin_client, smtp_server):
    smtp_server.handler.responder = lambda envelope: "550 5.1.1 No such user"
    failed = queue("gone@malegislature.example")
    smtp_server.handler.responder = None
    sent = queue("office@malegislature.example")
    smtp_server.handler.clear()
    url = reverse("admin:delivery_outboundmessage_changelist")

    response = admin_client.post(
        url,
        {"action": "retry_now", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "1 message queued for an immediate retry." in text
    assert "1 message was sent or is being sent and was left alone." in text
    failed.refresh_from_db()
    assert failed.status == Status.SENT
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["gone@malegislature.example"]


def test_detail_page_is_read_only(admin_client):
    message = queue("office@malegislature.example")
    url = reverse("admin:delivery_outboundmessage_change", args=[message.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
