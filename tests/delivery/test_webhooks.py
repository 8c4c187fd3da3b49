"""Bounce/complaint webhooks: authenticated, provider payloads, never a 500."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from django.urls import reverse

from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_queue

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "anymail"
SECRET = "beacon-hooks:s3cret-Value"
Status = OutboundMessage.Status


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.BEACON_DELIVERY_WEBHOOK_SECRET = SECRET
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": "key-mailgun-test"}


def auth(secret: str = SECRET) -> dict[str, str]:
    token = base64.b64encode(secret.encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def sent_message(django_capture_on_commit_callbacks, **fields) -> OutboundMessage:
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            to=fields.pop("to", "senator.office@malegislature.example"),
            subject="Please support the Safe Communities Act",
            body_text="Dear Senator, please support it.",
            category="letter",
        )
    OutboundMessage.objects.filter(pk=message.pk).update(**fields)
    message.refresh_from_db()
    assert message.status == Status.SENT
    return message


def postmark(client, payload: bytes, **headers):
    url = reverse("delivery:tracking-webhook", args=["postmark"])
    return client.post(url, payload, content_type="application/json", **headers)


def test_postmark_bounce_marks_the_message_failed(client, django_capture_on_commit_callbacks):
    message = sent_message(
        django_capture_on_commit_callbacks,
        provider_message_id="883953f4-6105-42a2-a16a-77a8eac79483",
    )
    other = sent_message(django_capture_on_commit_callbacks, to="other@malegislature.example")

    response = postmark(client, (FIXTURES / "postmark_bounce.json").read_bytes(), **auth())

    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.failed_at is not None
    assert message.last_error.startswith("postmark bounced")
    other.refresh_from_db()
    assert other.status == Status.SENT


def test_postmark_delivery_event_changes_nothing(client, django_capture_on_commit_callbacks):
    message = sent_message(
        django_capture_on_commit_callbacks,
        provider_message_id="883953f4-6105-42a2-a16a-77a8eac79483",
    )
    response = postmark(client, (FIXTURES / "postmark_delivery.json").read_bytes(), **auth())
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == Status.SENT


@pytest.mark.parametrize(
    "headers",
    [
        {},
        auth("beacon-hooks:wrong"),
        auth("beacon-hooks:s3cret-Valu"),
        {"HTTP_AUTHORIZATION": "Basic !!!not-base64"},
        {"HTTP_AUTHORIZATION": "Bearer beacon-hooks:s3cret-Value"},
    ],
)
def test_unauthenticated_requests_are_refused(client, django_capture_on_commit_callbacks, headers):
    message = sent_message(
        django_capture_on_commit_callbacks,
        provider_message_id="883953f4-6105-42a2-a16a-77a8eac79483",
    )
    response = postmark(client, (FIXTURES / "postmark_bounce.json").read_bytes(), **headers)
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_endpoint_is_closed_when_no_secret_is_configured(client, settings):
    settings.BEACON_DELIVERY_WEBHOOK_SECRET = ""
    response = postmark(client, (FIXTURES / "postmark_bounce.json").read_bytes(), **auth(""))
    assert response.status_code == 403


@pytest.mark.parametrize("payload", [b"{not json", b"", b"\xff\xfe", b"[1, 2]", b'"text"'])
def test_bad_payload_is_a_400(client, payload):
    assert postmark(client, payload, **auth()).status_code == 400


def test_unknown_provider_is_404_and_get_is_405(client):
    url = reverse("delivery:tracking-webhook", args=["nosuchmail"])
    assert client.post(url, b"{}", content_type="application/json", **auth()).status_code == 404
    url = reverse("delivery:tracking-webhook", args=["postmark"])
    assert client.get(url, **auth()).status_code == 405


def mailgun_payload(message_id: str, key: str = "key-mailgun-test") -> bytes:
    payload = json.loads((FIXTURES / "mailgun_failed.json").read_text())
    signature = payload["signature"]
    signature["signature"] = hmac.new(
        key.encode(), (signature["timestamp"] + signature["token"]).encode(), hashlib.sha256
    ).hexdigest()
    payload["event-data"]["message"]["headers"]["message-id"] = message_id.strip("<>")
    return json.dumps(payload).encode()


def test_mailgun_failure_with_valid_signature_is_matched_by_message_id(
    client, django_capture_on_commit_callbacks
):
    message = sent_message(
        django_capture_on_commit_callbacks, to="rep.office@malegislature.example"
    )
    url = reverse("delivery:tracking-webhook", args=["mailgun"])

    response = client.post(
        url, mailgun_payload(message.message_id), content_type="application/json", **auth()
    )

    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert "malegislature" not in message.last_error


def test_mailgun_bad_signature_is_refused_even_with_basic_auth(
    client, django_capture_on_commit_callbacks
):
    message = sent_message(django_capture_on_commit_callbacks)
    url = reverse("delivery:tracking-webhook", args=["mailgun"])
    payload = mailgun_payload(message.message_id, key="key-someone-else")
    response = client.post(url, payload, content_type="application/json", **auth())
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_mailgun_without_signing_key_is_closed(client, settings):
    settings.ANYMAIL = {}
    url = reverse("delivery:tracking-webhook", args=["mailgun"])
    payload = mailgun_payload("<x@beacon.example>")
    response = client.post(url, payload, content_type="application/json", **auth())
    assert response.status_code == 403
