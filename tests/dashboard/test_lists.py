"""Organizers add districts and legislators to a members' list; the upload is not kept."""

from __future__ import annotations

import csv
import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from beacon.campaigns.models import Membership
from tests.campaigns.factories import OrganizationFactory
from tests.officials.conftest import (  # noqa: F401 - fixtures.
    YARMOUTH,
    cape,
    cape_map,
    import_officials,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cape")]
URL = "/dashboard/lists/districts/"


@pytest.fixture
def organizer(db):
    user = get_user_model().objects.create_user(username="ana", password="x")
    Membership.objects.create(
        organization=OrganizationFactory(), user=user, role=Membership.Role.VIEWER
    )
    return user


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_an_organizer_gets_the_list_back_with_districts(client, organizer, settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Every upload goes to a temporary file.
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    client.force_login(organizer)
    members = SimpleUploadedFile(
        "members.csv",
        b"name,street,city,zip\nAna,,Yarmouth,02664\n=cmd(),,Nowhere,\n",
        content_type="text/csv",
    )

    response = client.post(URL, {"members": members, "kind": "addresses"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    rows = _csv(response)
    assert [r["name"] for r in rows] == ["Ana", "'=cmd()"]  # a formula is defused
    assert rows[0]["state_representative"] == "Carla Outgoing"
    assert rows[0]["precision"] == "town"
    assert rows[1]["error"] == "not_found"
    assert os.listdir(uploads) == []  # the upload is gone


def test_points_lists_too(client, organizer):
    client.force_login(organizer)
    members = SimpleUploadedFile("p.csv", f"lat,lon\n{YARMOUTH[0]},{YARMOUTH[1]}\n".encode())
    rows = _csv(client.post(URL, {"members": members, "kind": "points"}))
    assert rows[0]["state_house_district"] == "2nd Barnstable"


def test_only_organizers_may_use_it(client):
    assert client.get(URL).status_code == 302  # to the login page
    stranger = get_user_model().objects.create_user(username="x", password="x")
    client.force_login(stranger)
    assert client.get(URL).status_code == 404


def test_the_form_says_what_is_kept(client, organizer):
    client.force_login(organizer)
    html = client.get(URL).content.decode()
    assert "the file is deleted as soon as the answer is ready" in html
    assert client.post(URL, {"kind": "addresses"}).status_code == 422
