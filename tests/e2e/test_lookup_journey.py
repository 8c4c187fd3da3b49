"""Rosa finds who represents her: from her town (split between two House districts) to her
senator, representative and the Governor; with and without JavaScript, by browser location,
on a phone in English and Spanish, with an axe check on each page she sees.

Phone-width screenshots land in var/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.officials.conftest import (  # noqa: F401 - fixtures the "cape" fixture needs.
    WEST_BARNSTABLE,
    cape,
    cape_map,
    import_officials,
)

# Every journey runs on the tiny Cape Cod map with the fixture officials (see
# tests/officials/conftest.py) and the offline town geocoder.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("cape"),
]

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def _find_by_town(page, town: str) -> None:
    page.goto("/legislators/")
    expect(page.get_by_role("heading", name="Find your legislators")).to_be_visible()
    page.get_by_label("City or town").fill(town)
    page.get_by_role("button", name="Find my legislators").click()


def test_rosa_picks_her_district_in_a_split_town(new_page, axe_check):
    page = new_page()
    _find_by_town(page, "Barnstable")

    expect(page.get_by_text("Based on your town only.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Which State House district do you live in?")
    ).to_be_visible()
    axe_check(page)
    page.get_by_label("1st Barnstable").check()
    page.get_by_role("button", name="Show my legislators").click()

    expect(page.get_by_role("heading", name="Your State Senator")).to_be_visible()
    expect(page.get_by_role("heading", name="Your State Representative")).to_be_visible()
    expect(page.get_by_role("link", name="Ben Representative")).to_be_visible()
    expect(page.get_by_role("link", name="Rosa Senator")).to_be_visible()
    expect(page.get_by_role("link", name="Grace Governor")).to_be_visible()
    expect(page.get_by_role("link", name="617-722-1485")).to_have_attribute(
        "href", "tel:+1-617-722-1485"
    )
    assert page.url.endswith("/legislators/")  # nothing about the address in the URL
    axe_check(page)

    page.get_by_role("link", name="Ben Representative").click()
    expect(page.get_by_role("heading", name="Ben Representative")).to_be_visible()
    page.get_by_role("link", name="1st Barnstable").click()
    expect(page.get_by_role("img", name="Map of 1st Barnstable")).to_be_visible()
    axe_check(page)


def test_rosa_without_javascript(new_page, axe_check):
    page = new_page(java_script_enabled=False)
    page.goto("/legislators/")
    expect(page.get_by_role("button", name="Use my location")).to_be_hidden()

    _find_by_town(page, "Yarmouth")

    expect(page.get_by_role("heading", name="Your legislators")).to_be_visible()
    expect(page.get_by_role("link", name="Carla Outgoing")).to_be_visible()
    expect(page.get_by_role("link", name="Contact form on their website").first).to_be_visible()
    axe_check(page)

    page.get_by_label("City or town").fill("")
    page.get_by_label("ZIP code").fill("10001")
    page.get_by_role("button", name="Find my legislators").click()
    expect(page.get_by_role("heading", name="That address is not in Massachusetts")).to_be_visible()
    axe_check(page)


def test_rosa_uses_her_location(new_page, axe_check):
    lat, lon = WEST_BARNSTABLE
    page = new_page(geolocation={"latitude": lat, "longitude": lon}, permissions=["geolocation"])
    page.goto("/legislators/")

    page.get_by_role("button", name="Use my location").click()

    expect(page.get_by_text("Based on the location your browser shared.")).to_be_visible()
    expect(page.get_by_role("link", name="Ben Representative")).to_be_visible()
    assert page.url.endswith("/legislators/") and str(lat) not in page.url
    axe_check(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_results_on_a_phone(new_page, live_url, axe_check, language):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_url}])
    page.goto("/legislators/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("#id_city").fill("Yarmouth")
    page.locator("form.lookup-form button[type=submit]").click()
    expect(page.get_by_role("link", name="Carla Outgoing")).to_be_visible()
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways ({width}px)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"legislators-results-{language}.png"), full_page=True)
