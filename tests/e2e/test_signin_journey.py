"""Tomás, the first operator, signs in, sets up his authenticator app and reaches the
admin; Maria, an organizer, signs in with her code. An axe check on each page they see."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from beacon.campaigns.models import Membership
from tests.campaigns.factories import OrganizationFactory
from tests.signin import PASSWORD, staff_create, totp_code, totp_give

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def snap(page, name: str) -> None:
    """Keep a phone-width picture of the page for people to look at."""
    page.set_viewport_size({"width": 390, "height": 844})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"signin-{name}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} overflows"
    page.set_viewport_size({"width": 1280, "height": 720})


def _sign_in(page, login: str) -> None:
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_tomas_sets_up_his_authenticator_before_reaching_the_admin(page, axe_check):
    staff_create("tomas", superuser=True)
    page.goto("/admin/")
    axe_check(page)
    snap(page, "login")
    _sign_in(page, "tomas")

    # Sent to set up TOTP; allauth asks for the password once more before that.
    expect(page.get_by_text("Every staff account signs in with a code")).to_be_visible()
    axe_check(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    axe_check(page)
    snap(page, "totp-setup")
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    axe_check(page)
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_maria_signs_in_with_her_code(page_nojs, axe_check):
    maria = staff_create("maria")
    Membership.objects.create(organization=OrganizationFactory(), user=maria, role="editor")
    secret = totp_give(maria)
    page = page_nojs
    page.goto("/dashboard/")
    _sign_in(page, "maria@example.org")
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    axe_check(page)
    snap(page, "code-nojs")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
