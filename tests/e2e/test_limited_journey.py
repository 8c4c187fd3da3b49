"""At a rally on one wifi, Rosa is past the per-client limit: she reads why on a page in
her language, and her browser solves the challenge (our own script, under the strict
CSP) and sends her signature. Without JavaScript she is told to wait."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from beacon.actions.models import Signature
from beacon.core.models import RateLimit
from tests.campaigns.factories import PetitionFactory
from tests.e2e.test_petition_journey import PHONE, sign, t

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


@pytest.fixture
def held(settings):
    settings.BEACON_CHALLENGE_MAX_NUMBER = 2000
    RateLimit.objects.update_or_create(
        scope="sign", key="client", defaults={"maximum": 0, "window_seconds": 600}
    )
    return PetitionFactory().campaign


@pytest.mark.parametrize("language", ["en", "es"])
def test_rosa_solves_the_challenge_and_her_signature_goes_through(
    new_page, held, axe_check, language
):
    page = new_page(viewport=PHONE, locale=language)
    page.goto(f"/c/{held.slug}/")
    sign(page, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Please wait a moment"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"limited-{language}-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(page)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.get_by_role("button", name=t(language, "Go on")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Check your email"))
    assert errors == []  # no CSP violation, no script error
    assert Signature.objects.get().email == "rosa@example.org"


def test_without_javascript_rosa_is_told_to_wait(new_page, held):
    page = new_page(java_script_enabled=False)
    page.goto(f"/c/{held.slug}/")
    sign(page, "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Please wait a moment")
    expect(page.get_by_text("Going on at once needs JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Go on")).to_be_hidden()
    assert not Signature.objects.exists()
