"""Ana calls her own state senator and representative in a real browser: address,
split-district picker, the call list with scripts, tap-to-call and TTY links, outcomes,
then the thank-you page; with and without JavaScript, with an axe check on each page and
the outcomes checked as recorded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from beacon.actions.models import Call
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import BASE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A Wednesday at 10 a.m. in Boston: the State House offices are likely open.
WEDNESDAY_10AM = datetime(2026, 7, 29, 14, 0, tzinfo=UTC)


@pytest.fixture
def office_hours():
    with time_machine.travel(WEDNESDAY_10AM, tick=True):
        yield


@pytest.mark.parametrize("page_fixture", ["page", "page_nojs"])
def test_ana_calls_her_legislators_and_records_what_happened(
    request, page_fixture, calls, office_hours, axe_check
):
    page = request.getfixturevalue(page_fixture)
    page.goto(BASE)
    expect(page.get_by_role("heading", name="Call your legislators")).to_be_visible()
    expect(page.get_by_text("The formal session ends at midnight on July 31.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Street address").fill("12 Main St")
    page.get_by_label("City or town").fill("Barnstable")
    page.get_by_label("ZIP code").fill("02630")
    page.get_by_label("Your first name (optional, for the script)").fill("Ana")
    page.get_by_role("button", name="Find who to call").click()

    expect(page.get_by_role("heading", name="Choose your district")).to_be_visible()
    axe_check(page)
    page.get_by_label("1st Barnstable (Ben Representative)").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Who to call", exact=True)).to_be_visible()
    senator = page.get_by_role("region", name="Senator Rosa Senator")
    representative = page.get_by_role("region", name="Representative Ben Representative")
    expect(
        senator.get_by_text("Please thank Senator Senator for cosponsoring S.1681.")
    ).to_be_visible()
    expect(
        representative.get_by_text("to ask Representative Representative to support")
    ).to_be_visible()
    expect(senator.get_by_text("Likely open now.")).to_be_visible()
    expect(senator.get_by_role("link", name="Call 617-722-1485")).to_have_attribute(
        "href", "tel:+1-617-722-1485"
    )
    expect(senator.get_by_role("link", name="Call 508-757-0323 ext. 13")).to_have_attribute(
        "href", "tel:+1-508-757-0323;ext=13"
    )
    expect(senator.get_by_role("link", name="TTY: 617-722-1234")).to_be_visible()
    axe_check(page)

    senator.get_by_role("button", name="Busy").click()
    expect(senator.get_by_text("did not get through, so it does not count yet")).to_be_visible()
    senator.get_by_role("button", name="Talked to staff").click()
    expect(senator.get_by_text("Thank you: this call counts.")).to_be_visible()
    representative.get_by_role("button", name="Left a voicemail").click()
    expect(representative.get_by_text("Thank you: this call counts.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="I have finished calling").click()

    expect(page.get_by_role("heading", name="Thank you for calling")).to_be_visible()
    expect(page.get_by_text("Your 2 calls reached their offices.")).to_be_visible()
    axe_check(page)
    outcomes = list(Call.objects.order_by("id").values_list("official__name", "outcome"))
    assert outcomes == [
        ("Rosa Senator", "busy"),
        ("Rosa Senator", "talked_to_staff"),
        ("Ben Representative", "left_voicemail"),
    ]
    assert Call.objects.filter(outcome__in=Call.COUNTED).count() == 2


def twilio_says(client, fake_phone, live_url, session, step, params):
    """What Twilio would POST to a webhook, signed as Twilio signs it."""
    path = f"/calls/hooks/{session.public_id}/{step}"
    signature = fake_phone.sign(live_url + path, params)
    response = client.post(path, params, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code in (200, 204), response.content
    return response


@pytest.mark.parametrize("page_fixture", ["page", "page_nojs"])
def test_rosa_asks_beacon_to_ring_her_and_is_connected(
    request, page_fixture, calls, fake_phone, live_url, office_hours, client, settings, axe_check
):
    from beacon.actions.models import PatchSession

    settings.BEACON_BASE_URL = live_url  # Twilio calls the live server back.
    calls.ask.allows_patch_through = True
    calls.ask.save()
    page = request.getfixturevalue(page_fixture)
    page.goto(BASE)
    page.get_by_label("City or town").fill("Yarmouth")
    page.get_by_role("button", name="Find who to call").click()
    expect(page.get_by_role("heading", name="Or let us call you")).to_be_visible()
    page.get_by_label("Your phone number").fill("+44 20 7946 0958")
    page.get_by_role("button", name="Call me and connect me").click()
    expect(page.get_by_text("We can only call US phone numbers.").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Your phone number").fill("413-555-0123")
    page.get_by_role("button", name="Call me and connect me").click()
    expect(page.get_by_text("We are calling you now from +16175550100.")).to_be_visible()
    axe_check(page)

    [placed] = fake_phone.placed
    assert placed["to"] == "+14135550123" and "555" not in placed["url"]
    session = PatchSession.objects.get()
    twilio_says(client, fake_phone, live_url, session, "answer/", {"CallSid": placed["sid"]})
    twilio_says(client, fake_phone, live_url, session, "gather/", {"Digits": "1"})
    twilio_says(
        client,
        fake_phone,
        live_url,
        session,
        "dialed/0/0/",
        {"DialCallSid": "CA" + "1" * 32, "DialCallStatus": "completed"},
    )
    twilio_says(
        client,
        fake_phone,
        live_url,
        session,
        "dialed/1/0/",
        {"DialCallSid": "CA" + "2" * 32, "DialCallStatus": "busy"},
    )
    twilio_says(
        client,
        fake_phone,
        live_url,
        session,
        "status/",
        {"CallSid": placed["sid"], "CallStatus": "completed"},
    )

    page.get_by_role("link", name="Refresh").click()
    expect(page.get_by_text("Your call has ended. Thank you.")).to_be_visible()
    expect(page.get_by_text("Senator Rosa Senator: Talked to staff")).to_be_visible()
    expect(page.get_by_text("Representative Carla Outgoing: Busy")).to_be_visible()
    axe_check(page)


def test_ana_uses_her_location_on_the_call_picker(new_page, calls, office_hours, axe_check):
    """The call action's address step and its split-town picker both offer "Use my
    location"; on the picker it settles the district the town left open."""
    page = new_page(
        geolocation={"latitude": 41.65, "longitude": -70.26}, permissions=["geolocation"]
    )
    page.goto(BASE)
    expect(page.get_by_role("button", name="Use my location")).to_be_visible()
    page.get_by_label("City or town").fill("Barnstable")
    page.get_by_role("button", name="Find who to call").click()

    expect(page.get_by_role("heading", name="Choose your district")).to_be_visible()
    expect(page.get_by_label("2nd Barnstable (Carla Outgoing)")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Use my location").click()

    expect(page.get_by_role("heading", name="Who to call", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Representative Carla Outgoing")).to_be_visible()
    assert "41.65" not in page.url
    axe_check(page)
