"""Shared fixtures: a real SMTP server, immediate tasks, and a clean cache per test."""

from __future__ import annotations

import os

import pytest

from beacon.core.mailserver import MailServer
from tests.inbox import inbox_register

# Playwright's sync API runs an event loop; Django must still allow ORM calls in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _static_files_looked_up_per_request():
    """Static files found when a /static/ URL is asked for, as under `make run`.

    Whitenoise's middleware reads DEBUG when each test client builds it, and pytest-django
    turns DEBUG off, so every new Client would otherwise list and stat every static file
    (about 40 ms, thousands of clients in the suite). With autorefresh, the DEBUG default
    that `make run` gets, only /static/ requests look a file up; no page URL does."""
    from django.test import override_settings

    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


# Kept by the flush after each `transaction=True` test: the rows every migrated database
# has (Django's post_migrate handlers create them), which no test changes.
FLUSH_KEEPS = {"django_content_type", "auth_permission"}


@pytest.fixture(scope="session", autouse=True)
def _flush_cheaply():
    """After each `transaction=True` test pytest-django empties the database with Django's
    `flush`, which (1) on PostgreSQL is one TRUNCATE of every table, giving each new files
    on disk: 0.3 s alone, 3 s on a busy machine; and (2) then recreates every content
    type and permission it deleted, a hundred inserts committed one by one. Here (1) the
    few rows a test wrote are deleted instead (Django makes PostgreSQL's foreign keys
    DEFERRABLE INITIALLY DEFERRED and the flush is one transaction, so the order does not
    matter; a flush that resets sequences still truncates), and (2) content types and
    permissions are kept, so post_migrate finds them all there and writes nothing. Every
    other table is emptied as before, and content types keep their ids, as they would in
    a database that was never flushed."""
    import django.core.management.commands.flush as flush_command
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def postgresql_sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} "
            f"{style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    def flush_sql(style, connection, reset_sequences=True, allow_cascade=False):
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        return connection.ops.sql_flush(
            style,
            [table for table in tables if table not in FLUSH_KEEPS],
            reset_sequences=reset_sequences,
            allow_cascade=allow_cascade,
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", postgresql_sql_flush)
        patch.setattr(flush_command, "sql_flush", flush_sql)
        yield


@pytest.fixture(scope="session")
def _smtp_server_session(tmp_path_factory):
    server = MailServer(directory=tmp_path_factory.mktemp("mail"))
    server.start()
    inbox_register(server)
    yield server
    server.stop()


@pytest.fixture
def smtp_server(_smtp_server_session):
    """The real aiosmtpd server on localhost that every test's mail goes to, emptied."""
    return _smtp_server_session


@pytest.fixture(autouse=True)
def _test_defaults(settings, tmp_path, _smtp_server_session):
    """Tasks run at once (after commit) unless a test starts a real worker; all mail goes
    over SMTP to the session's local aiosmtpd server, emptied before each test."""
    _smtp_server_session.handler.clear()
    _smtp_server_session.handler.responder = None
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = _smtp_server_session.host
    settings.EMAIL_PORT = _smtp_server_session.port
    settings.MEDIA_ROOT = tmp_path / "media"
    # Passwords are checked in many tests; the real hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.BEACON_MAIL_DIR = tmp_path / "mail"
    # Tests change officials between lookups; the page's short cache would hide that.
    settings.BEACON_OFFICIALS_CACHE_SECONDS = 0
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    yield
    # A request in another language leaves it active in this thread; start each test in
    # the default language.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def commit_each_request(monkeypatch, django_capture_on_commit_callbacks):
    """For tests in a rolled-back transaction: run what each test-client request left for
    after its commit (queuing mail, enqueuing tasks), as the real commit at the end of the
    request would. Cheaper than `transaction=True`, which empties every table after each
    test (a TRUNCATE of them all on PostgreSQL)."""
    from django.test import Client

    original = Client.request

    def request(self, **request):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **request)

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture(autouse=True)
def _limits_fresh(settings):
    """Rate-limit rows are read on every hit (tests change them), and the rules cached by
    an earlier test are forgotten."""
    from beacon.core.limits import rules_forget

    settings.BEACON_LIMITS_CACHE_SECONDS = 0
    rules_forget()


@pytest.fixture(autouse=True)
def _force_login_counts_as_mfa(monkeypatch):
    """`client.force_login(user)` stands for a full sign-in, MFA included, as it did
    before MFA was required: it also writes allauth's "signed in with MFA" marker
    (tests.signin.mfa_mark). Tests of the MFA gate sign in with `client.login` or
    through the sign-in pages instead."""
    from django.test import Client

    from tests.signin import mfa_mark

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mfa_mark(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
