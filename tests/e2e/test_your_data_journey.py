"""Ana signs, writes and calls in a real browser, then uses "Your data" from the footer:
she sees all of it, hides her name, withdraws her signature (the count drops), downloads
the JSON and erases everything. Afterwards no table holds her email, name or street, and
the tallies per district are unchanged. In English and in Spanish (the labels come from
the catalogues), with an axe check on each new page."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from beacon.actions.models import Call, LetterRecipient
from beacon.campaigns.models import CallAsk, CallScript, CallTarget, Petition
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.test_your_data import _rows_holding
from tests.campaigns.factories import PetitionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A Wednesday at 10 a.m. in Boston: the State House offices are likely open.
WEDNESDAY_10AM = datetime(2026, 7, 29, 14, 0, tzinfo=UTC)
EMAIL = "ana.quahog@example.org"
LAST = "Quahogsdottir"
STREET = "47 Quahog Lane"
LINK_RE = re.compile(r"https?://\S+?(/(?:confirm|letters/confirm|your-data/open)/[\w-]+/)")


def snap(page, name: str) -> None:
    """Keep a full-page screenshot (var/screenshots/, not committed) for people to see."""
    from django.conf import settings

    directory = Path(settings.VAR_DIR) / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=directory / f"{name}.png", full_page=True)


def t(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def link_in_latest(smtp_server, path: str, *, seen: int) -> str:
    """The link starting with `path` in the first message to Ana after the `seen` first
    messages received, waiting for it."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for message in smtp_server.wait_for(seen + 1)[seen:]:
            found = [m for m in LINK_RE.findall(message.get_content()) if m.startswith(path)]
            if found and message["To"] == EMAIL:
                return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no mail to Ana with {path}")


@pytest.fixture
def campaign(letters):
    """The letter campaign with a petition and a call ask as well."""
    petition = PetitionFactory(campaign=letters.ask.campaign, campaign__goal=10)
    ask = CallAsk.objects.create(campaign=letters.ask.campaign, slug="call", title="Call them")
    CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_SENATOR, position=0)
    CallScript.objects.create(
        ask=ask, audience=CallScript.Audience.OTHERS, script="Please support S.1681."
    )
    return petition


def tallies():
    letters = sorted(
        LetterRecipient.objects.filter(message__status="sent").values_list(
            "division_id", "letter__status"
        )
    )
    return letters, sorted(Call.objects.values_list("division_id", "official_id", "outcome"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_ana_sees_hides_withdraws_downloads_and_erases_her_data(
    new_page, campaign, smtp_server, axe_check, language
):
    with time_machine.travel(WEDNESDAY_10AM, tick=True):
        _journey(new_page, campaign, smtp_server, axe_check, language)


def _journey(new_page, petition, smtp_server, axe_check, lang):
    page = new_page(
        locale="es-US" if lang == "es" else "en-US", viewport={"width": 390, "height": 844}
    )
    slug = petition.campaign.slug

    # Sign, with her name shown publicly.
    page.goto(f"/c/{slug}/")
    page.locator("#id_first_name").fill("Ana")
    page.locator("#id_last_name").fill(LAST)
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_zip_code").fill("02630")
    page.locator("#id_is_public").check()
    page.locator("#id_has_opted_in").check()
    page.get_by_role("button", name=t(lang, "Sign the petition")).click()
    page.goto(link_in_latest(smtp_server, "/confirm/", seen=0))
    page.get_by_role("button", name=t(lang, "Confirm my signature")).click()
    expect(page.locator("h1")).to_be_visible()
    assert Petition.objects.get(pk=petition.pk).signature_count in (0, 1)

    # Write to her senator and representative.
    page.goto(f"/c/{slug}/write/write/")
    page.locator("#id_street").fill(STREET)
    page.locator("#id_city").fill("Barnstable")
    page.locator("#id_zip_code").fill("02630")
    page.get_by_role("button", name=t(lang, "Find my legislators")).click()
    page.get_by_label("1st Barnstable (Ben Representative)").check()
    page.get_by_role("button", name=t(lang, "Continue")).click()
    page.locator("#id_personal_paragraph").fill("My cousin was afraid to call 911.")
    page.locator("#id_first_name").fill("Ana")
    page.locator("#id_last_name").fill(LAST)
    page.locator("#id_email").fill(EMAIL)
    seen = len(smtp_server.messages)
    page.get_by_role("button", name=t(lang, "Send my letters")).click()
    page.goto(link_in_latest(smtp_server, "/letters/confirm/", seen=seen))
    page.get_by_role("button", name=t(lang, "Send my letters")).click()
    expect(
        page.get_by_role("heading", name=t(lang, "Your letters are on their way"))
    ).to_be_visible()

    # Call her senator and record the outcome.
    page.goto(f"/c/{slug}/call/call/")
    page.locator("#id_city").fill("Yarmouth")
    page.get_by_role("button", name=t(lang, "Find who to call")).click()
    page.get_by_role("button", name=t(lang, "Talked to staff")).first.click()
    expect(page.get_by_text(t(lang, "Thank you: this call counts."))).to_be_visible()
    before = tallies()
    assert len(before[0]) == 2 and len(before[1]) == 1

    # "Your data", from the footer.
    page.get_by_role("contentinfo").get_by_role(
        "link", name=t(lang, "Your data"), exact=True
    ).click()
    expect(page.get_by_role("heading", name=t(lang, "Your data"), exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_label(t(lang, "Your email")).fill(EMAIL)
    seen = len(smtp_server.messages)
    page.get_by_role("button", name=t(lang, "Email me the link")).click()
    expect(page.get_by_role("heading", name=t(lang, "Check your email"))).to_be_visible()
    axe_check(page)
    page.goto(link_in_latest(smtp_server, "/your-data/open/", seen=seen))
    axe_check(page)
    page.get_by_role("button", name=t(lang, "Show my data")).click()

    signatures = page.get_by_role("region", name=t(lang, "Signatures"))
    letters = page.get_by_role("region", name=t(lang, "Letters"))
    expect(signatures).to_contain_text(LAST)
    expect(letters).to_contain_text(STREET)
    expect(letters).to_contain_text("Senator Rosa Senator")
    expect(page.get_by_role("region", name=t(lang, "Calls"))).to_contain_text("Rosa Senator")
    expect(page.get_by_role("region", name=t(lang, "News from organizations"))).to_contain_text(
        petition.campaign.organization.name
    )
    axe_check(page)
    snap(page, f"your-data-{lang}")

    page.get_by_role("button", name=t(lang, "Hide my name from every public list")).click()
    expect(page.get_by_role("status")).to_contain_text(
        t(lang, "Your name is no longer shown on any public list.")
    )
    signatures.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text(
        t(lang, "Your signature was withdrawn. The count will drop within a minute.")
    )
    assert Petition.objects.get(pk=petition.pk).signature_count == 0

    with page.expect_download() as download:
        page.get_by_role("link", name=t(lang, "Download everything (JSON)")).click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["signatures"] == [] and data["letters"][0]["street"] == STREET
    assert data["calls"][0]["outcome"] == "talked_to_staff"

    page.get_by_label(t(lang, "Yes, erase everything. This cannot be undone.")).check()
    page.locator("#erase").get_by_role("button", name=t(lang, "Erase everything")).click()
    expect(page.get_by_role("heading", name=t(lang, "Your data is erased"))).to_be_visible()
    axe_check(page)
    snap(page, f"your-data-erased-{lang}")

    for value in (EMAIL, LAST, STREET, "afraid to call 911"):
        assert _rows_holding(value) == [], value
    assert tallies() == before
