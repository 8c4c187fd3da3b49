"""Office hours in the office's own time zone: open, closed, next opening, across days,
weekends, a daylight-saving change and another time zone; frozen with time-machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from beacon.actions.calls.hours import hours_check, office_is_open, office_next_opening

BOSTON = ZoneInfo("America/New_York")


@dataclass
class FakeOffice:
    """Just the two fields hours read (an unsaved Office works the same way)."""

    hours: dict | None = None
    time_zone: str = "America/New_York"


def boston(*args) -> datetime:
    return datetime(*args, tzinfo=BOSTON)


@pytest.mark.parametrize(
    ("at", "is_open"),
    [
        (boston(2026, 7, 29, 8, 59), False),  # Wednesday before nine
        (boston(2026, 7, 29, 9, 0), True),  # opening minute
        (boston(2026, 7, 29, 16, 59), True),
        (boston(2026, 7, 29, 17, 0), False),  # closing is exclusive
        (boston(2026, 8, 1, 11, 0), False),  # Saturday
        (boston(2026, 8, 2, 11, 0), False),  # Sunday
    ],
)
def test_default_hours_are_weekdays_nine_to_five_in_boston(at, is_open):
    assert office_is_open(FakeOffice(), at) is is_open


def test_the_same_instant_read_from_utc_uses_the_office_clock():
    # 13:30 UTC on a July Wednesday is 9:30 in Boston (EDT, UTC-4).
    at = datetime(2026, 7, 29, 13, 30, tzinfo=UTC)
    assert office_is_open(FakeOffice(), at)
    assert not office_is_open(FakeOffice(time_zone="America/Los_Angeles"), at)  # 6:30 there


@time_machine.travel(datetime(2026, 7, 31, 21, 30, tzinfo=UTC), tick=False)  # Fri 17:30 EDT
def test_after_friday_closing_the_next_opening_is_monday_morning():
    office = FakeOffice()
    now = timezone.now()
    assert not office_is_open(office, now)
    opening = office_next_opening(office, now)
    assert opening == boston(2026, 8, 3, 9, 0)
    assert opening.utcoffset().total_seconds() == -4 * 3600


@time_machine.travel(datetime(2026, 7, 29, 12, 0, tzinfo=UTC), tick=False)  # Wed 8:00 EDT
def test_before_opening_the_next_opening_is_the_same_morning():
    assert office_next_opening(FakeOffice(), timezone.now()) == boston(2026, 7, 29, 9, 0)


def test_while_open_the_next_opening_is_the_following_day():
    assert office_next_opening(FakeOffice(), boston(2026, 7, 29, 10, 0)) == boston(2026, 7, 30, 9)


def test_across_the_november_clock_change_nine_stays_nine_local():
    # Friday 30 October 2026 is EDT; Monday 2 November 2026 is EST (change on 1 November).
    opening = office_next_opening(FakeOffice(), boston(2026, 10, 30, 18, 0))
    assert opening.astimezone(UTC) == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert (opening.hour, opening.minute) == (9, 0)


def test_across_the_march_clock_change_a_skipped_time_lands_after_the_gap():
    # 8 March 2026: 2:00 jumps to 3:00 in Boston. An office opening at 2:30 on Sundays
    # opens at the first real instant, 3:30 EDT (07:30 UTC).
    office = FakeOffice(hours={"sun": [["02:30", "04:00"]]})
    opening = office_next_opening(office, boston(2026, 3, 7, 12, 0))
    assert opening.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert office_is_open(office, datetime(2026, 3, 8, 7, 45, tzinfo=UTC))


def test_stored_hours_replace_the_default_and_allow_split_days():
    office = FakeOffice(
        hours={"mon": [["09:00", "12:00"], ["13:00", "17:00"]], "sat": [["10:00", "12:00"]]}
    )
    assert not office_is_open(office, boston(2026, 8, 3, 12, 30))  # lunch
    assert office_next_opening(office, boston(2026, 8, 3, 12, 30)) == boston(2026, 8, 3, 13)
    assert office_is_open(office, boston(2026, 8, 8, 11, 0))  # Saturday
    assert not office_is_open(office, boston(2026, 8, 4, 10, 0))  # Tuesday: not listed
    assert office_next_opening(office, boston(2026, 8, 4, 10, 0)) == boston(2026, 8, 8, 10)


def test_unreadable_hours_or_zone_fall_back_to_the_defaults():
    assert hours_check({"monday": [["9", "5"]]})
    assert hours_check({"mon": [["17:00", "09:00"]]})
    assert hours_check("9 to 5")
    assert hours_check({"mon": [["09:00", "17:00"]]}) == []
    broken = FakeOffice(hours={"monday": "all day"}, time_zone="Mars/Olympus")
    assert office_is_open(broken, boston(2026, 7, 29, 10, 0))
    assert not office_is_open(broken, boston(2026, 8, 1, 10, 0))


def test_an_empty_schedule_never_opens_and_naive_times_are_refused():
    never = FakeOffice(hours={"mon": []})
    assert office_next_opening(never, boston(2026, 7, 29, 10, 0)) is None
    with pytest.raises(ValueError):
        office_is_open(FakeOffice(), datetime(2026, 7, 29, 10, 0))
