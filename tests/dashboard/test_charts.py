"""Daily charts: inline SVG with one bar per day, heights proportional to the counts,
and a weekly summary for long campaigns."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from beacon.dashboard.charts import LEFT, TOP, bars_for_days, daily_chart

SVG = "{http://www.w3.org/2000/svg}"
DAY = datetime.date(2026, 3, 1)


def bars_of(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]


def test_one_bar_per_day_with_heights_proportional_and_missing_days_at_zero():
    counts = [
        (DAY, 2),
        (DAY + datetime.timedelta(days=1), 4),
        (DAY + datetime.timedelta(days=3), 1),
    ]
    chart = daily_chart(counts, title="Signatures per day")
    rects = bars_of(chart.svg)
    assert len(rects) == 4 and [bar.value for bar in chart.bars] == [2, 4, 0, 1]
    heights = [float(rect.get("height")) for rect in rects]
    assert heights[1] == 2 * heights[0] == 4 * heights[3] and heights[2] == 0
    # Bars stand on the same baseline, left to right.
    bottoms = {round(float(r.get("y")) + float(r.get("height")), 2) for r in rects}
    assert len(bottoms) == 1
    xs = [float(rect.get("x")) for rect in rects]
    assert xs == sorted(xs) and xs[0] >= LEFT
    assert chart.total == 7 and not chart.is_weekly


def test_the_svg_is_an_accessible_image_with_a_title_and_description():
    chart = daily_chart([(DAY, 3)], title="Calls <per> day")
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"*[@id='{title_id}']").text == "Calls <per> day"  # Escaped in the markup.
    assert "&lt;per&gt;" in chart.svg
    assert root.find(f"*[@id='{desc_id}']").text == "1 bars; the highest is 3."
    # Every bar names its day and number for pointer users too.
    assert bars_of(chart.svg)[0].find(f"{SVG}title").text.endswith(": 3")


def test_empty_data_draws_nothing():
    chart = daily_chart([], title="Letters")
    assert chart.bars == [] and chart.svg == "" and chart.total == 0


def test_a_range_with_no_data_draws_zero_bars_of_height_zero():
    chart = daily_chart([], title="Letters", first=DAY, last=DAY + datetime.timedelta(days=2))
    rects = bars_of(chart.svg)
    assert len(rects) == 3 and {float(r.get("height")) for r in rects} == {0.0}


def test_a_single_day_fills_the_height():
    chart = daily_chart([(DAY, 5)], title="Signatures")
    [rect] = bars_of(chart.svg)
    assert float(rect.get("y")) == TOP and float(rect.get("height")) > 100


def test_a_long_campaign_is_summarised_by_week():
    counts = [(DAY + datetime.timedelta(days=i), 1) for i in range(200)]
    chart = daily_chart(counts, title="Signatures")
    assert chart.is_weekly and len(chart.bars) == 29 == len(bars_of(chart.svg))
    assert chart.total == 200  # Nothing lost in the summary.
    assert [bar.value for bar in chart.bars[:2]] == [7, 7] and chart.bars[-1].value == 4
    assert chart.bars[0].first == DAY and chart.bars[0].last == DAY + datetime.timedelta(days=6)
    assert "to" in chart.bars[0].label


def test_days_outside_the_given_range_widen_it():
    later = DAY + datetime.timedelta(days=1)
    bars, weekly = bars_for_days([(DAY, 1)], first=later, last=later)
    assert [(bar.first, bar.value) for bar in bars] == [(DAY, 1), (later, 0)] and not weekly


def test_a_count_without_a_day_is_left_out_rather_than_breaking_the_page():
    chart = daily_chart([(None, 2), (DAY, 1)], title="Letters")
    assert [(bar.first, bar.value) for bar in chart.bars] == [(DAY, 1)]
