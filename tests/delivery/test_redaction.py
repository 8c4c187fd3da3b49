"""Once a message is sent, its stored bodies hold no usable token: the recipient got the
working link, and the outbox (the admin, a backup) cannot confirm for them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from beacon.delivery.models import OutboundMessage
from beacon.delivery.services import message_queue
from tests.campaigns.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

SIGNER = {
    "first_name": "Rosa",
    "last_name": "Díaz",
    "email": "rosa@example.org",
    "zip_code": "02150",
}


def test_a_sent_confirmation_keeps_no_token_and_the_admin_shows_none(
    client, admin_client, smtp_server, settings
):
    settings.BEACON_BASE_URL = "https://act.example.org"
    petition = PetitionFactory()
    client.post(f"/c/{petition.campaign.slug}/sign/", SIGNER)

    [received] = smtp_server.wait_for(1)
    link = re.search(r"https://act\.example\.org(/confirm/([\w-]+)/)", received.get_content())
    path, token = link.group(1), link.group(2)
    assert client.get(path).status_code == 200  # The supporter's link works.
    stored = OutboundMessage.objects.get(category="confirmation")
    assert stored.status == OutboundMessage.Status.SENT
    assert token not in stored.body_text + stored.body_html
    assert "https://act.example.org/confirm/[redacted]/" in stored.body_text

    page = admin_client.get(reverse("admin:delivery_outboundmessage_change", args=[stored.pk]))
    assert page.status_code == 200
    assert token not in page.content.decode()
    assert "/confirm/[redacted]/" in page.content.decode()
    assert client.post(path).status_code == 302  # And it still confirms, once.


def test_an_unsent_message_keeps_its_link_but_the_admin_never_shows_it(admin_client, settings):
    settings.BEACON_BASE_URL = "https://act.example.org"
    token = "Zq9dW4kT7pXv2mN8bR5sJ3hL6cF1gY0aE-uI_oK"
    link = f"https://act.example.org/letters/status/{token}/"
    message = message_queue(
        to="ana@example.org",
        subject="Your letters",
        body_text=f"Follow them here:\n{link}\n",
        body_html=f'<p><a href="{link}">Follow them</a></p>',
        hold=True,
    )

    page = admin_client.get(reverse("admin:delivery_outboundmessage_change", args=[message.pk]))

    assert page.status_code == 200
    assert token not in page.content.decode()
    assert "/letters/status/[redacted]/" in page.content.decode()
    message.refresh_from_db()
    assert token in message.body_text  # Still to be sent: the link must work.
