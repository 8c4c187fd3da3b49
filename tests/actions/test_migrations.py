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
    ask = old.get_model("campaigns", "LetterAction").objects.create(
        campaign=campaign, title="Write"
    )
    Letter = old.get_model("actions", "Letter")
    for n, status in enumerate(["self_sent", "confirmed", "pending"]):
        Letter.objects.create(
            action=ask,
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


def test_renaming_actions_to_asks_keeps_every_ask_letter_and_call():
    before = [
        ("actions", "0006_letterrecipient_seat_type"),
        ("campaigns", "0007_bill_to_officials"),
    ]
    after = [("actions", "0007_rename_action_to_ask")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    campaign = old.get_model("campaigns", "Campaign").objects.create(
        organization=old.get_model("campaigns", "Organization").objects.create(
            name="Org", slug="org"
        ),
        slug="c",
        title="C",
    )
    write = old.get_model("campaigns", "LetterAction").objects.create(
        campaign=campaign, title="Write"
    )
    call = old.get_model("campaigns", "CallAction").objects.create(campaign=campaign, title="Call")
    old.get_model("campaigns", "LetterTemplate").objects.create(action=write, body="Dear {x}")
    old.get_model("actions", "Letter").objects.create(
        action=write, first_name="Ana", email="ana@example.org", share_code="s1"
    )
    old.get_model("actions", "Call").objects.create(action=call, outcome="talked")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    letter = new.get_model("actions", "Letter").objects.get()
    assert letter.ask.title == "Write"
    assert new.get_model("actions", "Call").objects.get().ask.title == "Call"
    assert new.get_model("campaigns", "LetterTemplate").objects.get().ask_id == letter.ask_id
    assert list(new.get_model("campaigns", "LetterAsk").objects.values_list("slug", flat=True)) == [
        "write"
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_organizers_keep_their_permissions_and_bills_survive_a_rollback():
    """An organizer's permission on letter actions is theirs on letter asks after the
    rename; bills keep their cosponsors and asks, under officials, and rolling campaigns
    back to 0006 puts the table back where the old code reads it."""
    before = [
        ("actions", "0006_letterrecipient_seat_type"),
        ("campaigns", "0006_remove_requires_confirmation"),
        ("officials", "0002_term_end_and_data_as_of"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    # Auth and content types are not migrated here: their current models are the right ones.
    from django.contrib.auth.models import Permission, User
    from django.contrib.contenttypes.models import ContentType

    kind, _ = ContentType.objects.get_or_create(app_label="campaigns", model="letteraction")
    permission, _ = Permission.objects.get_or_create(
        content_type=kind,
        codename="change_letteraction",
        defaults={"name": "Can change letter action"},
    )
    user = User.objects.create(username="organizer")
    user.user_permissions.add(permission)
    campaign = old.get_model("campaigns", "Campaign").objects.create(
        organization=old.get_model("campaigns", "Organization").objects.create(
            name="Org", slug="org"
        ),
        slug="c",
        title="C",
    )
    official = old.get_model("officials", "Official").objects.create(name="Rosa Senator")
    bill = old.get_model("campaigns", "Bill").objects.create(
        number="S.1", title="Safe Communities Act", session="194th"
    )
    bill.cosponsors.add(official)
    ask = old.get_model("campaigns", "LetterAction").objects.create(campaign=campaign, title="W")
    ask.bills.add(bill)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    codenames = (
        new.get_model("auth", "User")
        .objects.get()
        .user_permissions.values_list("content_type__model", "codename")
    )
    assert list(codenames) == [("letterask", "change_letterask")]
    moved = new.get_model("officials", "Bill").objects.get()
    assert [o.name for o in moved.cosponsors.all()] == ["Rosa Senator"]
    assert [a.title for a in moved.letter_asks.all()] == ["W"]
    bill_type = ContentType.objects.filter(model="bill")
    assert set(bill_type.values_list("app_label", flat=True)) <= {"officials"}

    executor = MigrationExecutor(connection)
    executor.migrate([("campaigns", "0006_remove_requires_confirmation")])
    back = executor.loader.project_state([("campaigns", "0006_remove_requires_confirmation")])
    assert back.apps.get_model("campaigns", "Bill").objects.get().number == "S.1"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_letters_last_changed_when_confirmed_or_written():
    """Status links expire a while after a letter's last change: letters from before the
    field count from their confirmation (or when they were written)."""
    from datetime import UTC, datetime

    before = [("actions", "0007_rename_action_to_ask")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    campaign = old.get_model("campaigns", "Campaign").objects.create(
        organization=old.get_model("campaigns", "Organization").objects.create(
            name="Org", slug="org"
        ),
        slug="c",
        title="C",
    )
    ask = old.get_model("campaigns", "LetterAsk").objects.create(campaign=campaign, title="W")
    Letter = old.get_model("actions", "Letter")
    confirmed_at = datetime(2026, 1, 5, tzinfo=UTC)
    Letter.objects.create(
        ask=ask, first_name="Ana", email="a@example.org", share_code="a", confirmed_at=confirmed_at
    )
    pending = Letter.objects.create(ask=ask, first_name="Bo", email="b@example.org", share_code="b")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    changed = dict(new.get_model("actions", "Letter").objects.values_list("email", "changed_at"))
    assert changed == {"a@example.org": confirmed_at, "b@example.org": pending.created_at}
