"""The fixture officials as a snapshot taken in August 2026, for tests that play the
January 2027 changeover (tests/actions/test_letters_changeover.py, the e2e journey).

Import with `from tests.actions.changeover_fixtures import *`.
"""

from __future__ import annotations

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from beacon.campaigns.models import LetterAsk, LetterTarget, LetterTemplate
from tests.campaigns.factories import CampaignFactory
from tests.officials.conftest import (
    FIXTURES,
    cape_map,  # noqa: F401 - fixture
)

__all__ = [
    "AFTER",
    "BEFORE",
    "REFRESHED",
    "ask",
    "at",
    "cape_map",
    "new_legislature",
    "officials_import_run",
    "tree",
]


def at(year, month, day):
    return time_machine.travel(
        datetime.datetime(year, month, day, 15, tzinfo=datetime.UTC), tick=False
    )


BEFORE = (2026, 10, 1)  # inside the terms of the data
AFTER = (2027, 1, 10)  # the Governor's term and the General Court's have ended
REFRESHED = (2027, 1, 20)  # fresh data has arrived

NEWCOMER = """id: ocd-person/99999999-9999-4999-8999-999999999999
name: Nora Newcomer
given_name: Nora
family_name: Newcomer
email: nora.newcomer@mahouse.example
party:
- name: Democratic
roles:
- start_date: 2027-01-06
  type: lower
  jurisdiction: ocd-jurisdiction/country:us/state:ma/government
  district: 1st Barnstable
offices:
- classification: capitol
  address: State House, Room 55; Boston, MA 02133
  voice: 617-722-5555
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new))


def officials_import_run(tree: Path, *extra: str) -> str:
    out = StringIO()
    call_command("import_officials", str(tree), "--no-photos", *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def tree(tmp_path) -> Path:
    """The fixture tree as a snapshot of August 2026: the Governor's term ends on
    2027-01-02, legislators have no end date (their term runs to 2027-01-06)."""
    target = tmp_path / "openstates" / "ma"
    shutil.copytree(FIXTURES / "ma", target)
    grace = next((target / "executive").glob("Grace-*.yml"))
    _edit(grace, "end_date: '2099-01-02'", "end_date: '2027-01-02'")
    for person in ("Ben", "Carla", "Rosa"):
        path = next((target / "legislature").glob(f"{person}-*.yml"))
        _edit(path, "sources:", "email: " + person.lower() + "@malegislature.example\nsources:")
    return target


def new_legislature(tree: Path) -> None:
    """The snapshot after the election: Rosa re-elected (her role runs on), Ben not
    returned and Nora Newcomer in his seat, Carla's seat left vacant, a new Governor."""
    for person in ("Ben", "Carla"):
        path = next((tree / "legislature").glob(f"{person}-*.yml"))
        text = path.read_text()
        # Their current role (the last one listed) ends at the changeover.
        head, sep, last = text.rpartition("- start_date:")
        last = last.replace("  type: lower", "  end_date: 2027-01-06\n  type: lower", 1)
        (tree / "retired" / path.name).write_text(head + sep + last)
        path.unlink()
    (tree / "legislature" / "Nora-Newcomer-99999999.yml").write_text(NEWCOMER)
    grace = next((tree / "executive").glob("Grace-*.yml"))
    (tree / "retired" / grace.name).write_text(grace.read_text())
    grace.unlink()
    (tree / "executive" / "Hana-Successor-aaaaaaaa.yml").write_text(
        NEWCOMER.replace(
            "99999999-9999-4999-8999-999999999999", "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
        )
        .replace("Nora Newcomer", "Hana Successor")
        .replace("given_name: Nora", "given_name: Hana")
        .replace("family_name: Newcomer", "family_name: Successor")
        .replace("nora.newcomer@mahouse.example", "governor@mass.example")
        .replace(
            "start_date: 2027-01-06\n  type: lower", "start_date: 2027-01-07\n  type: governor"
        )
        .replace("  district: 1st Barnstable\n", "")
    )


@pytest.fixture
def ask(cape_map, tree, settings):  # noqa: F811 - fixture
    settings.BEACON_GEOCODER = "town"
    with at(*BEFORE):
        officials_import_run(tree, "--as-of", "2026-08-01")
        campaign = CampaignFactory(slug="safe-communities", deadline=None)
        ask = LetterAsk.objects.create(
            campaign=campaign,
            slug="write",
            title="Write",
            editing=LetterAsk.Editing.PERSONAL,
            delivery=LetterAsk.Delivery.INDIVIDUAL,
        )
        for position, kind in enumerate(
            [LetterTarget.Kind.MY_SENATOR, LetterTarget.Kind.MY_REPRESENTATIVE, "governor"]
        ):
            LetterTarget.objects.create(ask=ask, kind=kind, position=position)
        LetterTemplate.objects.create(
            ask=ask,
            audience=LetterTemplate.Audience.ALL,
            subjects="Please act",
            body="Dear {official_title} {official_last_name},\n\nPlease act.\n\n{first_name}",
        )
    return ask
