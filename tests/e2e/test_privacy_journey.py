"""Rosa reads how long Beacon keeps what she gives it, on a phone, with and without
JavaScript, with an axe check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "nojs"])
def test_rosa_reads_how_long_her_data_is_kept(new_page, axe_check, java_script_enabled):
    page = new_page(viewport=PHONE, java_script_enabled=java_script_enabled)
    page.goto("/")
    page.get_by_role("link", name="How we handle your data").click()
    expect(page.get_by_role("heading", name="How long we keep it")).to_be_visible()
    schedule = page.get_by_role("region", name="How long we keep it")
    expect(schedule.get_by_role("rowheader", name="Street addresses on letters")).to_be_visible()
    row = schedule.get_by_role("row").filter(has_text="Unconfirmed signatures and letters")
    expect(row).to_contain_text("30 days after the day you sent the form")
    expect(row.get_by_role("cell", name="Deleted")).to_be_visible()
    axe_check(page)
