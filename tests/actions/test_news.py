"""News to supporters who asked for it: a victory or an emailed update goes, through the
outbox, to the consents given to the campaign's organization on that campaign, in each
supporter's language, with a one-click unsubscribe that an attacker cannot turn against
anyone else."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from beacon.actions.models import NewsConsent
from beacon.actions.yourdata.news import news_stop_token
from beacon.campaigns.services import campaign_mark_won, campaign_update_post
from beacon.delivery.models import OutboundMessage
from tests.campaigns.factories import CampaignFactory, OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]


def consent(campaign, email, *, organization=None, language="en", **fields) -> NewsConsent:
    return NewsConsent.objects.create(
        organization=organization or campaign.organization,
        campaign=campaign,
        email=email,
        email_canonical=email,
        first_name="Ana",
        language=language,
        source="petition",
        wording="Send me news",
        given_at=fields.pop("given_at", timezone.now()),
        **fields,
    )


@pytest.fixture
def campaign(settings):
    settings.BEACON_BASE_URL = "https://beacon.example"
    campaign = CampaignFactory(title_en="Safe Communities", title_es="Comunidades Seguras")
    consent(campaign, "ana@example.org")
    consent(campaign, "lucia@example.org", language="es")
    # Not to be mailed: a partner's consent, another campaign's, one withdrawn, one
    # never given.
    consent(campaign, "partner@example.org", organization=OrganizationFactory())
    consent(CampaignFactory(organization=campaign.organization), "other@example.org")
    consent(campaign, "gone@example.org", withdrawn_at=timezone.now())
    consent(campaign, "pending@example.org", given_at=None)
    return campaign


def test_a_victory_is_emailed_to_those_who_asked_this_organization_on_this_campaign(campaign):
    campaign_mark_won(campaign=campaign, message="The bill passed!")
    news = {m.to: m for m in OutboundMessage.objects.filter(category="news")}
    assert set(news) == {"ana@example.org", "lucia@example.org"}
    assert news["ana@example.org"].subject == "We won: Safe Communities"
    assert "The bill passed!" in news["ana@example.org"].body_text
    assert news["lucia@example.org"].subject == "Ganamos: Comunidades Seguras"
    headers = news["ana@example.org"].headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<https://beacon\.example/news/stop/[^/]+/>", headers["List-Unsubscribe"])
    assert news["ana@example.org"].from_name == campaign.organization.name


def test_an_update_is_emailed_only_when_the_organizer_asks(campaign):
    campaign_update_post(campaign=campaign, title="Hearing", body="Tuesday at 10.")
    assert not OutboundMessage.objects.filter(category="news").exists()
    campaign_update_post(campaign=campaign, title="Hearing", body="Tuesday at 10.", email=True)
    assert OutboundMessage.objects.filter(category="news").count() == 2


def test_one_click_unsubscribe_stops_that_consent_only(campaign):
    ana = NewsConsent.objects.get(email="ana@example.org")
    url = f"/news/stop/{news_stop_token(ana)}/"
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    assert page.status_code == 200 and "Stop news from" in page.content.decode()
    ana.refresh_from_db()
    assert ana.withdrawn_at is None  # a GET (a link scanner) changes nothing
    # A mail client's one-click POST carries no CSRF token (RFC 8058).
    done = browser.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "no more news" in done.content.decode()
    ana.refresh_from_db()
    assert (ana.withdrawn_how, ana.email) == ("unsubscribe", "")
    assert NewsConsent.objects.get(email="lucia@example.org").withdrawn_at is None
    # Spent, altered or made-up links are refused alike.
    assert browser.post(url).status_code == 404
    lucia = NewsConsent.objects.get(email="lucia@example.org")
    forged = news_stop_token(lucia).rsplit(":", 1)[0] + ":forged"
    assert browser.post(f"/news/stop/{forged}/").status_code == 404
    assert browser.post(f"/news/stop/{lucia.pk}/").status_code == 404
    assert NewsConsent.objects.get(pk=lucia.pk).withdrawn_at is None


def test_the_workspace_update_form_offers_the_email(client, campaign):
    from beacon.campaigns.models import Membership
    from tests.signin import staff_create

    user = staff_create("editor")
    Membership.objects.create(user=user, organization=campaign.organization, role="editor")
    client.force_login(user)
    url = f"/organize/{campaign.organization.slug}/c/{campaign.slug}/updates/"
    response = client.post(url, {"title": "Hearing", "body": "Tuesday.", "email": "on"})
    assert response.status_code == 302
    assert OutboundMessage.objects.filter(category="news").count() == 2
