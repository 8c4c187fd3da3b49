"""Rosa in a split town: the sorted picker with each member's photo and the towns each
district reaches, and "Did you mean ...?" for a street she mistyped, with and without
JavaScript, with an axe check on each page she sees.

Issue 15 asks for these two journeys in a browser in English and in Spanish, an exception
to the one-language-per-journey rule (LANGUAGES below); the other languages' words are
checked over HTTP in tests/officials/test_picker.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from tests.actions.letter_fixtures import letters  # noqa: F401 - a fixture.
from tests.officials.conftest import (  # noqa: F401 - fixtures the journeys need.
    cape,
    cape_map,
    cape_streets,
    import_officials,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "es"]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def _t(language: str, message: str) -> str:
    """`message` as the page shows it in `language` (English until translated)."""
    with translation.override(language):
        return translation.gettext(message)


def _open(new_page, live_url, language: str, **options):
    page = new_page(**options)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_url}])
    page.goto("/legislators/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    return page


@pytest.mark.usefixtures("cape")
@pytest.mark.parametrize("language", LANGUAGES)
def test_rosa_picks_her_district_from_the_sorted_picker(new_page, live_url, axe_check, language):
    page = _open(new_page, live_url, language)
    page.locator("#id_city").fill("Barnstable")
    page.locator("form.lookup-form button[type=submit]").click()

    house = page.get_by_role(
        "group", name=_t(language, "Which State House district do you live in?")
    )
    expect(house).to_be_visible()
    radios = house.get_by_role("radio")
    expect(radios).to_have_count(2)
    first = house.get_by_role("radio", name=re.compile(r"^1st Barnstable"))
    second = house.get_by_role("radio", name=re.compile(r"^2nd Barnstable"))
    expect(first).to_have_accessible_name(re.compile("Ben Representative"))
    expect(second).to_have_accessible_name(re.compile("Carla Outgoing"))
    part = _t(language, "part of %(town)s (%(area)s)")
    with translation.override(language):
        west, east = (translation.pgettext("part of a town", a) for a in ("west", "east"))
    whole = _t(language, "all of %(town)s") % {"town": "Yarmouth"}
    west_part = part % {"town": "Barnstable", "area": west}
    east_part = part % {"town": "Barnstable", "area": east}
    expect(house.get_by_text(west_part, exact=True)).to_be_visible()
    expect(house.get_by_text(f"{whole}, {east_part}", exact=True)).to_be_visible()
    expect(house.locator("img")).to_have_count(2)
    # "Use my location" again, above the picker.
    expect(page.get_by_role("button", name=_t(language, "Use my location")).first).to_be_visible()
    axe_check(page)

    second.check()
    page.get_by_role("button", name=_t(language, "Show my legislators")).click()
    expect(page.get_by_role("link", name="Carla Outgoing")).to_be_visible()
    expect(
        page.get_by_text(_t(language, "Based on your town and the district you chose."))
    ).to_be_visible()
    axe_check(page)


@pytest.mark.usefixtures("cape_streets")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_rosa_is_asked_did_you_mean(new_page, live_url, axe_check, language, javascript):
    page = _open(new_page, live_url, language, java_script_enabled=javascript)
    page.locator("#id_street").fill("150 Mian St")
    page.locator("#id_city").fill("Barnstable")
    page.locator("form.lookup-form button[type=submit]").click()

    offer = page.get_by_role(
        "button", name=_t(language, "Did you mean %(suggestion)s?") % {"suggestion": "150 Main St"}
    )
    expect(offer).to_be_visible()
    # Nothing is decided for her: the page still asks, based on the town.
    expect(
        page.get_by_text(
            _t(language, "We could not find your street, so this is based on your town only.")
        )
    ).to_be_visible()
    axe_check(page)

    offer.click()
    expect(page.get_by_text(_t(language, "Based on your street address."))).to_be_visible()
    expect(page.get_by_role("link", name="Carla Outgoing")).to_be_visible()
    expect(page.get_by_role("link", name="Ben Representative")).to_have_count(0)
    assert page.url.endswith("/legislators/") and "Main" not in page.url
    axe_check(page)


@pytest.mark.usefixtures("letters", "cape_streets")
@pytest.mark.parametrize("language", LANGUAGES)
def test_ana_is_asked_did_you_mean_on_the_letter_picker_on_a_phone(
    new_page, live_url, axe_check, language
):
    """The letters' split-town picker: "Did you mean ...?" above it, each member's photo,
    at phone width (a screenshot in var/screenshots/ for a person to look at)."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_url}])
    page.goto("/c/safe-communities/write/write/")
    page.locator("#id_street").fill("150 Mian St")
    page.locator("#id_city").fill("Barnstable")
    page.locator("form[novalidate] button[type=submit]").click()

    expect(page.get_by_role("heading", name=_t(language, "Choose your district"))).to_be_visible()
    offer = page.get_by_role(
        "button", name=_t(language, "Did you mean %(suggestion)s?") % {"suggestion": "150 Main St"}
    )
    expect(offer).to_be_visible()
    expect(page.locator("fieldset img")).to_have_count(2)
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"letter-picker-{language}.png"), full_page=True)

    offer.click()
    expect(page.get_by_text("Carla Outgoing").first).to_be_visible()
    assert "Main" not in page.url
