"""Rosa signs the Safe Communities petition in a real browser, confirms from her email and
sees the count rise; with and without JavaScript, in English and Spanish, on a phone and on
a desktop, with an axe check on every page she passes and on every page she could hit (in
English; their Spanish words are checked over HTTP in tests/actions/test_views.py).

Screenshots of each page at phone width land in var/screenshots/ (not committed) so that a
person can look at them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from beacon.actions.models import Signature
from beacon.campaigns.content import text_for
from beacon.campaigns.demo import demo_load
from beacon.campaigns.models import Campaign
from tests.actions.factories import ConfirmedSignatureFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
CONFIRM_LINK_RE = re.compile(r"(https?://\S+/confirm/[A-Za-z0-9_-]+/)")
NUMBER_RE = re.compile(r"\d[\d,.\u00a0\u202f]*")


def t(language: str, message: str, **values: str) -> str:
    """What the visitor reads for `message` in `language`, from the project's catalogues."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def snap(page, language: str, name: str) -> None:
    """Keep a full-page screenshot for people to look at, and check that nothing makes
    the page scroll sideways."""
    width = page.viewport_size["width"]
    device = "phone" if width <= PHONE["width"] else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"petition-{language}-{device}-{name}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} overflows"


def box(locator) -> dict:
    """Where the element is drawn, in CSS pixels."""
    found = locator.bounding_box()
    assert found, f"{locator} is not drawn"
    return found


def check_spacing(page, campaign, language: str) -> None:
    """The page keeps clear of the header, and boxes do not add margins to their padding."""
    header = box(page.get_by_role("banner"))
    first_line = box(page.get_by_role("main").get_by_text(campaign.organization.name).first)
    assert first_line["y"] - (header["y"] + header["height"]) >= 12
    to = str(text_for(campaign.petition, "addressed_to", language))
    name = t(language, "Petition to %(to)s", to=to)
    panel = box(page.get_by_role("region", name=name))
    heading = box(page.get_by_role("heading", name=name))
    assert heading["y"] - panel["y"] <= 2 + 16 + 4  # border, padding, half-leading


def check_controls(page, language: str) -> None:
    """Every control is a 44px tap target, and the language form lines up."""
    controls = page.get_by_role("button").all() + page.get_by_role("combobox").all()
    for control in (c for c in controls if c.is_visible()):
        drawn = box(control)
        assert drawn["height"] >= 44 and drawn["width"] >= 44, (control, drawn)
    label = box(page.get_by_text(t(language, "Language"), exact=True))
    select = box(page.get_by_label(t(language, "Language")))
    middle = lambda b: b["y"] + b["height"] / 2  # noqa: E731 - a one-line helper.
    assert abs(middle(label) - middle(select)) <= 1, (label, select)


def check_sharing_layout(page, language: str, services: list[str]) -> None:
    """Share buttons: one column on a phone, each on one line; the same size in a row."""
    links = [
        page.get_by_role("link", name=t(language, "Share by %(service)s", service=s), exact=True)
        for s in services
    ]
    boxes = [box(link) for link in links]
    assert len({round(b["height"]) for b in boxes}) == 1, boxes
    assert boxes[0]["height"] < 2 * 44, "a share button wraps onto two lines"
    if page.viewport_size["width"] <= PHONE["width"]:
        assert len({round(b["x"]) for b in boxes}) == 1, boxes
    label = page.get_by_text(t(language, "Link to share"), exact=True)
    assert label.evaluate("e => getComputedStyle(e).fontWeight") == "600"


def contrast(colour_a: str, colour_b: str) -> float:
    """WCAG contrast ratio of two computed CSS colours such as "rgb(74, 74, 85)"."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_progress_bar(page) -> None:
    """An almost empty bar is still visible: its outline stands out from the page."""
    bar = page.get_by_role("progressbar")
    outline = bar.evaluate("e => getComputedStyle(e).borderTopColor")
    page_colour = page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
    assert contrast(outline, page_colour) >= 3, (outline, page_colour)


def watch_console(page) -> list[str]:
    """Collect script errors, CSP violations (Chromium reports them as console errors) and
    failed requests for the page's own resources."""
    errors: list[str] = []

    def on_console(msg) -> None:
        # A failed request is reported below with its URL.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


def shown_count(page, language: str = "en") -> int:
    """The signature count as the visitor reads it above the progress bar."""
    text = page.get_by_role("region", name=t(language, "Signatures"), exact=True).inner_text()
    match = NUMBER_RE.search(text)
    assert match, f"no count in {text!r}"
    return int(re.sub(r"\D", "", match.group()))


@pytest.fixture
def campaign(db) -> Campaign:
    """The demo petition, with two confirmed signers already counted."""
    campaign = demo_load()
    ConfirmedSignatureFactory(
        petition=campaign.petition, first_name="Marisol", town="Lynn", is_public=True
    )
    ConfirmedSignatureFactory(petition=campaign.petition, first_name="Hidden", is_public=False)
    call_command("refresh_counts")
    return campaign


def sign(page, language: str, *, first_name="Rosa", email="rosa@example.org", zip_code="02150"):
    """Fill the form by its labels, agree to be shown, and press the button."""
    page.get_by_label(t(language, "First name"), exact=True).fill(first_name)
    page.get_by_label(t(language, "Last name"), exact=True).fill("Díaz")
    page.get_by_label(t(language, "Email"), exact=True).fill(email)
    page.get_by_label(t(language, "ZIP code"), exact=True).fill(zip_code)
    page.get_by_label(t(language, "Show my first name and town on this page")).check()
    page.get_by_role("button", name=t(language, "Sign the petition")).click()


def confirm_link_for(smtp_server, address: str, live_url: str) -> str:
    """The confirmation link in the email the SMTP server received for `address`."""
    messages = [m for m in smtp_server.wait_for(1) if m["To"] == address]
    assert len(messages) == 1, [m["To"] for m in smtp_server.messages]
    body = messages[0].get_body(preferencelist=("plain",)).get_content()
    match = CONFIRM_LINK_RE.search(body)
    assert match, body
    assert match.group(1).startswith(live_url + "/confirm/")
    return match.group(1)


def journey(page, *, campaign, smtp_server, live_url, axe_check, language="en", js=True):
    """Rosa's whole journey; returns her signature row. Checks each page with axe; without
    JavaScript only the pages that scripts change (countdown, share buttons), as the
    others are the same HTML the journey with JavaScript checks."""
    check_unchanged = axe_check if js else (lambda page: None)
    page.goto(campaign.get_absolute_url())
    if language != "en":
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.get_by_label("Language").select_option(language)
        page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    # The demo is translated into Spanish; other languages read its English title.
    title = str(text_for(campaign, "title", language))
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    before = shown_count(page, language)
    axe_check(page)
    snap(page, language, "1-campaign")
    check_spacing(page, campaign, language)
    check_controls(page, language)
    check_progress_bar(page)

    sign(page, language)
    expect(page.get_by_role("heading", name=t(language, "Check your email"))).to_be_visible()
    check_unchanged(page)
    snap(page, language, "2-check-email")

    page.goto(confirm_link_for(smtp_server, "rosa@example.org", live_url))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=t(language, "Confirm your signature"))).to_be_visible()
    check_unchanged(page)
    snap(page, language, "3-confirm")
    page.get_by_role("button", name=t(language, "Confirm my signature")).click()

    thanks = t(language, "Thank you! Your signature is confirmed")
    expect(page.get_by_role("heading", name=thanks)).to_be_visible()
    signature = Signature.objects.get(email="rosa@example.org")
    assert signature.status == Signature.Status.CONFIRMED
    assert signature.language == language
    share_field = page.get_by_label(t(language, "Link to share"))
    expect(share_field).to_have_value(
        f"{live_url}{campaign.get_absolute_url()}?ref={signature.share_code}"
    )
    with translation.override(language):
        by_email = translation.pgettext("share by", "Email")
    services = ["WhatsApp", "Facebook", "X", "Bluesky", by_email]
    for service in services:
        name = t(language, "Share by %(service)s", service=service)
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    # Buttons that need a script (or the Web Share API) show only when they can work.
    copy = page.get_by_role("button", name=t(language, "Copy link"), include_hidden=True)
    share = page.get_by_role("button", name=t(language, "Share…"), include_hidden=True)
    expect(copy).to_be_visible() if js else expect(copy).to_be_hidden()
    has_share_api = js and page.evaluate("typeof navigator.share === 'function'")
    expect(share).to_be_visible() if has_share_api else expect(share).to_be_hidden()
    axe_check(page)
    snap(page, language, "4-thanks")
    check_controls(page, language)
    check_sharing_layout(page, language, services)

    # The periodic runner recounts every few seconds, and the recent-signers list is cached
    # for as long; run the job and let that cache lapse, as a few seconds would.
    call_command("refresh_counts")
    cache.clear()
    page.get_by_role("link", name=t(language, "Back to the campaign")).click()
    assert shown_count(page, language) == before + 1
    recent = page.get_by_role("region", name=t(language, "Recent signers"))
    rosa = t(language, "%(name)s from %(town)s", name="Rosa", town="Chelsea")
    expect(recent.get_by_role("listitem").filter(has_text=rosa)).to_have_count(1)
    expect(recent).not_to_contain_text("Hidden")
    return signature


def test_rosa_signs_confirms_and_sees_the_count_rise(
    new_page, campaign, smtp_server, live_url, axe_check
):
    page = new_page(viewport=PHONE)
    errors = watch_console(page)
    journey(
        page, campaign=campaign, smtp_server=smtp_server, live_url=live_url, axe_check=axe_check
    )
    assert errors == []


def test_rosa_signs_confirms_and_sees_the_count_rise_without_javascript(
    page_nojs, new_page, campaign, smtp_server, live_url, axe_check
):
    rosa = journey(
        page_nojs,
        campaign=campaign,
        smtp_server=smtp_server,
        live_url=live_url,
        axe_check=axe_check,
        js=False,
    )

    # Her friend Marta opens the link Rosa shared; her signature records who brought her.
    marta_page = new_page(java_script_enabled=False)
    marta_page.goto(f"{live_url}{campaign.get_absolute_url()}?ref={rosa.share_code}")
    sign(marta_page, "en", first_name="Marta", email="marta@example.org")
    expect(marta_page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert Signature.objects.get(email="marta@example.org").referral_code == rosa.share_code


def test_rosa_signs_in_spanish(new_page, campaign, smtp_server, live_url, axe_check):
    page = new_page(viewport=PHONE)
    errors = watch_console(page)
    journey(
        page,
        campaign=campaign,
        smtp_server=smtp_server,
        live_url=live_url,
        axe_check=axe_check,
        language="es",
    )
    # The journey read every label through the catalogue; these are what a reader sees.
    expect(page.get_by_role("heading", name="Firmas recientes")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Rosa de Chelsea")).to_have_count(1)
    title = "Aprueben la Ley de Comunidades Seguras"  # The demo's own Spanish title.
    assert smtp_server.messages[-1]["Subject"] == f"Confirma tu firma: {title}"
    assert "Hola, Rosa:" in smtp_server.messages[-1].get_body(("plain",)).get_content()
    assert errors == []


def test_rosa_copies_her_share_link(new_page, campaign, smtp_server, live_url):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(campaign.get_absolute_url())
    sign(page, "en")
    page.goto(confirm_link_for(smtp_server, "rosa@example.org", live_url))
    page.get_by_role("button", name="Confirm my signature").click()
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.get_by_label("Link to share").input_value()
    assert "?ref=" in copied


# Once per script the site is written in (Latin only, so far): the same pages in Spanish,
# whose words are all that differ, are read over HTTP by tests/actions/test_views.py's
# test_every_other_page_of_the_flow_in_spanish; test_rosa_signs_in_spanish above keeps a
# Spanish journey in the browser.
@pytest.mark.parametrize("language", ["en"])
def test_every_other_page_of_the_flow_is_accessible(
    new_page, campaign, smtp_server, live_url, axe_check, language
):
    """Form errors, an unknown campaign, a link that is not valid, a link already used, a
    petition that closes while the form is open, and the pages of closed and won campaigns."""
    page = new_page(viewport=PHONE, locale=language)
    page.goto(campaign.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", language)

    page.get_by_label(t(language, "Email"), exact=True).fill("not-an-email")
    page.get_by_role("button", name=t(language, "Sign the petition")).click()
    summary = page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name=t(language, "Please check the form"))
    )
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("link")).to_have_count(4)
    axe_check(page)
    snap(page, language, "5-form-errors")

    response = page.goto("/c/no-such-campaign/")
    assert response.status == 404
    not_found = t(language, "We could not find that page")
    expect(page.get_by_role("heading", name=not_found)).to_be_visible()
    axe_check(page)
    snap(page, language, "6-unknown-campaign")

    page.goto("/confirm/not-a-real-token/")
    invalid = t(language, "This confirmation link is not valid")
    expect(page.get_by_role("heading", name=invalid)).to_be_visible()
    axe_check(page)
    snap(page, language, "6-invalid-link")

    page.goto(campaign.get_absolute_url())
    sign(page, language)
    link = confirm_link_for(smtp_server, "rosa@example.org", live_url)
    page.goto(link)
    page.get_by_role("button", name=t(language, "Confirm my signature")).click()
    page.goto(link)
    used = t(language, "You have already confirmed your signature")
    expect(page.get_by_role("heading", name=used)).to_be_visible()
    axe_check(page)
    snap(page, language, "7-used-link")

    # The petition closes while a second visitor is filling in the form.
    page.goto(campaign.get_absolute_url())
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    sign(page, language, first_name="Marta", email="marta@example.org")
    expect(page.get_by_role("heading", name=t(language, "This campaign is closed"))).to_be_visible()
    assert not Signature.objects.filter(email="marta@example.org").exists()
    axe_check(page)
    snap(page, language, "8-closed-on-submit")

    page.goto(campaign.get_absolute_url())
    closed = t(language, "This campaign is closed and no longer takes signatures.")
    expect(page.get_by_role("status").filter(has_text=closed)).to_be_visible()
    expect(page.get_by_role("button", name=t(language, "Sign the petition"))).to_have_count(0)
    time_left = page.get_by_text(t(language, "Time left:"))
    expect(time_left).to_have_count(0)
    axe_check(page)
    snap(page, language, "9-closed")

    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.WON, victory_message="The Governor signed the bill today."
    )
    page.goto(campaign.get_absolute_url())
    won = page.get_by_role("status").filter(has_text=t(language, "Victory! This campaign has won."))
    expect(won).to_contain_text("The Governor signed the bill today.")
    expect(time_left).to_have_count(0)
    axe_check(page)
    snap(page, language, "10-won")


def test_keyboard_user_skips_to_the_form_and_signs_with_enter(page, campaign, smtp_server):
    page.goto(campaign.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    snap(page, "en", "0-skip-link")
    page.keyboard.press("Enter")

    fields = [
        ("First name", "Rosa"),
        ("Last name", "Díaz"),
        ("Email", "rosa@example.org"),
        ("ZIP code", "02150"),
    ]
    for label, value in fields:
        page.keyboard.press("Tab")
        expect(page.get_by_label(label, exact=True)).to_be_focused()
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Show my first name and town on this page")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name=re.compile("^Send me news about"))).to_be_focused()
    # Then one box per coalition partner, each naming it.
    partners = page.get_by_role("checkbox", name=re.compile(r"^Send me news from .* too"))
    for index in range(partners.count()):
        page.keyboard.press("Tab")
        expect(partners.nth(index)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign the petition")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    signature = Signature.objects.get(email="rosa@example.org")
    assert (signature.first_name, signature.zip_code) == ("Rosa", "02150")
    assert signature.is_public is True
    assert signature.has_opted_in is False
    assert len(smtp_server.wait_for(1)) == 1


def test_without_chromium_browser_tests_fail_under_ci_and_skip_elsewhere(monkeypatch, tmp_path):
    from tests.e2e import conftest

    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        conftest._chromium_or_stop()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        conftest._chromium_or_stop()
