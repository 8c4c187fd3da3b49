"""The admin is the operators' tool: superusers only (issue 14). Organizers, staff or
not, whatever permissions they were given, get no admin page; what they may do in their
own organizations is decided by the workspace's gate (tests/organize/test_gate_matrix.py
checks each role against each organizer page, across two organizations)."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission, User

from beacon.campaigns.models import CallAsk, EventCode, LetterAsk, Membership
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/campaigns/letterask/",
    "/admin/campaigns/callask/",
    "/admin/campaigns/organization/",
    "/admin/campaigns/campaign/",
    "/admin/campaigns/eventcode/",
]


def organizer(campaign, role):
    """An organizer as the admin era made them: staff, with model permissions."""
    user = User.objects.create_user(f"{role}-{campaign.slug}", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "view_letterask",
                "change_letterask",
                "view_callask",
                "change_callask",
                "view_organization",
                "change_organization",
                "view_membership",
                "add_membership",
                "change_membership",
            ]
        )
    )
    Membership.objects.create(organization=campaign.organization, user=user, role=role)
    return user


@pytest.mark.parametrize("role", [Membership.Role.OWNER, Membership.Role.EDITOR])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_organizers_with_staff_flag_and_permissions_get_no_admin(client, role, path):
    campaign = CampaignFactory()
    LetterAsk.objects.create(campaign=campaign, slug="act", title="Ours to change")
    client.force_login(organizer(campaign, role))
    response = client.get(path, follow=True)
    assert response.status_code == 403
    assert "Ours to change" not in response.content.decode()


def test_an_organizer_cannot_change_memberships_through_the_admin(client):
    """The hole issue 14 names: an org editor could give roles in the admin."""
    campaign = CampaignFactory()
    editor = organizer(campaign, Membership.Role.EDITOR)
    client.force_login(editor)
    url = f"/admin/campaigns/organization/{campaign.organization.pk}/change/"
    response = client.post(url, {"name": "Taken", "memberships-TOTAL_FORMS": "0"}, follow=True)
    assert response.status_code == 403
    assert Membership.objects.get(user=editor).role == Membership.Role.EDITOR
    campaign.organization.refresh_from_db()
    assert campaign.organization.name != "Taken"


@pytest.mark.parametrize(("model", "path"), [(LetterAsk, "letterask"), (CallAsk, "callask")])
def test_operators_see_and_change_every_organizations_asks(admin_client, model, path):
    ours, theirs = CampaignFactory(), CampaignFactory()
    mine = model.objects.create(campaign=ours, slug="act", title="Ours to change")
    model.objects.create(campaign=theirs, slug="act", title="Someone else's")
    listing = admin_client.get(f"/admin/campaigns/{path}/").content.decode()
    assert "Ours to change" in listing and "Someone else" in listing
    page = admin_client.get(f"/admin/campaigns/{path}/{mine.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()


def test_event_codes_show_operators_the_link_for_the_devices(admin_client):
    ours, theirs = CampaignFactory(), CampaignFactory()
    mine = EventCode.objects.create(campaign=ours, label="Our rally", day=date(2026, 12, 5))
    EventCode.objects.create(campaign=theirs, label="Their rally", day=date(2026, 12, 5))
    listing = admin_client.get("/admin/campaigns/eventcode/").content.decode()
    assert "Our rally" in listing and "Their rally" in listing
    assert f"/event/{mine.code}/" in listing


def test_the_campaign_status_is_read_only_in_the_admin(admin_client):
    campaign = CampaignFactory()
    page = admin_client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="status"' not in page
    assert 'name="title_en"' in page
