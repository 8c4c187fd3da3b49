"""Fixtures for the call tests: the tiny Cape Cod map and fixture officials from
tests/officials, plus a live call ask aimed at "my senator" and "my representative".

Import with `from tests.actions.call_fixtures import *` so pytest sees the fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from beacon.campaigns.models import CallAsk, CallScript, CallTarget
from beacon.delivery.telephony.providers.fake import FakeTelephony
from beacon.officials.models import Bill, ContactChannel, Office, Official
from tests.campaigns.factories import CampaignFactory
from tests.officials.conftest import (  # noqa: F401 - fixtures, used by name.
    WEST_BARNSTABLE,
    YARMOUTH,
    cape,
    cape_map,
    import_officials,
)

__all__ = [
    "cape",
    "cape_map",
    "import_officials",
    "calls",
    "Calls",
    "WEST_BARNSTABLE",
    "YARMOUTH",
    "ASK_SCRIPT",
    "THANKS_SCRIPT",
    "fake_phone",
    "BASE",
    "SENATOR_TTY",
]

BASE = "/c/safe-communities/call/call/"
SENATOR_TTY = "617-722-1234"
ASK_SCRIPT = """Hello, my name is {first_name} and I live in {town}.
I am calling to ask {official_title} {official_last_name} to support {bill_number}, the \
{bill_title}."""
ASK_VOICEMAIL = "This is {first_name} from {town}. Please support {bill_number}."
THANKS_SCRIPT = """Hello, my name is {first_name} and I live in {town}.
Please thank {official_title} {official_last_name} for cosponsoring {bill_number}."""
THANKS_VOICEMAIL = "Thank you for cosponsoring {bill_number}."


@dataclass
class Calls:
    ask: CallAsk
    bill: Bill
    senator: Official
    rep: Official
    carla: Official


@pytest.fixture
def calls(cape, db) -> Calls:
    """A live campaign with a call ask: senator then representative, a bill Rosa
    Senator cosponsors (she gets the thank-you script), a TTY line at her State House
    office."""
    campaign = CampaignFactory(slug="safe-communities", title="Pass the Safe Communities Act")
    ask = CallAsk.objects.create(
        campaign=campaign,
        slug="call",
        title="Call your legislators",
        deadline_text="The formal session ends at midnight on July 31.",
    )
    CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_SENATOR, position=0)
    CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_REPRESENTATIVE, position=1)
    senator = Official.objects.get(name="Rosa Senator")
    bill = Bill.objects.create(
        number="S.1681", title="Safe Communities Act", session="194th (2025-2026)"
    )
    bill.cosponsors.add(senator)
    ask.bills.add(bill)
    CallScript.objects.create(
        ask=ask,
        audience=CallScript.Audience.OTHERS,
        script=ASK_SCRIPT,
        voicemail_script=ASK_VOICEMAIL,
    )
    CallScript.objects.create(
        ask=ask,
        audience=CallScript.Audience.COSPONSORS,
        script=THANKS_SCRIPT,
        voicemail_script=THANKS_VOICEMAIL,
    )
    capitol = Office.objects.get(official=senator, kind=Office.Kind.CAPITOL)
    ContactChannel.objects.create(
        official=senator,
        office=capitol,
        kind=ContactChannel.Kind.TTY,
        value=SENATOR_TTY,
        is_staff_added=True,
    )
    return Calls(
        ask,
        bill,
        senator,
        Official.objects.get(name="Ben Representative"),
        Official.objects.get(name="Carla Outgoing"),
    )


@pytest.fixture
def fake_phone(settings):
    """The fake telephony provider, switched on, with an empty record of calls."""
    settings.BEACON_TELEPHONY_PROVIDER = "beacon.delivery.telephony.providers.fake.FakeTelephony"
    settings.BEACON_TWILIO_CALLER_ID = "+16175550100"
    settings.BEACON_BASE_URL = "https://beacon.example"
    FakeTelephony.placed.clear()
    FakeTelephony.failure = ""
    yield FakeTelephony
    FakeTelephony.placed.clear()
    FakeTelephony.failure = ""
