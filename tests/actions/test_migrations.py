"""Data migrations of the actions app keep supporters' rows.

Migrating backwards is the slow part (Django works out the project's state before each
migration it undoes), so these tests run on one worker (`xdist_group`) and each goes on
from where the previous one left the schema, instead of each going back up to the latest
migration at its end. The organizers' test comes first: it is the one that needs the
rows of an up-to-date database, and starts from them. After each test every row of every
table (old names too) is deleted; after the module the schema is brought up to date and
emptied as pytest-django empties it after a `transaction=True` test.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.xdist_group("migrations")

BEFORE = [("actions", "0003_calls"), ("campaigns", "0005_call_script_targets")]
AFTER = [("actions", "0004_letter_self_reported")]


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def rows_delete() -> None:
    """Empty every table there is now, whatever the schema, but the migration history. All
    of them at once, so no foreign key is left pointing at a deleted row."""
    tables = [t for t in connection.introspection.table_names() if t != "django_migrations"]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


@pytest.fixture(scope="module")
def _latest_after_the_module(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        migrate_to_latest()
        rows_delete()
        call_command("flush", interactive=False, verbosity=0)  # content types, permissions


@pytest.fixture(autouse=True)
def _database(_latest_after_the_module, django_db_blocker):
    """The database outside any test transaction, as migrations run; emptied after."""
    with django_db_blocker.unblock():
        yield
        rows_delete()


def test_organizers_keep_their_permissions_and_bills_survive_a_rollback():
    """An organizer's permission on letter actions is theirs on letter asks after the
    rename; bills keep their cosponsors and asks, under officials, and rolling campaigns
    back to 0006 puts the table back where the old code reads it.

    It starts from every migration applied and the rows a fresh database has (content
    types and permissions of today's models), as the other tests here may have left
    neither."""
    migrate_to_latest()
    rows_delete()
    call_command("flush", interactive=False, verbosity=0)
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


# Last: it goes on forward from the schema the rename left.
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

    after = [("actions", "0008_letter_changed_at")]
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    changed = dict(new.get_model("actions", "Letter").objects.values_list("email", "changed_at"))
    assert changed == {"a@example.org": confirmed_at, "b@example.org": pending.created_at}


def test_existing_campaign_texts_become_their_main_languages_and_come_back():
    """Campaigns written before texts were translatable keep them, as their main
    language's (ADR 0014): a Spanish campaign's title becomes `title_es`, and the other
    languages start empty, the default prompt's English copies included."""
    before = [("campaigns", "0010_call_rate_limits_to_limiter")]
    after = [("campaigns", "0011_content_in_every_language")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    organization = old.get_model("campaigns", "Organization").objects.create(name="Org", slug="org")
    Campaign = old.get_model("campaigns", "Campaign")
    spanish = Campaign.objects.create(
        organization=organization, slug="es", title="Título", body="Texto.", language="es"
    )
    Campaign.objects.create(organization=organization, slug="en", title="Title", body="Body.")
    ask = old.get_model("campaigns", "LetterAsk").objects.create(
        campaign=spanish, title="Escribe", personal_prompt="¿Por qué?"
    )
    old.get_model("campaigns", "LetterTemplate").objects.create(
        ask=ask, subjects="Asunto", body="Cuerpo"
    )
    call = old.get_model("campaigns", "CallAsk").objects.create(campaign=spanish, title="Llama")
    old.get_model("campaigns", "CallScript").objects.create(ask=call, script="Hola.")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    rows = new.get_model("campaigns", "Campaign").objects.order_by("slug")
    assert [(c.slug, c.title_en, c.title_es, c.body_es) for c in rows] == [
        ("en", "Title", "", ""),
        ("es", "", "Título", "Texto."),
    ]
    letter_ask = new.get_model("campaigns", "LetterAsk").objects.get()
    assert (letter_ask.personal_prompt_es, letter_ask.personal_prompt_en) == ("¿Por qué?", "")
    template = new.get_model("campaigns", "LetterTemplate").objects.get()
    assert (template.subjects_es, template.body_es, template.language) == ("Asunto", "Cuerpo", "")
    assert new.get_model("campaigns", "CallScript").objects.get().script_es == "Hola."

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    back = executor.loader.project_state(before).apps
    assert back.get_model("campaigns", "Campaign").objects.get(slug="es").title == "Título"
    assert back.get_model("campaigns", "LetterAsk").objects.get().personal_prompt == "¿Por qué?"
