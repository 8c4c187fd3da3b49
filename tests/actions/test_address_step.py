"""The address step of letters and calls: the split-town picker with each member's photo,
"Use my location" and "Did you mean ...?" above it, and the messages for an address
outside Massachusetts, a PO box only and an unknown town, in every language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from beacon.geo.services import address_resolve
from beacon.officials.place import resolution_error
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import BASE as CALL_BASE
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.officials.conftest import cape_streets  # noqa: F401 - a fixture.

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

LETTER_BASE = "/c/safe-communities/write/write/"


@pytest.mark.usefixtures("letters", "cape_streets")
def test_the_letter_picker_offers_did_you_mean_location_and_photos(client):
    response = client.post(
        LETTER_BASE, {"street": "150 Mian St", "city": "Barnstable", "zip_code": "02630"}
    )
    assert response.status_code == 302
    page = client.get(LETTER_BASE + "district/")
    html = page.text

    assert "We could not find your street, so this is based on your town only." in html
    offer = re.search(
        r'<form method="post" action="([^"]+)" class="did-you-mean">(.*?)</form>', html, re.S
    )
    assert offer and offer.group(1) == LETTER_BASE
    assert 'name="street" value="150 Main St"' in offer.group(2)
    assert 'name="city" value="Barnstable"' in offer.group(2)
    assert 'name="zip_code" value="02630"' in offer.group(2)
    assert "Did you mean 150 Main St?" in offer.group(2)
    # "Use my location" above the picker, posting to the first step.
    assert html.index("Use my location") < html.index("<fieldset")
    assert 'action="/c/safe-communities/write/write/" class="lookup-location-form"' in html
    assert html.count('class="choice-option__photo"') == 2
    assert "all of Yarmouth, part of Barnstable (east)" in html

    # Taking the offer places the street: no picker, the member of that side.
    taken = client.post(offer.group(1), {"street": "150 Main St", "city": "Barnstable"})
    assert taken.status_code == 302
    write = client.get(taken["Location"])
    assert write.status_code == 200 and "Carla Outgoing" in write.text


@pytest.mark.usefixtures("calls", "cape_streets")
def test_the_call_picker_keeps_the_first_name_for_did_you_mean_and_location(client):
    response = client.post(
        CALL_BASE, {"street": "150 Mian St", "city": "Barnstable", "first_name": "Ana"}
    )
    assert response.status_code == 302
    district = client.get(CALL_BASE + "district/")
    html = district.text

    assert "Did you mean 150 Main St?" in html
    assert html.count('name="first_name" value="Ana"') == 2  # both forms above the picker
    assert 'name="zip_code"' not in html.split("<fieldset")[0]
    assert html.count('class="choice-option__photo"') == 2
    taken = client.post(
        CALL_BASE, {"street": "150 Main St", "city": "Barnstable", "first_name": "Ana"}
    )
    assert taken.status_code == 302
    listing = client.get(taken["Location"])
    assert "Carla Outgoing" in listing.text and "Ben Representative" not in listing.text


@pytest.mark.usefixtures("letters")
def test_a_located_supporter_starts_again_from_the_picker(client):
    client.post(LETTER_BASE, {"city": "Barnstable"})
    page = client.get(LETTER_BASE + "district/")
    assert page.status_code == 200 and "Did you mean" not in page.text
    # What lookup.js posts when she shares her location: east of the split, 2nd Barnstable.
    located = client.post(LETTER_BASE, {"lat": "41.65", "lon": "-70.26"})
    assert located.status_code == 302
    assert "Carla Outgoing" in client.get(located["Location"]).text


MESSAGES = {
    "outside": (
        {"street": "12 Main St", "city": "New York", "zip_code": "10001"},
        "That address is outside Massachusetts.",
    ),
    "po_box": (
        {"street": "PO Box 12", "zip_code": "02664"},
        "A post office box does not tell us which district you live in.",
    ),
    "unknown_town": ({"city": "Atlantis"}, "We do not know that city or town in Massachusetts"),
}
FLOWS = {"letters": LETTER_BASE, "calls": CALL_BASE}


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("case", sorted(MESSAGES))
@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_address_messages_in_every_language(client, request, flow, case, language):
    request.getfixturevalue(flow)
    data, english = MESSAGES[case]
    client.cookies["django_language"] = language

    response = client.post(FLOWS[flow], data)

    assert response.status_code == 422
    html = response.text
    assert f'<html lang="{language}"' in html
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary is not None
    with translation.override(language):
        expected = resolution_error(address_resolve(**data), purpose=flow)
    assert escape(expected) in summary.group(1)
    if language == "en":
        assert english in expected
    else:
        assert english not in expected, "left in English"


@pytest.mark.usefixtures("calls", "cape_streets")
def test_the_suggested_street_is_not_kept_once_the_district_is_picked(client):
    client.post(CALL_BASE, {"street": "150 Mian St", "city": "Barnstable"})
    key = next(k for k in client.session.keys() if k.startswith("call:"))
    assert client.session[key]["place"]["suggestion"] == "150 Main St"

    ocd_id = "ocd-division/country:us/state:ma/sldl:2nd_barnstable"
    assert client.post(CALL_BASE + "district/", {"choice_sldl": ocd_id}).status_code == 302
    assert client.session[key]["place"]["suggestion"] == ""
