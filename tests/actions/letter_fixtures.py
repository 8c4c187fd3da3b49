"""Fixtures for the letter tests: the tiny Cape Cod map and fixture officials from
tests/officials, plus a live letter ask aimed at "my senator" and "my representative".

Import with `from tests.actions.letter_fixtures import *` so pytest sees the fixtures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from beacon.actions.letters.services import letter_confirm
from beacon.actions.models import Letter
from beacon.campaigns.models import LetterAsk, LetterTarget, LetterTemplate
from beacon.geo.models import Division
from beacon.officials.models import Bill, ContactChannel, Official
from tests.campaigns.factories import CampaignFactory
from tests.inbox import emailed_match
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
    "letters",
    "Letters",
    "WEST_BARNSTABLE",
    "YARMOUTH",
    "SENATOR_EMAIL",
    "REP_EMAIL",
    "ASK_SUBJECTS",
    "divisions_at",
    "confirm_by_email",
    "CONFIRM_TOKEN_RE",
]

SENATOR_EMAIL = "rosa.senator@masenate.example"
REP_EMAIL = "ben.representative@mahouse.example"
ASK_SUBJECTS = [
    "Please pass {bill_number}",
    "{town} supports {bill_number}",
    "A constituent asks you to back {bill_title}",
]
ASK_BODY = """Dear {official_title} {official_last_name},

I live in {town} and I ask you to support {bill_number}, {bill_title}.

Sincerely,
{first_name} {last_name}"""
THANKS_BODY = """Dear {official_title} {official_last_name},

Thank you for cosponsoring {bill_number}, {bill_title}. Your constituents in {town} notice.

Sincerely,
{first_name} {last_name}"""


@dataclass
class Letters:
    ask: LetterAsk
    bill: Bill
    senator: Official
    rep: Official
    carla: Official


CONFIRM_TOKEN_RE = re.compile(r"/letters/confirm/([\w-]+)/")


def confirm_by_email(letter: Letter) -> tuple[Letter, str]:
    """Confirm a pending letter as its writer does, with the link in the latest
    confirmation email to the letter's address; returns letter_confirm's (letter, status
    token)."""
    return letter_confirm(token=emailed_match(letter.email, CONFIRM_TOKEN_RE).group(1))


def divisions_at(point) -> list[Division]:
    """The divisions of a point on the test map, as the address step would find them."""
    from beacon.geo.services import location_resolve

    return location_resolve(lat=point[0], lon=point[1]).divisions


@pytest.fixture
def letters(cape, db) -> Letters:
    """A live campaign with a letter ask: senator and representative, a bill Rosa
    Senator cosponsors (she gets the thank-you), three rotating ask subjects."""
    campaign = CampaignFactory(slug="safe-communities", title="Pass the Safe Communities Act")
    ask = LetterAsk.objects.create(
        campaign=campaign,
        slug="write",
        title="Write to your legislators",
        editing=LetterAsk.Editing.PERSONAL,
        delivery=LetterAsk.Delivery.INDIVIDUAL,
    )
    LetterTarget.objects.create(ask=ask, kind=LetterTarget.Kind.MY_SENATOR, position=0)
    LetterTarget.objects.create(ask=ask, kind=LetterTarget.Kind.MY_REPRESENTATIVE, position=1)
    senator = Official.objects.get(name="Rosa Senator")
    bill = Bill.objects.create(
        number="S.1681", title="Safe Communities Act", session="194th (2025-2026)"
    )
    bill.cosponsors.add(senator)
    ask.bills.add(bill)
    LetterTemplate.objects.create(
        ask=ask,
        audience=LetterTemplate.Audience.OTHERS,
        subjects="\n".join(ASK_SUBJECTS),
        body=ASK_BODY,
    )
    LetterTemplate.objects.create(
        ask=ask,
        audience=LetterTemplate.Audience.COSPONSORS,
        subjects="Thank you for cosponsoring {bill_number}",
        body=THANKS_BODY,
    )
    carla = Official.objects.get(name="Carla Outgoing")
    return Letters(ask, bill, senator, Official.objects.get(name="Ben Representative"), carla)


def give_email(official: Official, address: str) -> None:
    ContactChannel.objects.create(
        official=official, kind=ContactChannel.Kind.EMAIL, value=address, is_staff_added=True
    )
