"""When a term of office ends, for roles the source lists without an end date.

Open States gives current legislators no end date: they hold the seat "until further
notice". But every seat of the General Court is up for election every two years, and the
new General Court is sworn in on the first Wednesday of January of the odd-numbered year
(2027-01-06, 2029-01-03, ...). A snapshot taken before that day cannot know
who holds the seat after it. So the importer stores, for each such role, the day the term
current on the data's "as of" date ends; past that day the seat is "awaiting updated data"
until a newer snapshot is imported (docs/officials.md, "After an election").
"""

from __future__ import annotations

import datetime

# Role types whose terms follow the legislature's calendar.
LEGISLATIVE_TYPES = frozenset({"upper", "lower"})


def _first_wednesday_of_january(year: int) -> datetime.date:
    first = datetime.date(year, 1, 1)
    return first + datetime.timedelta(days=(2 - first.weekday()) % 7)


def legislature_term_end(*, current_on: datetime.date) -> datetime.date:
    """The first day of the next General Court after `current_on`: the day a term that
    was current on `current_on` ends (the first Wednesday of January of an odd year)."""
    year = current_on.year if current_on.year % 2 == 1 else current_on.year + 1
    start = _first_wednesday_of_january(year)
    if start <= current_on:
        start = _first_wednesday_of_january(year + 2)
    return start


def term_end_for(
    *, role_type: str, end_date: datetime.date | None, as_of: datetime.date
) -> datetime.date | None:
    """The `Role.term_end_date` to store for a role current in data as of `as_of`: the
    legislature's next changeover for a legislative role without an end date, else None
    (the role's own end date, if any, already says when it ends)."""
    if end_date is not None or role_type not in LEGISLATIVE_TYPES:
        return None
    return legislature_term_end(current_on=as_of)
