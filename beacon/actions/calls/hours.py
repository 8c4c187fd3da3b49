"""Office hours: is an office likely open now, and when does it next open?

Hours are stored per office (Office.hours, edited in the admin) as
{"mon": [["09:00", "17:00"]], "tue": [...], ...} in the office's own time zone
(Office.time_zone, America/New_York by default). An office with no hours, or with hours
that cannot be read, keeps the usual State House hours: Monday to Friday, 9 to 5.
Holidays are not known, hence "likely open".
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TIME_ZONE = "America/New_York"
DEFAULT_HOURS: dict[str, list[list[str]]] = {day: [["09:00", "17:00"]] for day in DAYS[:5]}
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# How far ahead to look for an opening: a week covers any weekly schedule.
_HORIZON_DAYS = 8

Intervals = dict[int, list[tuple[time, time]]]


def hours_check(value) -> list[str]:
    """Problems with an hours value as organizers type it (empty list when usable)."""
    if value in (None, {}):
        return []
    if not isinstance(value, dict):
        return [_('Hours must look like {"mon": [["09:00", "17:00"]]}.')]
    problems = []
    for day, spans in value.items():
        if day not in DAYS:
            problems.append(
                _("Unknown day %(day)r: use %(days)s.") % {"day": day, "days": ", ".join(DAYS)}
            )
            continue
        if not isinstance(spans, list):
            problems.append(_("%(day)s: give a list of [open, close] pairs.") % {"day": day})
            continue
        for span in spans:
            if not (
                isinstance(span, list | tuple)
                and len(span) == 2
                and all(isinstance(t, str) and _TIME_RE.match(t) for t in span)
                and span[0] < span[1]
            ):
                problems.append(
                    _('%(day)s: %(span)r is not an ["HH:MM", "HH:MM"] pair.')
                    % {"day": day, "span": span}
                )
    return problems


def _intervals(office) -> Intervals:
    raw = getattr(office, "hours", None)
    if not raw or hours_check(raw):
        raw = DEFAULT_HOURS
    result: Intervals = {}
    for day, spans in raw.items():
        result[DAYS.index(day)] = sorted(
            (time.fromisoformat(start), time.fromisoformat(end)) for start, end in spans
        )
    return result


def office_zone(office) -> zoneinfo.ZoneInfo:
    """The office's time zone; an unknown name falls back to America/New_York."""
    name = getattr(office, "time_zone", "") or DEFAULT_TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)


def _local(day: date, at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """A wall-clock time on `day` in `zone`, normalised through UTC so that a time
    skipped by a daylight-saving change lands on the real instant after the gap."""
    naive = datetime.combine(day, at)
    return naive.replace(tzinfo=zone).astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)


def office_is_open(office, at: datetime) -> bool:
    """Whether `office` keeps hours at the aware instant `at` (its own wall clock)."""
    if at.tzinfo is None:
        raise ValueError("office_is_open needs an aware datetime")
    zone = office_zone(office)
    local = at.astimezone(zone)
    for start, end in _intervals(office).get(local.weekday(), []):
        if _local(local.date(), start, zone) <= local < _local(local.date(), end, zone):
            return True
    return False


def office_next_opening(office, after: datetime) -> datetime | None:
    """The first instant after `after` at which `office` opens, as an aware datetime in
    the office's zone; None if its hours never open (an empty schedule)."""
    if after.tzinfo is None:
        raise ValueError("office_next_opening needs an aware datetime")
    zone = office_zone(office)
    local = after.astimezone(zone)
    intervals = _intervals(office)
    for offset in range(_HORIZON_DAYS):
        day = local.date() + timedelta(days=offset)
        for start, _end in intervals.get(day.weekday(), []):
            opening = _local(day, start, zone)
            if opening > local:
                return opening
    return None
