"""/privacy/ shows the retention schedule from settings, so it says what the code does."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import translation

from beacon.people.retention import retention_schedule

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", row).split())) for row in rows]


def test_the_page_lists_every_class_of_the_schedule_with_its_period(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    rows = _rows(response.text)
    schedule = retention_schedule()
    assert len(rows) == len(schedule)
    with translation.override("en"):
        for row, item in zip(rows, schedule, strict=True):
            assert row.startswith(str(item.label))
            assert f"{item.days} day" in row and str(item.counted_from) in row
            assert row.endswith(str(item.fate.label))
    assert any(
        row.startswith("Unconfirmed signatures and letters")
        and "30 days after the day you sent the form" in row
        and row.endswith("Deleted")
        for row in rows
    )
    assert any(row.startswith("Audit log entries") and "365 days" in row for row in rows)


def test_a_changed_period_shows_at_once(client, settings):
    settings.BEACON_RETENTION = {**settings.BEACON_RETENTION, "pending": 14, "phone_hashes": 1}
    rows = _rows(client.get("/privacy/").text)
    assert any("14 days after the day you sent the form" in row for row in rows)
    assert any("1 day after the request" in row for row in rows)
