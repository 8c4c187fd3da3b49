"""Data migrations of the actions app keep supporters' rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("actions", "0003_calls"), ("campaigns", "0005_call_script_targets")]
AFTER = [("actions", "0004_letter_self_reported")]


def test_letters_sent_from_the_supporters_own_email_become_self_reported():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    campaign = old.get_model("campaigns", "Campaign").objects.create(
        organization=old.get_model("campaigns", "Organization").objects.create(
            name="Org", slug="org"
        ),
        slug="c",
        title="C",
    )
    action = old.get_model("campaigns", "LetterAction").objects.create(
        campaign=campaign, title="Write"
    )
    Letter = old.get_model("actions", "Letter")
    for n, status in enumerate(["self_sent", "confirmed", "pending"]):
        Letter.objects.create(
            action=action,
            first_name="Ana",
            email=f"ana{n}@example.org",
            share_code=f"s{n}",
            status=status,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("actions", "Letter")
    assert sorted(new.objects.values_list("email", "status")) == [
        ("ana0@example.org", "self_reported"),
        ("ana1@example.org", "confirmed"),
        ("ana2@example.org", "pending"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
