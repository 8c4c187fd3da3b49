"""The letter pages through Django's test client: address, split-district picker, letter,
confirmation, status page; and bad input answered clearly with nothing written."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from beacon.actions.models import Letter, LetterRecipient
from beacon.campaigns.models import CallAsk, Campaign, LetterAsk
from beacon.delivery.models import OutboundMessage
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import CONFIRM_TOKEN_RE, REP_EMAIL, SENATOR_EMAIL
from tests.inbox import emailed_match

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

BASE = "/c/safe-communities/write/write/"
PERSON = {
    "first_name": "Ana",
    "last_name": "Souza",
    "email": "ana@example.org",
    "personal_paragraph": "My cousin was afraid to call 911.",
    "is_public": "on",
}


def address(client, city="Barnstable", street="12 Main St", zip_code="02630"):
    return client.post(BASE, {"street": street, "city": city, "zip_code": zip_code})


def confirm_link(email: str = "ana@example.org") -> str:
    """The confirmation link of the latest confirmation email to `email`."""
    return f"/letters/confirm/{emailed_match(email, CONFIRM_TOKEN_RE).group(1)}/"


def pick_first_district(client):
    page = client.get(BASE + "district/")
    assert page.status_code == 200
    assert "Which State Representative district do you live in?" in page.text
    ocd_id = "ocd-division/country:us/state:ma/sldl:1st_barnstable"
    assert ocd_id in page.text
    return client.post(BASE + "district/", {"choice_sldl": ocd_id})


def test_ana_writes_from_a_split_town_and_confirms(client, letters, smtp_server):
    page = client.get(BASE)
    assert page.status_code == 200
    for label in ("Street address", "City or town", "ZIP code"):
        assert f">{label}</label>" in page.text or f">{label}<" in page.text
    response = address(client)
    assert response.status_code == 302 and response["Location"].endswith("/letter/")
    assert client.get(response["Location"])["Location"].endswith("/district/")
    assert pick_first_district(client).status_code == 302
    write = client.get(BASE + "letter/")
    assert (
        "Your letter goes to Senator Rosa Senator and Representative Ben Representative"
        in write.text
    )
    assert "Thank you for cosponsoring S.1681" in write.text
    assert "Dear Representative Representative," in write.text
    sent = client.post(BASE + "letter/", PERSON)
    assert sent.status_code == 302 and sent["Location"].endswith("/check-your-email/")
    assert "Check your email" in client.get(sent["Location"]).text
    assert "12 Main St" not in sent["Location"]

    [confirmation] = smtp_server.wait_for(1)
    link = re.search(r"(/letters/confirm/[\w-]+/)", confirmation.get_content()).group(1)
    assert "Send my letters" in client.get(link).text
    status = client.post(link)
    assert status.status_code == 302 and "/letters/status/" in status["Location"]
    page = client.get(status["Location"])
    assert "Your letters are on their way" in page.text
    assert page.text.count(">Sent<") == 2
    assert page["Cache-Control"] == "no-store"
    received = {m["To"] for m in smtp_server.wait_for(4)}
    assert {SENATOR_EMAIL, REP_EMAIL} <= received
    assert client.post(link).status_code == 410


def test_the_action_page_counts_writers_and_shows_those_who_agreed(client, letters, smtp_server):
    address(client, city="Yarmouth", street="")
    client.post(BASE + "letter/", PERSON)
    assert "0 constituents have written." in client.get(BASE).text
    client.post(confirm_link())
    cache.clear()  # The count is cached for a few seconds.
    page = client.get(BASE)
    assert "1 constituent has written." in page.text
    assert "Ana from Yarmouth" in page.text
    assert "Souza" not in page.text


def test_the_status_page_comes_after_the_emailed_link(client, letters, smtp_server):
    address(client, city="Yarmouth", street="")
    response = client.post(BASE + "letter/", PERSON)
    assert response["Location"].endswith("/check-your-email/")
    page = client.get(client.post(confirm_link())["Location"])
    assert "Your letters are on their way" in page.text
    # Carla Outgoing has no email: the supporter is told, and her letter is held.
    assert "Held" in page.text and "No email address is known" in page.text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"street": "", "city": "", "zip_code": ""}, "Enter your street address"),
        ({"street": "", "city": "Springfield", "zip_code": "99501"}, "outside Massachusetts"),
        ({"street": "", "city": "Atlantis", "zip_code": ""}, "do not know that city or town"),
        ({"street": "", "city": "", "zip_code": "02630"}, "city or town too"),
    ],
)
def test_bad_addresses_get_a_clear_message_and_a_422(client, letters, fields, message):
    response = client.post(BASE, fields)
    assert response.status_code == 422
    assert message in response.text
    assert f"letter:{letters.ask.pk}" not in client.session


def test_line_breaks_in_names_are_refused_and_nothing_is_written(client, letters, smtp_server):
    address(client, city="Yarmouth", street="")
    response = client.post(BASE + "letter/", {**PERSON, "first_name": "Ana\r\nBcc: x@evil.example"})
    assert response.status_code == 422
    assert "Please remove the unusual characters" in response.text
    too_long = client.post(BASE + "letter/", {**PERSON, "personal_paragraph": "x" * 2001})
    assert too_long.status_code == 422 and "under 2000 characters" in too_long.text
    assert Letter.objects.count() == 0 and OutboundMessage.objects.count() == 0


def test_a_closed_campaign_refuses_letters_with_410(client, letters):
    address(client, city="Yarmouth", street="")
    Campaign.objects.filter(pk=letters.ask.campaign_id).update(status=Campaign.Status.CLOSED)
    assert client.post(BASE + "letter/", PERSON).status_code == 410
    assert client.post(BASE, {"city": "Yarmouth"}).status_code == 410
    assert Letter.objects.count() == 0


def test_the_letter_step_without_an_address_goes_back_to_the_start(client, letters):
    response = client.get(BASE + "letter/")
    assert response.status_code == 302 and response["Location"] == BASE
    assert client.get("/c/safe-communities/write/nope/").status_code == 404
    assert client.get("/letters/status/not-a-token/").status_code == 404
    assert client.post("/letters/confirm/not-a-token/").status_code == 404


def test_editable_letters_and_the_mailto_fallback(client, letters, smtp_server):
    letters.ask.editing = LetterAsk.Editing.EDITABLE
    letters.ask.save()
    address(client, city="Yarmouth", street="")
    page = client.get(BASE + "letter/")
    assert "Your letter to Senator Rosa Senator" in page.text
    data = {
        **PERSON,
        "body_0": "Dear Senator, thank you. {first_name}",
        "body_1": "Dear Representative, please vote yes.",
        "mailto": "1",
    }
    response = client.post(BASE + "letter/", data)
    assert response.status_code == 200
    assert "mailto:rosa.senator@masenate.example?subject=" in response.text
    assert "mail.google.com" in response.text
    letter = Letter.objects.get()
    assert letter.is_mailto_fallback and letter.status == Letter.Status.SELF_REPORTED
    assert LetterRecipient.objects.get(official=letters.senator).body == (
        "Dear Senator, thank you. Ana"
    )
    assert OutboundMessage.objects.count() == 0


def test_the_campaign_page_links_to_its_letter_ask(client, letters):
    page = client.get("/c/safe-communities/")
    assert page.status_code == 200
    assert f'href="{BASE}"' in page.text and "Write to your legislators" in page.text


def test_an_address_without_a_known_district_is_refused_clearly(client, letters):
    from beacon.geo.models import PlaceOverlap

    PlaceOverlap.objects.filter(district__kind="sldl").delete()
    response = address(client, city="Yarmouth", street="")
    assert response.status_code == 422
    assert "not your legislative district" in response.text


def test_a_location_from_the_browser_finds_the_district_without_a_picker(client, letters):
    response = client.post(BASE, {"lat": "41.65", "lon": "-70.35", "street": "", "city": ""})
    assert response.status_code == 302 and response["Location"].endswith("/letter/")
    page = client.get(response["Location"])
    assert "Senator Rosa Senator and Representative Ben Representative" in page.text
    assert client.post(BASE, {"lat": "nan", "lon": "1"}).status_code == 422


def test_writing_twice_shows_the_same_page_and_tells_only_by_email(client, letters, smtp_server):
    address(client, city="Yarmouth", street="")
    first = client.post(BASE + "letter/", PERSON)
    assert first["Location"].endswith("/check-your-email/")
    assert "/letters/status/" in client.post(confirm_link())["Location"]
    address(client, city="Yarmouth", street="")
    again = client.post(BASE + "letter/", PERSON)
    assert again.status_code == 302 and again["Location"].endswith("/check-your-email/")
    assert Letter.objects.count() == 1
    notice = smtp_server.wait_for(4)[-1]
    assert notice["Subject"].startswith("You have already written")


def test_a_spanish_page_still_writes_the_letter_in_the_campaigns_language(client, letters):
    address(client, city="Yarmouth", street="")
    page = client.get(BASE + "letter/", HTTP_ACCEPT_LANGUAGE="es")
    assert "Dear Senator Senator," in page.text
    client.post(BASE + "letter/", PERSON, HTTP_ACCEPT_LANGUAGE="es")
    letter = Letter.objects.get()
    assert letter.language == "es"
    assert letter.recipients.get(official=letters.senator).body.startswith("Dear Senator Senator,")


def test_the_public_letter_pages_run_few_queries(client, letters, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(BASE).status_code == 200
    address(client, city="Yarmouth", street="")
    with django_assert_max_num_queries(22):
        assert client.get(BASE + "letter/").status_code == 200


@pytest.mark.parametrize("base", [BASE, BASE.replace("/write/write/", "/call/call/")])
def test_a_refused_location_is_not_echoed_and_the_typed_address_wins_next(client, letters, base):
    """A location outside the state is refused; the page must not carry it into the next
    try (the supporter then types an address) nor show the coordinates."""
    CallAsk.objects.get_or_create(campaign=letters.ask.campaign, slug="call", title="Call")
    refused = client.post(base, {"lat": "42.123456", "lon": "-73.987654"})
    assert refused.status_code == 422
    assert "42.123456" not in refused.text and "-73.987654" not in refused.text
    assert re.search(r'name="lat" value=""', refused.text)
    typed = client.post(base, {"lat": "", "lon": "", "city": "Yarmouth", "street": ""})
    assert typed.status_code == 302
