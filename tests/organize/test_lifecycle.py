"""Campaign lifecycle: each button calls one service that sets the status and its date
together; the status changes no other way."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from beacon.campaigns.models import Campaign, LifecycleError
from beacon.campaigns.services import (
    campaign_close,
    campaign_mark_won,
    campaign_publish,
    campaign_update_post,
)
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=ZoneInfo("UTC"))


@time_machine.travel(NOW, tick=False)
def test_each_step_sets_the_status_and_its_date():
    campaign = CampaignFactory(status=Campaign.Status.DRAFT, published_at=None)
    campaign = campaign_publish(campaign=campaign)
    assert (campaign.status, campaign.published_at) == ("live", NOW)
    campaign = campaign_close(campaign=campaign)
    assert (campaign.status, campaign.closed_at) == ("closed", NOW)
    campaign = campaign_mark_won(campaign=campaign, message="The bill passed.")
    stored = Campaign.objects.get(pk=campaign.pk)
    assert (stored.status, stored.won_at, stored.victory_message) == (
        "won",
        NOW,
        "The bill passed.",
    )


def test_reopening_clears_the_closing_date_so_retention_waits():
    campaign = CampaignFactory()
    campaign_close(campaign=campaign)
    reopened = campaign_publish(campaign=campaign)
    assert reopened.status == "live" and reopened.closed_at is None


def test_publishing_past_the_deadline_closes_at_once():
    campaign = CampaignFactory(
        status=Campaign.Status.DRAFT, deadline=NOW - timedelta(days=1), published_at=None
    )
    published = campaign_publish(campaign=campaign)
    assert published.status == "closed" and published.closed_at is not None


@pytest.mark.parametrize(
    ("status", "service"),
    [
        ("live", campaign_publish),
        ("won", campaign_publish),
        ("draft", campaign_close),
        ("closed", campaign_close),
        ("won", campaign_close),
        ("draft", campaign_mark_won),
        ("won", campaign_mark_won),
    ],
)
def test_steps_that_make_no_sense_are_refused(status, service):
    campaign = CampaignFactory(status=status)
    with pytest.raises(LifecycleError):
        service(campaign=campaign)
    assert Campaign.objects.get(pk=campaign.pk).status == status


def test_the_status_cannot_be_changed_by_hand():
    campaign = CampaignFactory()
    campaign.status = Campaign.Status.WON
    with pytest.raises(LifecycleError):
        campaign.save()
    assert Campaign.objects.get(pk=campaign.pk).won_at is None
    fetched = Campaign.objects.get(pk=campaign.pk)
    fetched.title = "Other fields still save"
    fetched.save()
    assert Campaign.objects.get(pk=campaign.pk).title == "Other fields still save"


def test_an_update_is_posted_and_emailed_only_when_asked(monkeypatch):
    told = []
    monkeypatch.setattr(
        "beacon.campaigns.services.campaign_news_announce",
        lambda **kwargs: told.append(kwargs),
    )
    campaign = CampaignFactory()
    update = campaign_update_post(campaign=campaign, title="Hearing", body="Tuesday at 10.")
    assert list(campaign.updates.all()) == [update]
    assert told == []  # not emailed unless asked
    campaign_update_post(campaign=campaign, title="Hearing", body="Tuesday at 10.", email=True)
    assert told == [{"campaign": campaign, "title": "Hearing", "text": "Tuesday at 10."}]
    with pytest.raises(LifecycleError):
        campaign_update_post(
            campaign=CampaignFactory(status="draft"), title="Too early", body="No."
        )


def test_the_victory_message_shows_on_the_public_page(client, world):
    org = world.orgs["alpha"]
    client.force_login(org.users["editor"])
    url = f"/organize/alpha/c/{org.campaign.slug}/victory/"
    assert client.post(url, {"message": ""}).status_code == 422
    assert client.post(url, {"message": "Signed into law today!"}).status_code == 302
    assert "Signed into law today!" in client.get(org.campaign.get_absolute_url()).text


def test_publishing_from_the_workspace(client, world):
    draft = CampaignFactory(
        organization=world.orgs["alpha"].organization, status="draft", published_at=None
    )
    client.force_login(world.orgs["alpha"].users["viewer"])
    url = f"/organize/alpha/c/{draft.slug}/publish/"
    assert client.post(url).status_code == 403
    assert Campaign.objects.get(pk=draft.pk).status == "draft"
    client.force_login(world.orgs["alpha"].users["editor"])
    assert client.post(url).status_code == 302
    assert Campaign.objects.get(pk=draft.pk).status == "live"
    again = client.post(url)
    assert again.status_code == 409 and "not possible" in again.text
