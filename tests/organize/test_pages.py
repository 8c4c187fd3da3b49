"""Workspace list pages: a constant number of queries, however many rows they list."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beacon.campaigns.models import Membership
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", ["/organize/", "/organize/alpha/", "/organize/alpha/members/"])
def test_list_pages_do_not_query_per_row(client, world, path):
    org = world.orgs["alpha"]
    client.force_login(org.users["owner"])
    before = _queries(client, path)
    for n in range(4):
        CampaignFactory(organization=org.organization)
        user = get_user_model().objects.create_user(f"extra-{n}", password="x")
        Membership.objects.create(organization=org.organization, user=user, role="viewer")
    assert _queries(client, path) == before


def test_members_are_listed_owners_first(client, world):
    org = world.orgs["alpha"]
    client.force_login(org.users["viewer"])
    page = client.get("/organize/alpha/members/").text
    owner, editor, viewer = (
        page.index(org.users[r].username) for r in ("owner", "editor", "viewer")
    )
    assert owner < editor < viewer
