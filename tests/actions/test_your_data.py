"""'Your data': the emailed single-use link, and everything a supporter can do with their
own data once it is open: see, hide their name, withdraw, stop news, download, erase.
Each write is also tried as an attacker would (someone else's address or signature, a
replayed link, a second browser)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from beacon.actions.letters.services import Supporter, letter_submit
from beacon.actions.models import Call, DataLink, Letter, LetterRecipient, NewsConsent, Signature
from beacon.actions.yourdata.consents import ConsentAsked
from beacon.actions.yourdata.services import (
    data_link_request,
    news_stop,
    signature_withdraw,
    supporter_erase,
)
from beacon.campaigns.models import Petition
from beacon.delivery.models import OutboundMessage
from tests.actions.factories import ConfirmedSignatureFactory
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures, used by name.
from tests.actions.letter_fixtures import (
    WEST_BARNSTABLE,
    YARMOUTH,
    confirm_by_email,
    divisions_at,
)
from tests.campaigns.factories import OrganizationFactory, PetitionFactory
from tests.inbox import emailed_match
from tests.same_response import response_shape

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

DATA_LINK_RE = re.compile(r"/your-data/open/([\w-]+)/")
SIGN_LINK_RE = re.compile(r"/confirm/([\w-]+)/")
ANA = "ana.souza@example.org"


def sign(client, petition, email=ANA, **changes):
    data = {
        "first_name": "Ana",
        "last_name": "Souza",
        "email": email,
        "zip_code": "02630",
        "is_public": "on",
        **changes,
    }
    client.post(f"/c/{petition.campaign.slug}/sign/", data)
    client.post(f"/confirm/{emailed_match(email, SIGN_LINK_RE).group(1)}/")
    return Signature.objects.get(petition=petition, email=email)


@pytest.fixture
def write_letter(django_capture_on_commit_callbacks):
    """Write and confirm a letter; mail queued after commit is sent, as in production."""

    def write(letters, email=ANA, point=WEST_BARNSTABLE, **place) -> Letter:
        with django_capture_on_commit_callbacks(execute=True):
            letter = _letter_write(letters, email, point, **place)
        with django_capture_on_commit_callbacks(execute=True):
            confirm_by_email(letter)
        return Letter.objects.get(pk=letter.pk)

    return write


def _letter_write(letters, email, point, **place) -> Letter:
    supporter = Supporter(
        first_name="Ana",
        last_name="Souza",
        email=email,
        street=place.get("street", "47 Quahog Lane"),
        city=place.get("city", "Barnstable"),
        zip_code=place.get("zip_code", "02630"),
        town=place.get("town", "Barnstable"),
        is_public=True,
        has_opted_in=True,
        consents=(
            ConsentAsked(
                letters.ask.campaign.organization_id,
                "Send me news about this campaign and others by Organization",
            ),
        ),
    )
    return letter_submit(
        ask=letters.ask,
        supporter=supporter,
        divisions=divisions_at(point),
        personal_paragraph=place.get("paragraph", "My cousin was afraid to call 911."),
    ).letter


def open_data(client, email=ANA):
    """Ask for the link and open it in `client`, as the supporter does."""
    response = client.post("/your-data/", {"email": email})
    assert response.status_code == 302
    token = emailed_match(email, DATA_LINK_RE).group(1)
    assert client.get(f"/your-data/open/{token}/").status_code == 200
    opened = client.post(f"/your-data/open/{token}/")
    assert opened.status_code == 302 and opened["Location"] == "/your-data/manage/"
    return token


def test_the_form_answers_known_and_unknown_addresses_alike_and_mails_only_known(
    client, smtp_server
):
    ConfirmedSignatureFactory(email=ANA)
    known = client.post("/your-data/", {"email": ANA})
    unknown = client.post("/your-data/", {"email": "nobody@example.org"})
    assert response_shape(known, [ANA]) == response_shape(unknown, ["nobody@example.org"])
    assert known["Location"] == "/your-data/sent/"
    assert "ana" not in known["Location"]
    messages = smtp_server.wait_for(1)
    assert [m["To"] for m in messages] == [ANA]
    assert OutboundMessage.objects.filter(to="nobody@example.org").count() == 0
    # Nothing is kept of the unknown address either.
    assert list(DataLink.objects.values_list("email_canonical", flat=True)) == [ANA]
    sent = client.get("/your-data/sent/").content.decode()
    assert "Check your email" in sent


def test_bad_addresses_get_a_clear_message_in_the_visitors_language(client):
    response = client.post("/your-data/", {"email": "not-an-address"})
    assert response.status_code == 422
    assert "Please enter an email address like name@example.com." in response.content.decode()
    spanish = client.post("/your-data/", {"email": ""}, HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.status_code == 422
    assert "Por favor, escribe tu correo electrónico." in spanish.content.decode()
    assert DataLink.objects.count() == 0


def test_mail_limit_per_address_holds_for_the_link(client, smtp_server):
    ConfirmedSignatureFactory(email=ANA)
    sent = [data_link_request(email=ANA, language="en") for _ in range(7)]
    # The confirmation mail of the signature is not counted here (factory row): 5 a day.
    assert sent == [True] * 5 + [False] * 2


def test_the_link_works_once_in_one_browser_and_expires(client, smtp_server, settings):
    ConfirmedSignatureFactory(email=ANA)
    token = open_data(client)
    assert client.get("/your-data/manage/").status_code == 200
    # Replayed, in this browser or another one: the link is used.
    second = Client()
    assert second.post(f"/your-data/open/{token}/").status_code == 410
    assert second.get(f"/your-data/open/{token}/").status_code == 410
    assert second.get("/your-data/manage/").status_code == 403
    assert second.post("/your-data/manage/", {"do": "erase", "sure": "yes"}).status_code == 403
    assert second.get("/your-data/download/").status_code == 403
    assert Client().get("/your-data/open/not-a-real-token/").status_code == 404
    # An unused link expires after BEACON_DATA_LINK_MAX_AGE...
    client.post("/your-data/", {"email": ANA})
    late = emailed_match(ANA, DATA_LINK_RE).group(1)
    later = timezone.now() + timedelta(seconds=settings.BEACON_DATA_LINK_MAX_AGE + 1)
    with time_machine.travel(later):
        assert Client().post(f"/your-data/open/{late}/").status_code == 410
    # ...and the page closes in the browser after BEACON_DATA_SESSION_SECONDS.
    later = timezone.now() + timedelta(seconds=settings.BEACON_DATA_SESSION_SECONDS + 1)
    with time_machine.travel(later):
        assert client.get("/your-data/manage/").status_code == 403


def test_the_page_shows_every_act_of_the_address_and_nobody_elses(
    client, smtp_server, letters, write_letter
):
    petition = PetitionFactory(campaign=letters.ask.campaign)
    sign(client, petition)
    ConfirmedSignatureFactory(petition=petition, email="someone@example.org", first_name="Zed")
    write_letter(letters)
    open_data(client)
    page = client.get("/your-data/manage/")
    assert page["Cache-Control"].startswith("max-age=0")
    html = page.content.decode()
    assert "Signatures" in html and petition.campaign.title in html
    assert "Letters" in html and "47 Quahog Lane" in html
    assert "My cousin was afraid to call 911." in html
    assert "To Senator Rosa Senator: Sent" in html
    assert "Zed" not in html and "someone@example.org" not in html
    news = NewsConsent.objects.get(email_canonical=ANA)
    assert news.organization == letters.ask.campaign.organization
    assert news.source == "letter" and news.given_at is not None
    assert "Send me news about this campaign" in news.wording
    assert f"{news.organization.name} may email you news" in html


def test_hide_withdraw_and_stop_news_change_only_the_own_rows(
    client, smtp_server, letters, write_letter
):
    petition = PetitionFactory(campaign=letters.ask.campaign, campaign__goal=10)
    mine = sign(client, petition)
    other = ConfirmedSignatureFactory(petition=petition, email="zed@example.org", is_public=True)
    letter = write_letter(letters)
    open_data(client)
    client.post("/your-data/manage/", {"do": "hide"})
    mine.refresh_from_db()
    letter.refresh_from_db()
    assert not mine.is_public and not letter.is_public
    assert Signature.objects.get(pk=other.pk).is_public
    # Someone else's signature id is refused without a word.
    client.post("/your-data/manage/", {"do": "withdraw", "signature": str(other.pk)})
    assert Signature.objects.filter(pk=other.pk).exists()
    assert not signature_withdraw(email_canonical=ANA, signature_id=other.pk)
    response = client.post("/your-data/manage/", {"do": "withdraw", "signature": str(mine.pk)})
    assert response.status_code == 302
    assert not Signature.objects.filter(pk=mine.pk).exists()
    assert Petition.objects.get(pk=petition.pk).signature_count == 1
    assert "Your signature was withdrawn" in client.get("/your-data/manage/").content.decode()
    organization = letters.ask.campaign.organization
    client.post("/your-data/manage/", {"do": "stop_news", "organization": str(organization.pk)})
    consent = NewsConsent.objects.get(organization=organization)
    assert consent.withdrawn_at is not None and consent.withdrawn_how == "your_data"
    assert consent.email == "" and consent.email_canonical == ""
    letter.refresh_from_db()
    assert not letter.has_opted_in


def test_stop_news_from_all_withdraws_every_consent_of_the_address_only(letters, smtp_server):
    first = OrganizationFactory()
    second = OrganizationFactory()
    for organization in (first, second):
        for email in (ANA, "zed@example.org"):
            NewsConsent.objects.create(
                organization=organization,
                email=email,
                email_canonical=email,
                source="petition",
                wording="Send me news",
                given_at=timezone.now(),
            )
    assert news_stop(email_canonical=ANA) == 2
    assert NewsConsent.objects.filter(withdrawn_at=None).count() == 2
    assert set(NewsConsent.objects.filter(withdrawn_at=None).values_list("email", flat=True)) == {
        "zed@example.org"
    }


def test_partners_get_news_consent_only_when_ticked_by_name_and_confirmed(client, smtp_server):
    petition = PetitionFactory()
    partner = OrganizationFactory(name="Partner Coalition")
    unticked = OrganizationFactory(name="Quiet Partner")
    petition.campaign.partners.add(partner, unticked)
    page = client.get(f"/c/{petition.campaign.slug}/").content.decode()
    assert "Send me news from Partner Coalition too" in page
    data = {
        "first_name": "Ana",
        "last_name": "Souza",
        "email": ANA,
        "zip_code": "02630",
        f"news_partner_{partner.pk}": "on",
        # A partner id the campaign does not have cannot be smuggled in.
        f"news_partner_{OrganizationFactory().pk}": "on",
    }
    client.post(f"/c/{petition.campaign.slug}/sign/", data)
    consent = NewsConsent.objects.get()
    assert consent.organization == partner and consent.given_at is None
    assert consent.wording.startswith("Send me news from Partner Coalition too")
    client.post(f"/confirm/{emailed_match(ANA, SIGN_LINK_RE).group(1)}/")
    consent.refresh_from_db()
    assert consent.given_at is not None
    assert not NewsConsent.objects.filter(organization=petition.campaign.organization).exists()


def test_download_holds_everything_on_the_page(client, smtp_server, letters, write_letter):
    petition = PetitionFactory(campaign=letters.ask.campaign)
    sign(client, petition)
    write_letter(letters)
    open_data(client)
    response = client.get("/your-data/download/")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert [s["email"] for s in data["signatures"]] == [ANA]
    assert data["letters"][0]["street"] == "47 Quahog Lane"
    assert {r["to"] for r in data["letters"][0]["recipients"]} == {
        "Senator Rosa Senator",
        "Representative Ben Representative",
    }
    assert data["news"][0]["words_ticked"].startswith("Send me news")


def _text_columns():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, (models.CharField, models.TextField)) and field.concrete:
                yield model, field.name


def _rows_holding(value: str) -> list[str]:
    """Every table and column that still holds `value` anywhere in its text."""
    found = []
    for model, name in _text_columns():
        if model.objects.filter(**{f"{name}__icontains": value}).exists():
            found.append(f"{model._meta.db_table}.{name}")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.JSONField) and field.concrete:
                rows = model.objects.values_list(field.name, flat=True)
                if any(value.lower() in json.dumps(v).lower() for v in rows):
                    found.append(f"{model._meta.db_table}.{field.name}")
    return found


def test_erase_leaves_no_email_name_or_street_and_keeps_the_district_tallies(
    client, smtp_server, letters, write_letter
):
    petition = PetitionFactory(campaign=letters.ask.campaign)
    sign(client, petition, first_name="Anaëlle", last_name="Zyxwvut")
    write_letter(letters)  # delivered to both offices at once
    # Yarmouth's representative has no email: that letter waits, held, never delivered.
    write_letter(
        letters,
        email="ana.other@example.org",
        point=YARMOUTH,
        city="Yarmouth",
        town="Yarmouth",
        street="3 Other Road",
        paragraph="Another story.",
    )
    call = Call.objects.create(
        ask=_call_ask(letters),
        official=letters.senator,
        target_name="Rosa Senator",
        outcome=Call.Outcome.TALKED_TO_STAFF,
        first_name="Anaëlle",
        town="Barnstable",
    )
    other = ConfirmedSignatureFactory(petition=petition, email="zed@example.org")
    delivered_before = _tallies()
    assert _rows_holding("Zyxwvut") and _rows_holding("47 Quahog Lane")
    session = client.session
    session["calls_recorded"] = [call.pk]
    session.save()
    open_data(client)
    refused = client.post("/your-data/manage/", {"do": "erase"})
    assert refused.status_code == 422 and "Please tick the box" in refused.content.decode()
    done = client.post("/your-data/manage/", {"do": "erase", "sure": "yes"})
    assert done.status_code == 200
    html = done.content.decode()
    assert "Your data is erased" in html
    assert "2 letters had already reached legislators" in html
    for value in (ANA, "Zyxwvut", "Anaëlle", "47 Quahog Lane", "afraid to call 911"):
        assert _rows_holding(value) == [], value
    assert Petition.objects.get(pk=petition.pk).signature_count == 1
    assert Signature.objects.filter(pk=other.pk).exists()
    assert _tallies() == delivered_before
    assert Call.objects.filter(pk=call.pk, town="Barnstable", first_name="").exists()
    # The page is closed in this browser, and the address is unknown now.
    assert client.get("/your-data/manage/").status_code == 403
    assert not data_link_request(email=ANA, language="en")
    # The other address's held letter is untouched.
    assert Letter.objects.filter(email="ana.other@example.org").exists()


def test_erase_withdraws_letters_not_yet_delivered(letters, smtp_server, write_letter):
    letter = write_letter(letters, point=YARMOUTH, city="Yarmouth", town="Yarmouth")
    held = LetterRecipient.objects.filter(letter=letter).exclude(held_reason="").get()
    report = supporter_erase(email_canonical=ANA)
    assert report.letters_withdrawn == 1 and report.letters_delivered == 1
    held.refresh_from_db()
    assert held.held_reason == "withdrawn" and held.mode == "held" and held.body == ""


def test_erase_takes_the_letter_out_of_a_digest_still_waiting(letters, smtp_server, write_letter):
    from beacon.actions.letters.digests import letter_digests_send
    from beacon.campaigns.models import LetterAsk

    LetterAsk.objects.filter(pk=letters.ask.pk).update(delivery=LetterAsk.Delivery.DIGEST)
    letters.ask.refresh_from_db()
    mine = write_letter(letters)
    theirs = write_letter(letters, email="zed@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        assert letter_digests_send() == 2
    digest = OutboundMessage.objects.filter(group_key__startswith="digest:").first()
    assert digest is not None and "47 Quahog Lane" in digest.body_text
    assert LetterRecipient.objects.filter(letter=theirs, message=digest).exists()
    report = supporter_erase(email_canonical=ANA)
    digest.refresh_from_db()
    assert report.letters_withdrawn == 2 and report.letters_delivered == 0
    assert digest.status == "queued"
    assert LetterRecipient.objects.filter(letter=mine, held_reason="withdrawn").count() == 2
    # Zed's letter still goes; Ana's is out of it.
    assert digest.body_text.count("Sincerely") == 1


def _call_ask(letters):
    from beacon.campaigns.models import CallAsk

    return CallAsk.objects.create(campaign=letters.ask.campaign, slug="call", title="Call")


def _tallies():
    """Letters delivered and calls counted per district: what erasing must not change."""
    letters = sorted(
        LetterRecipient.objects.filter(message__status="sent").values_list(
            "division_id", "letter__status"
        )
    )
    calls = sorted(Call.objects.values_list("official_id", "outcome"))
    return letters, calls


def test_every_supporter_email_and_page_footer_offers_your_data(client, smtp_server):
    petition = PetitionFactory()
    client.post(
        f"/c/{petition.campaign.slug}/sign/",
        {"first_name": "Ana", "last_name": "S", "email": ANA, "zip_code": "02630"},
    )
    assert emailed_match(ANA, re.compile(r"erase your data: (http\S+/your-data/)"))
    assert 'href="/your-data/"' in client.get("/").content.decode()


def test_the_pages_come_in_spanish(client, smtp_server):
    ConfirmedSignatureFactory(email=ANA)
    client.cookies["django_language"] = "es"
    page = client.get("/your-data/").content.decode()
    assert 'lang="es"' in page and "Tus datos" in page
    client.post("/your-data/", {"email": ANA})
    assert emailed_match(ANA, re.compile(r"(pidió ver los datos)"))
    open_data(client)
    manage = client.get("/your-data/manage/").content.decode()
    assert "Borrar todo" in manage


def test_erase_withdraws_mail_still_queued_for_the_supporter(smtp_server):
    from beacon.actions.calls.services import REMINDER_CATEGORY, reminder_group_key
    from beacon.delivery.services import message_queue

    ConfirmedSignatureFactory(email=ANA)
    reminder = message_queue(
        to=ANA,
        subject="Call Senator Rosa Senator",
        body_text="Her office opens at 9.",
        category=REMINDER_CATEGORY,
        group_key=reminder_group_key(ANA),
        not_before=timezone.now() + timedelta(hours=12),
    )
    supporter_erase(email_canonical=ANA)
    reminder.refresh_from_db()
    assert reminder.status == "withdrawn"
    assert (reminder.to, reminder.subject, reminder.body_text) == ("", "", "")


def test_a_script_asking_for_links_is_stopped_by_the_limiter(client, smtp_server):
    """Ten requests an hour from one client (the `your_data` rule), whatever the address;
    past that the limiter's page, and no more mail or rows."""
    ConfirmedSignatureFactory(email=ANA)
    answers = [
        client.post("/your-data/", {"email": f"victim{n}@example.org"}).status_code
        for n in range(10)
    ]
    assert answers == [302] * 10
    held = client.post("/your-data/", {"email": ANA})
    assert held.status_code == 429
    assert not DataLink.objects.exists()
    assert not OutboundMessage.objects.filter(to=ANA).exists()
