"""Pages after the terms in the data have ended: every seat shows as "awaiting updated
data" with its last holder and the day the term ended, the office stays reachable, and
every page naming officials says how old the data is."""

from __future__ import annotations

import pytest

from beacon.officials.models import Official
from tests.actions.changeover_fixtures import *  # noqa: F403 - fixtures
from tests.actions.changeover_fixtures import AFTER, BEFORE, at

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_legislators_page_names_the_last_holders_and_the_office_lines(ask, client):
    with at(*AFTER):
        response = client.post("/legislators/", {"city": "Yarmouth"})
    html = _text(response)
    assert response.status_code == 200
    assert html.count("Awaiting updated data") == 3  # senator, representative, Governor
    assert "Rosa Senator's term as State Senator ended on Jan. 6, 2027" in html
    assert "Grace Governor's term as Governor ended on Jan. 2, 2027" in html
    # The office outlives its holder: the State House line, the Governor's own office.
    assert 'href="tel:+1-617-722-2000"' in html
    assert 'href="tel:+1-617-725-4005"' in html
    assert "Officials data as of Aug. 1, 2026." in html


def test_the_same_page_inside_the_terms_names_the_holders(ask, client):
    with at(*BEFORE):
        html = _text(client.post("/legislators/", {"city": "Yarmouth"}))
    assert "Awaiting updated data" not in html
    assert "Carla Outgoing" in html and "Grace Governor" in html


def test_official_and_district_pages_say_the_seat_awaits_data(ask, client):
    grace = Official.objects.get(name="Grace Governor")
    with at(*AFTER):
        official = _text(client.get(f"/officials/{grace.slug}/"))
        district = _text(client.get("/districts/sldl-2nd_barnstable/"))
    assert "Awaiting updated data" in official and "Holds no office" not in official
    assert "617-725-4005" in official
    assert "Officials data as of Aug. 1, 2026." in official
    assert "Carla Outgoing's term as State Representative ended on Jan. 6, 2027" in district
    assert "Officials data as of" in district


def test_calls_show_the_office_numbers_with_the_note(ask, client):
    from beacon.campaigns.models import CallAsk, CallScript, CallTarget

    call = CallAsk.objects.create(campaign=ask.campaign, slug="call", title="Call")
    CallTarget.objects.create(ask=call, kind=CallTarget.Kind.MY_SENATOR, position=0)
    CallTarget.objects.create(ask=call, kind="governor", position=1)
    CallScript.objects.create(ask=call, script="Hello, I live in {town}.")
    with at(*AFTER):
        response = client.post("/c/safe-communities/call/call/", {"city": "Yarmouth"}, follow=True)
    html = _text(response)
    assert response.status_code == 200
    assert html.count("Awaiting updated data") == 2
    assert "State House main line" in html and "tel:+1-617-722-2000" in html
    assert "tel:+1-617-725-4005" in html
    assert "Officials data as of" in html
