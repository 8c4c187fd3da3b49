"""A supporter's "call me" request end to end through the Twilio provider: the request
that reaches the (fake, loopback) Twilio server carries Beacon's caller ID and webhook
URLs with no personal data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from beacon.actions.models import PatchSession
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import BASE
from tests.delivery.test_telephony_twilio import CALLER_ID, twilio_server  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]


def test_the_outbound_request_has_beacons_number_and_no_personal_data(
    client,
    calls,
    twilio_server,  # noqa: F811 - the fixture imported above
    settings,
):
    settings.BEACON_TELEPHONY_PROVIDER = (
        "beacon.delivery.telephony.providers.twilio.TwilioTelephony"
    )
    settings.BEACON_BASE_URL = "https://beacon.example"
    calls.ask.allows_patch_through = True
    calls.ask.save()
    with time_machine.travel(datetime(2026, 7, 29, 14, 0, tzinfo=UTC), tick=False):
        client.post(BASE, {"city": "Yarmouth", "first_name": "Ana"})
        response = client.post(BASE + "connect/", {"phone": "(413) 555-0123"})
    assert response.status_code == 302
    [request] = twilio_server.requests
    form = request["form"]
    assert form["From"] == [CALLER_ID] and form["To"] == ["+14135550123"]
    session = PatchSession.objects.get()
    assert session.provider_sid == "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
    for name in ("Url", "StatusCallback"):
        url = form[name][0]
        assert url.startswith(f"https://beacon.example/calls/hooks/{session.public_id}/")
        for personal in ("413", "555", "0123", "Ana", "Yarmouth"):
            assert personal not in url.removeprefix("https://beacon.example/calls/hooks/").replace(
                session.public_id, ""
            )


def test_a_twilio_refusal_is_answered_clearly(client, calls, twilio_server, settings):  # noqa: F811
    settings.BEACON_TELEPHONY_PROVIDER = (
        "beacon.delivery.telephony.providers.twilio.TwilioTelephony"
    )
    calls.ask.allows_patch_through = True
    calls.ask.save()
    twilio_server.fail = True
    client.post(BASE, {"city": "Yarmouth"})
    response = client.post(BASE + "connect/", {"phone": "(413) 555-0123"})
    assert response.status_code == 503
    assert PatchSession.objects.get().status == PatchSession.Status.FAILED
