"""Daily charts for results pages: inline SVG drawn on the server, readable without
JavaScript, with the same numbers in a table for screen readers
(templates/dashboard/_daily_chart.html).

One bar per calendar day of the campaign's time zone; a campaign longer than
`MAX_DAILY_BARS` days is drawn one bar per week (starting on its first day) so that
bars stay wide enough to see, and the table then lists weeks too.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MAX_DAILY_BARS = 92  # About three months; past that, weeks.
WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 16, 32  # Room for the axis labels.
FONT_SIZE = 18  # In viewBox units: about 11 px on a phone, where the chart is 390 px wide.


@dataclass(frozen=True)
class Bar:
    """One bar: the days it covers (`first` to `last`, inclusive) and their total."""

    first: datetime.date
    last: datetime.date
    value: int

    @property
    def label(self) -> str:
        if self.first == self.last:
            return date_format(self.first, "DATE_FORMAT")
        return _("%(first)s to %(last)s") % {
            "first": date_format(self.first, "DATE_FORMAT"),
            "last": date_format(self.last, "DATE_FORMAT"),
        }


@dataclass(frozen=True)
class DailyChart:
    """What a template needs: the SVG, the bars for the data table, whether bars are
    weeks, and the chart's title."""

    title: str
    bars: list[Bar]
    svg: SafeString
    is_weekly: bool

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def campaign_day_range(
    campaign: Any, acted: Iterable[datetime.date | None]
) -> tuple[datetime.date | None, datetime.date | None]:
    """The days a campaign's chart spans, in its time zone: from its publication (or its
    first act) to today while it runs, or to its close (or its last act) once over.
    `acted` are the days with acts, in order."""
    days = sorted(day for day in acted if day is not None)
    tz = campaign.tz
    start = timezone.localtime(campaign.published_at, tz).date() if campaign.published_at else None
    ended = campaign.won_at or campaign.closed_at
    end = timezone.localtime(ended or timezone.now(), tz).date()
    if days:
        start = min(start or days[0], days[0])
        end = max(end, days[-1])
    if start is None or start > end:
        return (days[0], days[-1]) if days else (None, None)
    return start, end


def bars_for_days(
    counts: Iterable[tuple[datetime.date | None, int]],
    *,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
    max_daily_bars: int = MAX_DAILY_BARS,
) -> tuple[list[Bar], bool]:
    """Bars from (day, count) pairs: every day from `first` (default the earliest day
    with data) to `last` (default the latest), zero where nothing happened; grouped into
    weeks from `first` when there are more than `max_daily_bars` days. Returns (bars,
    whether they are weeks). Days outside first..last widen the range rather than being
    dropped, so no count is ever lost."""
    by_day: dict[datetime.date, int] = {}
    for day, n in counts:
        if day is not None:  # An act with no date (none is expected) cannot be drawn.
            by_day[day] = by_day.get(day, 0) + int(n)
    if not by_day and (first is None or last is None):
        return [], False
    days = sorted(by_day)
    start = min([d for d in (first, days[0] if days else None) if d is not None])
    end = max([d for d in (last, days[-1] if days else None) if d is not None])
    length = (end - start).days + 1
    step = 7 if length > max_daily_bars else 1
    bars = []
    for offset in range(0, length, step):
        bar_first = start + datetime.timedelta(days=offset)
        bar_last = min(bar_first + datetime.timedelta(days=step - 1), end)
        value = sum(
            by_day.get(bar_first + datetime.timedelta(days=i), 0)
            for i in range((bar_last - bar_first).days + 1)
        )
        bars.append(Bar(bar_first, bar_last, value))
    return bars, step == 7


def daily_chart(
    counts: Iterable[tuple[datetime.date | None, int]],
    *,
    title: str,
    first: datetime.date | None = None,
    last: datetime.date | None = None,
) -> DailyChart:
    """A chart of (day, count) pairs (days already in the campaign's time zone); see
    `bars_for_days` for the range and the weekly summary."""
    bars, weekly = bars_for_days(counts, first=first, last=last)
    return DailyChart(title=title, bars=bars, svg=_svg(bars, title=title), is_weekly=weekly)


def _svg(bars: list[Bar], *, title: str) -> SafeString:
    if not bars:
        return mark_safe("")
    top = max(bar.value for bar in bars) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(bars)
    gap = min(2.0, slot * 0.2)
    parts = []
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / top
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="currentColor">'
                "<title>{}: {}</title></rect>",
                _num(LEFT + i * slot + gap / 2),
                _num(TOP + plot_h - h),
                _num(slot - gap),
                _num(h),
                bar.label,
                bar.value,
            )
        )
    baseline = TOP + plot_h
    summary = _("%(count)s bars; the highest is %(top)s.") % {"count": len(bars), "top": top}
    axis = format_html(
        '<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="currentColor"/>'
        '<text x="{tx}" y="{ty}" text-anchor="end" font-size="{fs}">{top}</text>'
        '<text x="{tx}" y="{y}" text-anchor="end" font-size="{fs}">0</text>'
        '<text x="{left}" y="{ly}" font-size="{fs}">{first}</text>'
        '<text x="{right}" y="{ly}" text-anchor="end" font-size="{fs}">{last}</text>',
        left=LEFT,
        right=WIDTH - RIGHT,
        y=_num(baseline),
        tx=LEFT - 4,
        ty=TOP + 12,
        top=top,
        ly=HEIGHT - 8,
        first=date_format(bars[0].first, "SHORT_DATE_FORMAT"),
        last=date_format(bars[-1].last, "SHORT_DATE_FORMAT"),
        fs=FONT_SIZE,
    )
    return format_html(
        '<svg class="daily-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{} {}" width="100%" style="max-width: 48rem; height: auto">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}{}</svg>',
        WIDTH,
        HEIGHT,
        _chart_id(title, "t"),
        _chart_id(title, "d"),
        _chart_id(title, "t"),
        title,
        _chart_id(title, "d"),
        summary,
        axis,
        mark_safe("".join(parts)),  # Each part built by format_html, so escaped.
    )


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _chart_id(title: str, suffix: str) -> str:
    # Stable, HTML-safe ids per chart title, so two charts on one page never share one.
    return f"chart-{zlib.crc32(title.encode())}-{suffix}"
