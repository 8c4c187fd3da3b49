from datetime import timedelta

import pytest
from django.utils import timezone

from beacon.campaigns.models import Campaign
from beacon.campaigns.selectors import campaign_list_public

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_list_puts_live_campaigns_first_then_newest():
    now = timezone.now()
    closed = CampaignFactory(status=Campaign.Status.CLOSED, published_at=now)
    old_live = CampaignFactory(status=Campaign.Status.LIVE, published_at=now - timedelta(days=9))
    won = CampaignFactory(status=Campaign.Status.WON, published_at=now)
    new_live = CampaignFactory(status=Campaign.Status.LIVE, published_at=now - timedelta(days=1))
    CampaignFactory(status=Campaign.Status.DRAFT, published_at=now)

    assert list(campaign_list_public()) == [new_live, old_live, won, closed]
