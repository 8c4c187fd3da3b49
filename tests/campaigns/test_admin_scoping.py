"""Organizers see and change only their own organizations' letter and call asks."""

import pytest
from django.contrib.auth.models import Permission, User

from beacon.campaigns.models import CallAsk, LetterAsk, Membership
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def organizer(campaign, role):
    user = User.objects.create_user(f"{role}-{campaign.slug}", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "view_letterask",
                "change_letterask",
                "view_callask",
                "change_callask",
            ]
        )
    )
    Membership.objects.create(organization=campaign.organization, user=user, role=role)
    return user


@pytest.mark.parametrize(
    ("model", "path"),
    [
        (LetterAsk, "letterask"),
        (CallAsk, "callask"),
    ],
)
def test_actions_are_scoped_to_the_organizers_campaigns(client, model, path):
    ours, theirs = CampaignFactory(), CampaignFactory()
    mine = model.objects.create(campaign=ours, slug="act", title="Ours to change")
    other = model.objects.create(campaign=theirs, slug="act", title="Someone else's")
    client.force_login(organizer(ours, Membership.Role.EDITOR))
    listing = client.get(f"/admin/campaigns/{path}/").content.decode()
    assert "Ours to change" in listing and "Someone else" not in listing
    assert client.get(f"/admin/campaigns/{path}/{other.pk}/change/").status_code in (302, 404)
    page = client.get(f"/admin/campaigns/{path}/{mine.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()


def test_a_viewer_cannot_change_an_action(client):
    campaign = CampaignFactory()
    ask = LetterAsk.objects.create(campaign=campaign, slug="act", title="Read only")
    client.force_login(organizer(campaign, Membership.Role.VIEWER))
    page = client.get(f"/admin/campaigns/letterask/{ask.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_event_codes_are_scoped_and_show_the_link_for_the_devices(client):
    from datetime import date

    from beacon.campaigns.models import EventCode

    ours, theirs = CampaignFactory(), CampaignFactory()
    mine = EventCode.objects.create(campaign=ours, label="Our rally", day=date(2026, 12, 5))
    EventCode.objects.create(campaign=theirs, label="Their rally", day=date(2026, 12, 5))
    user = organizer(ours, Membership.Role.EDITOR)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_eventcode", "change_eventcode"])
    )
    client.force_login(user)
    listing = client.get("/admin/campaigns/eventcode/").content.decode()
    assert "Our rally" in listing and "Their rally" not in listing
    assert f"/event/{mine.code}/" in listing
