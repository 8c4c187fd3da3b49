"""Organizers' call results: by official, outcome, district and day; CSV; access."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from beacon.actions.calls.selectors import Caller, call_sheets_for
from beacon.actions.calls.services import call_outcome_record
from beacon.campaigns.models import Membership
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import WEST_BARNSTABLE, YARMOUTH
from tests.campaigns.factories import OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]


def organizer(organization, role, name="org"):
    user = get_user_model().objects.create_user(username=f"{name}-{role}", password="x")
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def record(ask, point, *outcomes, first_name="Ana", at):
    from beacon.geo.services import location_resolve

    divisions = location_resolve(lat=point[0], lon=point[1]).divisions
    with time_machine.travel(at, tick=False):
        sheets = call_sheets_for(ask, divisions=divisions, caller=Caller(first_name), at=at)
        for sheet, value in zip(sheets, outcomes, strict=False):
            call_outcome_record(
                ask=ask, sheet=sheet, outcome=value, first_name=first_name, town="Barnstable"
            )


@pytest.fixture
def called(calls):
    # 23:30 in Boston on 28 July is already 29 July in UTC: days follow the campaign.
    late = datetime(2026, 7, 29, 3, 30, tzinfo=UTC)
    day2 = datetime(2026, 7, 30, 15, 0, tzinfo=UTC)
    record(calls.ask, WEST_BARNSTABLE, "talked_to_staff", "busy", at=late)
    record(calls.ask, YARMOUTH, "left_voicemail", "skipped", first_name="=cmd()", at=day2)
    record(calls.ask, YARMOUTH, "no_answer", "talked_to_staff", at=day2)
    return calls


def test_results_by_official_outcome_district_and_day(
    client, called, django_assert_max_num_queries
):
    client.force_login(organizer(called.ask.campaign.organization, Membership.Role.VIEWER))
    # The daily chart and constituents per district add a fixed four.
    with (
        django_assert_max_num_queries(16),
        time_machine.travel(datetime(2026, 7, 31, 16, 0, tzinfo=UTC), tick=False),
    ):
        page = client.get(f"/dashboard/calls/{called.ask.pk}/")
    assert page.status_code == 200
    assert "Officials data as of" in page.content.decode()
    results = page.context["results"]
    assert results.counted == 3 and results.attempts == 6
    assert dict(results.by_outcome) == {
        "Talked to staff": 2,
        "Left a voicemail": 1,
        "Busy": 1,
        "No answer": 1,
        "Skipped": 1,
    }
    assert results.by_official == [
        ("Senator Rosa Senator", 2, 3),
        ("Representative Carla Outgoing", 1, 2),
        ("Representative Ben Representative", 0, 1),
    ]
    assert ("2nd Barnstable", 1, 2) in results.by_district
    assert ("Cape and Islands", 2, 3) in results.by_district
    days = [(day.isoformat(), c, n) for day, c, n in results.by_day]
    assert days == [("2026-07-28", 1, 2), ("2026-07-30", 2, 4)]
    # One bar per day of the campaign (its time zone), zero on the 29th.
    bars = [(bar.first.isoformat(), bar.value) for bar in results.chart.bars]
    assert bars == [("2026-07-28", 1), ("2026-07-29", 0), ("2026-07-30", 2), ("2026-07-31", 0)]
    senate = [(r.district, r.count) for r in results.constituents.senate]
    assert senate == [("Cape and Islands", 2)]
    assert [(r.district, r.count) for r in results.constituents.house] == [("2nd Barnstable", 1)]
    assert "3 calls reached an office" in page.text
    index = client.get("/dashboard/calls/")
    assert called.ask.title in index.text


def test_csv_export_names_only_for_editors_and_quotes_formulas(client, called):
    viewer = organizer(called.ask.campaign.organization, Membership.Role.VIEWER)
    client.force_login(viewer)
    response = client.get(f"/dashboard/calls/{called.ask.pk}/export.csv")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Time", "Called", "District", "Office", "Outcome", "Counted", "How"]
    assert len(rows) == 7 and rows[1][1] == "Senator Rosa Senator" and rows[1][5] == "yes"
    assert rows[1][0].startswith("2026-07-28T23:30:00-04:00")
    client.force_login(organizer(called.ask.campaign.organization, Membership.Role.EDITOR))
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(f"/dashboard/calls/{called.ask.pk}/export.csv").streaming_content
                ).decode()
            )
        )
    )
    assert rows[0][-2:] == ["First name", "Town"]
    assert "'=cmd()" in [row[7] for row in rows[1:]]


def test_other_organizations_and_visitors_see_nothing(client, called):
    url = f"/dashboard/calls/{called.ask.pk}/"
    assert client.get(url).status_code == 302  # login first
    client.force_login(organizer(OrganizationFactory(), Membership.Role.OWNER, name="other"))
    assert client.get(url).status_code == 404
    assert client.get(url + "export.csv").status_code == 404
    assert called.ask.title not in client.get("/dashboard/calls/").text
