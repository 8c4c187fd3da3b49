"""Two organizations, each with an owner, an editor, a viewer and a spare viewer (to
change and remove), a live campaign with a letter ask and a call ask; plus an operator
and a signed-in account that belongs to no organization."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from beacon.campaigns.models import CallAsk, Campaign, LetterAsk, Membership, Organization
from tests.campaigns.factories import CampaignFactory, OrganizationFactory


@dataclass
class Org:
    organization: Organization
    campaign: Campaign
    letter_ask: LetterAsk
    call_ask: CallAsk
    users: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    orgs: dict[str, Org]
    operator: Any
    nonmember: Any

    def user(self, role: str, target: str) -> Any:
        """The account playing `role` towards the organization `target`."""
        other = "beta" if target == "alpha" else "alpha"
        if role == "operator":
            return self.operator
        if role == "nonmember":
            return self.nonmember
        if role == "other_owner":
            return self.orgs[other].users["owner"]
        if role == "anonymous":
            return None
        return self.orgs[target].users[role]


def _org(slug: str, name: str) -> Org:
    organization = OrganizationFactory(slug=slug, name=name)
    campaign = CampaignFactory(
        organization=organization, slug=f"{slug}-campaign", title=f"{name} campaign"
    )
    org = Org(
        organization=organization,
        campaign=campaign,
        letter_ask=LetterAsk.objects.create(campaign=campaign, slug="write", title="Write"),
        call_ask=CallAsk.objects.create(campaign=campaign, slug="call", title="Call"),
    )
    User = get_user_model()
    for role, member_role in [
        ("owner", "owner"),
        ("editor", "editor"),
        ("viewer", "viewer"),
        ("spare", "viewer"),
    ]:
        user = User.objects.create_user(
            f"{slug}-{role}", email=f"{slug}-{role}@example.org", password="x"
        )
        Membership.objects.create(organization=organization, user=user, role=member_role)
        org.users[role] = user
    return org


@pytest.fixture
def world(db) -> World:
    User = get_user_model()
    return World(
        orgs={"alpha": _org("alpha", "Alpha Group"), "beta": _org("beta", "Beta Group")},
        operator=User.objects.create_superuser("olga", "olga@example.org", "x"),
        nonmember=User.objects.create_user("nina", email="nina@example.org", password="x"),
    )
