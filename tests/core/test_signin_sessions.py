"""Staff sessions end after BEACON_STAFF_SESSION_IDLE_SECONDS without a request;
supporters' sessions are not touched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY

from beacon.campaigns.models import Membership
from tests.campaigns.factories import OrganizationFactory
from tests.signin import LOGIN, PASSWORD, sign_in, staff_create, totp_code, totp_give

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def organizer(db):
    user = staff_create("ana")
    Membership.objects.create(organization=OrganizationFactory(), user=user, role="editor")
    return user


def test_a_staff_session_idle_past_the_limit_is_signed_out(client, organizer, settings):
    assert settings.BEACON_STAFF_SESSION_IDLE_SECONDS == 2 * 3600
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(organizer)
        clock.shift(timedelta(hours=1, minutes=59))
        assert client.get("/dashboard/").status_code == 200
        # Activity restarts the clock: nearly four hours after signing in, still in.
        clock.shift(timedelta(hours=1, minutes=59))
        assert client.get("/dashboard/").status_code == 200
        clock.shift(timedelta(hours=2, seconds=1))
        response = client.get("/dashboard/", follow=True)
    assert response.redirect_chain[0] == (f"{LOGIN}?next=/dashboard/", 302)
    assert SESSION_KEY not in client.session
    assert "You were signed out after 120 minutes without activity." in response.text


def test_the_idle_limit_is_a_setting(client, organizer, settings):
    settings.BEACON_STAFF_SESSION_IDLE_SECONDS = 600
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(organizer)
        clock.shift(timedelta(minutes=10, seconds=1))
        assert client.get("/dashboard/").status_code == 302


def test_a_real_sign_in_starts_the_idle_clock(client, organizer):
    secret = totp_give(organizer)
    with time_machine.travel(START, tick=False) as clock:
        assert sign_in(client, "ana", PASSWORD, code=totp_code(secret)).status_code == 302
        clock.shift(timedelta(hours=2, seconds=1))
        assert client.get("/dashboard/").status_code == 302


def test_supporters_sessions_are_not_touched(client):
    with time_machine.travel(START, tick=False) as clock:
        session = client.session
        session["letter:1"] = {"seed": 3}
        session.save()
        clock.shift(timedelta(days=1))
        assert client.get("/").status_code == 200
        assert client.session["letter:1"] == {"seed": 3}
        assert "beacon_staff_seen_at" not in client.session
