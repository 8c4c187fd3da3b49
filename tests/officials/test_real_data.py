"""A check over the real Open States snapshot in ../shared/data (skipped without it).

The snapshot has dates: the Governor's term ends on 2027-01-02, the General Court elected
in November 2026 is sworn in on 2027-01-06 and is not in it. So every test here runs at a
fixed date: inside the snapshot's terms, and after they end.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings

from beacon.geo.models import Division
from beacon.officials.models import ContactChannel, Role, current_role_q
from beacon.officials.selectors import (
    division_list_vacant,
    official_get_governor,
    officials_data_as_of,
    seat_get_governor,
    seat_list_ending,
    seat_list_for_divisions,
)
from beacon.officials.services import officials_demo_corrections_apply

pytestmark = pytest.mark.django_db
SOURCE = settings.BEACON_DATA_DIR / "openstates" / "ma"


# Inside the snapshot's terms, and after they end with no newer data.
IN_TERM = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)
AFTER_CHANGEOVER = [
    datetime.datetime(2027, 1, 10, 12, 0, tzinfo=datetime.UTC),
    datetime.datetime(2027, 7, 1, 12, 0, tzinfo=datetime.UTC),
]
needs_data = pytest.mark.skipif(not SOURCE.exists(), reason="no shared Open States data here")


@needs_data
@time_machine.travel(IN_TERM, tick=False)
def test_real_roster_fills_every_seat_but_the_vacant_ones(import_officials):
    output = import_officials(SOURCE)

    current = Role.objects.filter(current_role_q())
    senators = current.filter(type="upper").count()
    representatives = current.filter(type="lower").count()
    vacant = list(division_list_vacant())
    # The README of the snapshot: 40 senators, 158 representatives, two House seats vacant.
    assert (senators, representatives, len(vacant)) == (40, 158, 2)
    assert {d.kind for d in vacant} == {"sldl"}
    assert "0 roles ended" in output
    # Every legislator can be reached: by email and a postal address at least. (One
    # member sworn in mid-term has no phone in the snapshot yet: a job for staff.)
    legislators = current.filter(type__in=["upper", "lower"])
    assert not legislators.exclude(official__channels__kind="email").exists()
    assert not legislators.exclude(official__channels__kind="address").exists()
    assert legislators.exclude(official__channels__kind="phone").count() <= 1
    governor = official_get_governor()
    assert governor is not None
    added = officials_demo_corrections_apply()
    assert len(added) == 5
    assert ContactChannel.objects.filter(official=governor, kind="tty").exists()
    assert "0 added, 0 updated" in import_officials(SOURCE)


@needs_data
@time_machine.travel(IN_TERM, tick=False)
def test_the_snapshot_says_how_old_it_is_and_what_ends_soon(import_officials):
    output = import_officials(SOURCE)

    # Its latest recorded change; the README says the snapshot is of 2026-08.
    as_of = officials_data_as_of()
    assert datetime.date(2026, 4, 1) <= as_of <= datetime.date(2026, 8, 31)
    assert f"Officials data as of {as_of}" in output
    # Legislators' roles carry no end date; their term runs to the next General Court.
    assert set(
        Role.objects.filter(current_role_q(), type="upper").values_list("term_end_date", flat=True)
    ) == {datetime.date(2027, 1, 6)}
    with time_machine.travel(datetime.datetime(2026, 12, 10, 12, tzinfo=datetime.UTC)):
        ending = seat_list_ending(within_days=30)
    assert {r.type for r in ending} >= {"governor", "upper", "lower"}
    assert len([r for r in ending if r.type in ("upper", "lower")]) == 198


@needs_data
@pytest.mark.parametrize("moment", AFTER_CHANGEOVER, ids=lambda m: m.date().isoformat())
def test_after_the_terms_end_every_seat_awaits_updated_data(import_officials, moment):
    with time_machine.travel(IN_TERM, tick=False):
        import_officials(SOURCE)

    with time_machine.travel(moment, tick=False):
        # Nobody is dropped silently: the Governor's office is still there, with the
        # last holder named and the day the term ended.
        assert official_get_governor() is None
        seat = seat_get_governor()
        assert seat is not None and seat.is_awaiting_data
        assert seat.last_holder.name == "Maura Healey"
        assert seat.term_ended_on == datetime.date(2027, 1, 2)
        assert ContactChannel.objects.filter(official=seat.last_holder, kind="phone").exists()
        seats = seat_list_for_divisions(
            Division.objects.filter(kind__in=["sldu", "sldl"]).order_by("pk")
        )
        awaiting = [s for s in seats if s.is_awaiting_data]
        # 198 seats held when the data was taken, each awaiting; the two seats vacant
        # in the snapshot stay vacant.
        assert (len(awaiting), len([s for s in seats if s.is_vacant])) == (198, 2)
        assert {s.term_ended_on for s in awaiting} == {datetime.date(2027, 1, 6)}
