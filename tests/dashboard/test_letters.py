"""Organizers' letter results: counts by official, district and delivery status; CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from beacon.actions.letters.services import Supporter, letter_submit
from beacon.campaigns.models import Membership
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import (
    WEST_BARNSTABLE,
    YARMOUTH,
    confirm_by_email,
    divisions_at,
)
from tests.campaigns.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def organizer(ask, role, name="org"):
    user = get_user_model().objects.create_user(username=f"{name}-{role}", password="x")
    Membership.objects.create(organization=ask.campaign.organization, user=user, role=role)
    return user


@pytest.fixture
def written(letters, smtp_server):
    """Two confirmed letters from West Barnstable, one from Yarmouth (Carla: no email, held),
    one pending, and one self-reported ("from my own email"); the
    representative's server refuses one letter for good."""
    smtp_server.handler.responder = lambda env: (
        "550 5.1.1 No such user"
        if "ana1@" in env.content.decode() and env.rcpt_tos[0].startswith("ben")
        else None
    )
    for n, point in enumerate([WEST_BARNSTABLE, WEST_BARNSTABLE, YARMOUTH]):
        result = letter_submit(
            ask=letters.ask,
            divisions=divisions_at(point),
            supporter=Supporter(
                first_name=f"Ana{n}",
                last_name="Souza",
                email=f"ana{n}@example.org",
                street="=HYPERLINK(1)",
                town="Barnstable",
            ),
        )
        confirm_by_email(result.letter)
    letter_submit(
        ask=letters.ask,
        divisions=divisions_at(YARMOUTH),
        supporter=Supporter(first_name="Pat", last_name="Pending", email="pat@example.org"),
    )
    letter_submit(
        ask=letters.ask,
        divisions=divisions_at(WEST_BARNSTABLE),
        supporter=Supporter(first_name="Sam", last_name="Self", email="sam@example.org"),
        mailto=True,
    )
    return letters


def test_results_by_official_district_and_delivery_status(client, written):
    client.force_login(organizer(written.ask, Membership.Role.VIEWER))
    page = client.get(f"/dashboard/letters/{written.ask.pk}/")
    assert page.status_code == 200
    assert "Officials data as of" in page.content.decode()
    results = page.context["results"]
    assert results.letter_count == 3 and results.letters_by_status["pending"] == 1
    # The self-reported letter is counted apart, never as delivered.
    assert results.self_reported_count == 1
    assert "1 letter reported sent by the supporter from their own email" in page.text
    assert "3 letters confirmed." in page.text
    assert dict(results.by_official) == {
        "Senator Rosa Senator": 3,
        "Representative Ben Representative": 2,
        "Representative Carla Outgoing": 1,
    }
    assert dict(results.by_district) == {
        "Cape and Islands": 3,
        "1st Barnstable": 2,
        "2nd Barnstable": 1,
    }
    assert results.by_delivery == {"sent": 4, "failed": 1, "held": 1}
    assert "Representative Ben Representative" in page.text and "Failed" in page.text
    assert [bar.value for bar in results.chart.bars][-1] == 3 and 'role="img"' in page.text
    # Constituents per district from the same selector as petitions and calls.
    house = {(r.district, r.legislator): r.count for r in results.constituents.house}
    assert house == {
        ("1st Barnstable", "Ben Representative"): 2,
        ("2nd Barnstable", "Carla Outgoing"): 1,
    }
    assert [(r.district, r.count) for r in results.constituents.senate] == [("Cape and Islands", 3)]
    assert "Constituents by district and legislator" in page.text


def test_viewers_export_without_contacts_and_editors_with(client, written):
    client.force_login(organizer(written.ask, Membership.Role.VIEWER))
    response = client.get(f"/dashboard/letters/{written.ask.pk}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 10  # Five letters (one pending, one self-reported), two recipients each.
    assert "email" not in rows[0] and "street" not in rows[0]
    assert all("@" not in value for row in rows for value in row.values())
    pending = [row for row in rows if row["letter_status"] == "pending"]
    assert {row["delivery_status"] for row in pending} == {"pending"}
    reported = [row for row in rows if row["letter_status"] == "self_reported"]
    assert len(reported) == 2 and {row["delivery_status"] for row in reported} == {"self_reported"}

    client.force_login(organizer(written.ask, Membership.Role.EDITOR))
    response = client.get(f"/dashboard/letters/{written.ask.pk}/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["email"] for row in rows} >= {"ana0@example.org", "pat@example.org"}
    # A value that a spreadsheet would run as a formula is defused.
    assert rows[0]["street"] == "'=HYPERLINK(1)"


def test_other_organizations_and_anonymous_visitors_see_nothing(client, written):
    url = f"/dashboard/letters/{written.ask.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    stranger = get_user_model().objects.create_user(username="stranger", password="x")
    Membership.objects.create(organization=OrganizationFactory(), user=stranger)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(url + "export.csv").status_code == 404
    assert written.ask.title not in client.get("/dashboard/").text


def test_the_home_page_counts_confirmed_letters_and_self_reported_ones_apart(client, written):
    client.force_login(organizer(written.ask, Membership.Role.VIEWER))
    page = client.get("/dashboard/")
    [ask] = page.context["asks"]
    assert (ask.letter_count, ask.self_reported_count) == (3, 1)
    assert "Self-reported (unconfirmed)" in page.text


def test_the_results_page_runs_a_fixed_number_of_queries(
    client, written, django_assert_max_num_queries
):
    client.force_login(organizer(written.ask, Membership.Role.OWNER))
    # The daily chart and the constituents per district add a fixed eight, the organizer
    # gate's role lookup one.
    with django_assert_max_num_queries(23):
        assert client.get(f"/dashboard/letters/{written.ask.pk}/").status_code == 200
