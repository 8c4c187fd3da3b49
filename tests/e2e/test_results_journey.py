"""Maria, an editor, reads her petition's results, adds the paper petitions gathered at
a vigil, and downloads the signers; Lucía, a viewer, reads the same page in Spanish.
An axe check on each page they see, and phone-width pictures to look at."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from beacon.campaigns.models import Membership
from tests.actions.factories import ConfirmedSignatureFactory
from tests.campaigns.factories import PetitionFactory
from tests.signin import PASSWORD, staff_create, totp_code, totp_give

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def snap(page, name: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"results-{name}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} overflows"
    page.set_viewport_size({"width": 1280, "height": 720})


@pytest.fixture
def petition():
    petition = PetitionFactory(campaign__title="Safe Communities Now")
    petition.campaign.published_at = datetime(2026, 11, 20, tzinfo=UTC)
    petition.campaign.save()
    for day in (21, 21, 25, 30):
        ConfirmedSignatureFactory(
            petition=petition, confirmed_at=datetime(2026, 11, day, 15, tzinfo=UTC)
        )
    return petition


ENGLISH = {"login": "Login", "password": "Password", "submit": "Sign in", "code": "Code"}
SPANISH = {"login": "Iniciar sesión", "password": "Contraseña", "submit": "Iniciar sesión"}
SPANISH["code"] = "Código"


def sign_in(page, user, secret, words=ENGLISH):
    page.get_by_label(words["login"]).fill(user.email)
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["submit"], exact=True).click()
    page.get_by_label(words["code"]).fill(totp_code(secret))
    page.get_by_role("button", name=words["submit"]).click()


def test_maria_adds_the_paper_petitions_and_downloads_the_signers(page_nojs, petition, axe_check):
    maria = staff_create("maria")
    Membership.objects.create(
        organization=petition.campaign.organization, user=maria, role="editor"
    )
    secret = totp_give(maria)
    page = page_nojs
    page.goto(f"/dashboard/petitions/{petition.pk}/")
    sign_in(page, maria, secret)
    expect(page.get_by_role("heading", name="Safe Communities Now")).to_be_visible()
    expect(page.get_by_role("img", name="Signatures confirmed per day")).to_be_visible()
    axe_check(page)
    snap(page, "petition")

    page.get_by_label("Number of signatures").fill("120")
    page.get_by_label("Note").fill("paper petitions, March 3")
    page.get_by_role("button", name="Add to the total").click()
    expect(page.get_by_role("status")).to_contain_text("120 signatures gathered offline")
    expect(page.get_by_text("124 signatures in all.")).to_be_visible()
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download signatures as CSV").click()
    lines = Path(download.value.path()).read_text().splitlines()
    assert len(lines) == 5 and "email" in lines[0]


def test_lucia_reads_the_results_in_spanish(new_page, petition, axe_check):
    lucia = staff_create("lucia")
    Membership.objects.create(
        organization=petition.campaign.organization, user=lucia, role="viewer"
    )
    secret = totp_give(lucia)
    page = new_page(locale="es")
    page.goto(f"/dashboard/petitions/{petition.pk}/")
    sign_in(page, lucia, secret, SPANISH)
    expect(page.get_by_role("img", name="Firmas confirmadas por día")).to_be_visible()
    expect(page.get_by_text("4 firmas en total.")).to_be_visible()
    expect(page.get_by_role("button", name="Añadir al total")).to_have_count(0)
    axe_check(page)
    snap(page, "petition-es")
