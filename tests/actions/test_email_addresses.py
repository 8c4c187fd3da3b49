"""Every public form that takes an email address refuses quoted local parts (and IP
address domains) with a clear message, and writes nothing; the reminder limit counts
canonical addresses only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from beacon.actions.models import Call, Letter, PatchSession, Signature
from beacon.delivery.models import OutboundMessage
from tests.actions.call_fixtures import BASE as CALLS
from tests.actions.call_fixtures import calls  # noqa: F401 - fixture
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.campaigns.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

LETTERS = "/c/safe-communities/write/write/"
SATURDAY_NOON = datetime(2026, 8, 1, 16, 0, tzinfo=UTC)
QUOTED = ['"john doe"@example.org', '"a@b"@example.org', '"ana+x"@example.org']
MESSAGE = "Please enter your address without quotation marks or backslashes"
PERSON = {"first_name": "Ana", "last_name": "Souza", "zip_code": "02150"}


def nothing_written() -> bool:
    tables = (Signature, Letter, Call, PatchSession, OutboundMessage)
    return not any(model.objects.exists() for model in tables)


@pytest.mark.parametrize("email", QUOTED)
def test_the_sign_form_refuses_a_quoted_address(client, email):
    campaign = PetitionFactory().campaign
    response = client.post(f"/c/{campaign.slug}/sign/", {**PERSON, "email": email})
    assert response.status_code == 422
    assert MESSAGE in response.content.decode()
    assert nothing_written()


@pytest.mark.parametrize("email", QUOTED)
def test_the_letter_form_refuses_a_quoted_address(client, letters, email):
    client.post(LETTERS, {"street": "", "city": "Yarmouth", "zip_code": ""})
    response = client.post(LETTERS + "letter/", {**PERSON, "email": email})
    assert response.status_code == 422
    assert MESSAGE in response.text
    assert nothing_written()
    # The same form, "send it from my own email": refused alike.
    mailto = client.post(LETTERS + "letter/", {**PERSON, "email": email, "mailto": "1"})
    assert mailto.status_code == 422 and MESSAGE in mailto.text
    assert nothing_written()


@pytest.mark.parametrize("email", QUOTED)
def test_the_reminder_form_refuses_a_quoted_address(client, calls, email):  # noqa: F811
    with time_machine.travel(SATURDAY_NOON, tick=False):
        client.post(CALLS, {"city": "Yarmouth", "first_name": "Ana"})
        response = client.post(CALLS + "remind/", {"target": "0", "email": email})
    assert response.status_code == 422
    assert MESSAGE in response.text
    assert nothing_written()


def test_an_ip_address_domain_is_refused(client):
    campaign = PetitionFactory().campaign
    response = client.post(f"/c/{campaign.slug}/sign/", {**PERSON, "email": "ana@[127.0.0.1]"})
    assert response.status_code == 422
    assert "with a domain name after the @" in response.content.decode()
    assert nothing_written()


def test_reminders_are_limited_by_the_canonical_address_only(client, calls):  # noqa: F811
    """Five spellings of one inbox use up its day (the limiter's "mail" rule); a sixth
    spelling is not sent."""
    with time_machine.travel(SATURDAY_NOON, tick=False):
        client.post(CALLS, {"city": "Yarmouth", "first_name": "Ana"})
        for target, email in (
            (0, "Ana.Souza@Example.org"),
            (1, "ana.souza+calls@example.org"),
            (0, "ANA.SOUZA@EXAMPLE.ORG"),
            (1, "ana.souza+again@example.org"),
            (0, "ana.souza+more@EXAMPLE.org"),
            (1, "Ana.Souza+last@example.ORG"),
        ):
            assert (
                client.post(CALLS + "remind/", {"target": target, "email": email}).status_code
                == 302
            )
    assert OutboundMessage.objects.count() == 5
    assert len(set(OutboundMessage.objects.values_list("group_key", flat=True))) == 1
