"""Lucía reads a campaign in Spanish, signs its petition and writes to her legislators in
a real browser: the texts the organizers translated come in Spanish, the rest in the
campaign's main language (English) marked as such, and the letter she sends stays in the
English of its template with the organizers' Spanish translation beside it. An axe check
on every page; phone-width screenshots in var/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from beacon.campaigns.models import LetterTemplate, Petition
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import REP_EMAIL, SENATOR_EMAIL, WEST_BARNSTABLE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
LINK_RE = re.compile(r"https?://\S+?(/(?:letters/)?confirm/[A-Za-z0-9_-]+/)")
TITLE_ES = "Aprueben la Ley de Comunidades Seguras"
STORY = "Mi prima tuvo miedo de llamar al 911 después de un robo."


def es(message: str, **values: str) -> str:
    with translation.override("es"):
        text = translation.gettext(message)
    return text % values if values else text


@pytest.fixture
def translated(letters):
    """The letters fixture's campaign, written in English, with its petition; title,
    summary, petition, letter ask and the representative's letter translated into
    Spanish, the body and the senator's thank-you letter not."""
    campaign = letters.ask.campaign
    campaign.title_es = TITLE_ES
    campaign.summary_es = "Que la policía local no participe en la aplicación migratoria."
    campaign.thanks_message_es = "Gracias por apoyar a las familias inmigrantes."
    campaign.save()
    Petition.objects.create(
        campaign=campaign,
        addressed_to_en="Governor Healey",
        addressed_to_es="la gobernadora Healey",
        ask_en="Pass the Safe Communities Act.",
        ask_es="Aprueben la Ley de Comunidades Seguras.",
    )
    ask = letters.ask
    ask.title_es = "Escribe a tus legisladores"
    ask.personal_prompt_es = "¿Por qué es importante para ti?"
    ask.save()
    others = ask.templates.get(audience=LetterTemplate.Audience.OTHERS)
    others.subjects_es = "Por favor, apruebe {bill_number}"
    others.body_es = (
        "A la atención de {official_title} {official_last_name}:\n\n"
        "Vivo en {town} y le pido que apoye {bill_number}.\n\nAtentamente,\n"
        "{first_name} {last_name}"
    )
    others.save()
    return letters


def snap(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"content-es-phone-{name}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name


def test_lucia_signs_and_writes_in_spanish(new_page, translated, smtp_server, axe_check):
    page = new_page(
        viewport=PHONE,
        locale="es",
        geolocation={"latitude": WEST_BARNSTABLE[0], "longitude": WEST_BARNSTABLE[1]},
        permissions=["geolocation"],
    )
    page.goto("/c/safe-communities/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1, name=TITLE_ES)).to_be_visible()
    expect(page.get_by_role("heading", name="Petición a la gobernadora Healey")).to_be_visible()
    # The body has no Spanish yet: it shows in English, marked so for screen readers.
    body = page.get_by_role("region", name=es("Why this matters")).locator("[lang=en]")
    expect(body).to_contain_text("Why this matters.")
    axe_check(page)
    snap(page, "1-campaign")

    page.get_by_label(es("First name"), exact=True).fill("Lucía")
    page.get_by_label(es("Last name"), exact=True).fill("Pérez")
    page.get_by_label(es("Email"), exact=True).fill("lucia@example.org")
    page.get_by_label(es("ZIP code"), exact=True).fill("02630")
    page.get_by_role("button", name=es("Sign the petition")).click()
    expect(page.get_by_role("heading", name=es("Check your email"))).to_be_visible()
    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["Subject"] == es("Please confirm your signature: %(title)s", title=TITLE_ES)
    page.goto(LINK_RE.search(confirmation.get_content()).group(1))
    page.get_by_role("button", name=es("Confirm my signature")).click()
    expect(
        page.get_by_role("heading", name=es("Thank you! Your signature is confirmed"))
    ).to_be_visible()
    expect(page.get_by_text("Gracias por apoyar a las familias inmigrantes.")).to_be_visible()
    axe_check(page)

    page.goto("/c/safe-communities/")
    page.get_by_role("link", name="Escribe a tus legisladores").click()
    expect(page.get_by_role("heading", name="Escribe a tus legisladores")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=es("Use my location")).click()

    # The letters go in English, their templates' language; the representative's has the
    # organizers' Spanish translation beside it, the senator's thank-you has none.
    letters_sent = page.locator(".letter__body[lang=en]")
    expect(letters_sent).to_have_count(2)
    expect(letters_sent.first).to_contain_text("Dear Senator Senator,")
    translation_beside = page.get_by_role("group").filter(
        has=page.get_by_text(es("Read this letter in your language"))
    )
    expect(translation_beside).to_have_count(1)
    expect(translation_beside).to_contain_text("A la atención de Representante Representative:")
    axe_check(page)
    snap(page, "2-letter")
    page.get_by_label("¿Por qué es importante para ti?").fill(STORY)
    page.get_by_label(es("First name"), exact=True).fill("Lucía")
    page.get_by_label(es("Last name"), exact=True).fill("Pérez")
    page.get_by_label(es("Email"), exact=True).fill("lucia@example.org")
    page.get_by_role("button", name=es("Send my letters")).click()

    expect(page.get_by_role("heading", name=es("Check your email"))).to_be_visible()
    letter_confirmation = smtp_server.wait_for(2)[1]
    page.goto(LINK_RE.search(letter_confirmation.get_content()).group(1))
    page.get_by_role("button", name=es("Send my letters")).click()
    expect(page.get_by_role("heading", name=es("Your letters are on their way"))).to_be_visible()
    axe_check(page)

    received = smtp_server.wait_for(5)
    offices = {m["To"]: m for m in received if m["To"] in (SENATOR_EMAIL, REP_EMAIL)}
    assert set(offices) == {SENATOR_EMAIL, REP_EMAIL}
    assert offices[REP_EMAIL]["Subject"] in {
        "Please pass S.1681",
        "Barnstable supports S.1681",
        "A constituent asks you to back Safe Communities Act",
    }
    for message in offices.values():
        text = message.get_content()
        assert text.startswith("Dear ") and STORY in text and "A la atención" not in text
