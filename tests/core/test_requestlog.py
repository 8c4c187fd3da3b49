"""Tokens in emailed links never reach a log: the access log and Django's own request
lines name the route pattern, never the raw path (docs/security.md)."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from beacon.core.redaction import path_shown
from tests.campaigns.factories import PetitionFactory
from tests.inbox import emailed_match

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

SIGNER = {
    "first_name": "Rosa",
    "last_name": "Díaz",
    "email": "rosa@example.org",
    "zip_code": "02150",
}
TOKEN_RE = re.compile(r"/confirm/([A-Za-z0-9_-]+)/")
FAKE_TOKEN = "Zq9dW4kT7pXv2mN8bR5sJ3hL6cF1gY0aE-uI_oK"


def _emailed_token(client) -> str:
    petition = PetitionFactory()
    client.post(f"/c/{petition.campaign.slug}/sign/", SIGNER)
    return emailed_match(SIGNER["email"], TOKEN_RE).group(1)


def _everything_logged(caplog) -> str:
    """Each record as a handler would write it, traceback included."""
    formatter = logging.Formatter("%(name)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def test_the_access_log_names_the_route_and_never_the_token(client, caplog):
    token = _emailed_token(client)
    caplog.set_level(logging.INFO, logger="beacon.request")
    caplog.clear()

    assert client.get(f"/confirm/{token}/").status_code == 200
    assert client.post(f"/confirm/{token}/").status_code == 302

    lines = [r.getMessage() for r in caplog.records if r.name == "beacon.request"]
    assert re.fullmatch(r"GET /confirm/<token>/ 200 \d+ms", lines[0])
    assert re.fullmatch(r"POST /confirm/<token>/ 302 \d+ms", lines[1])
    assert token not in _everything_logged(caplog)


def test_a_500_on_a_status_link_is_logged_with_the_route_only(monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("beacon.actions.letters.views.letter_get_for_status_token", broken)
    caplog.set_level(logging.INFO)

    response = Client(raise_request_exception=False).get(f"/letters/status/{FAKE_TOKEN}/?a=1")

    assert response.status_code == 500
    [error] = [r for r in caplog.records if r.name == "django.request"]
    assert error.getMessage() == "Internal Server Error: /letters/status/<token>/"
    assert error.exc_info is not None  # The traceback is still there for operators.
    logged = _everything_logged(caplog)
    assert "GET /letters/status/<token>/ 500" in logged
    assert FAKE_TOKEN not in logged


def test_not_found_and_csrf_warnings_name_the_route(caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    caplog.set_level(logging.WARNING, logger="django.security.csrf")
    client = Client(enforce_csrf_checks=True)

    assert client.get(f"/letters/confirm/{FAKE_TOKEN}/").status_code == 404
    # A link mangled by a mail program matches no route: only known words survive.
    assert client.get(f"/letters/confirm/{FAKE_TOKEN}/%20more").status_code == 404
    assert client.post(f"/confirm/{FAKE_TOKEN}/").status_code == 403

    messages = [r.getMessage() for r in caplog.records]
    assert "Not Found: /letters/confirm/<token>/" in messages
    assert "Not Found: /letters/confirm/[redacted]/[redacted]" in messages
    assert any(
        m.startswith("Forbidden (CSRF") and m.endswith(": /confirm/<token>/") for m in messages
    )
    assert FAKE_TOKEN not in _everything_logged(caplog)


def test_runserver_request_lines_name_the_route(settings):
    """`runserver` logs '"GET /path HTTP/1.1" 200 123' on "django.server"."""
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    server_logger = logging.getLogger("django.server")
    handler = Keep()
    server_logger.addHandler(handler)
    try:
        request_line = f"GET /letters/status/{FAKE_TOKEN}/?x=1 HTTP/1.1"
        server_logger.warning('"%s" %s %s', request_line, "404", "1234")
    finally:
        server_logger.removeHandler(handler)
    assert seen == ['"GET /letters/status/<token>/ HTTP/1.1" 404 1234']


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/c/safe-communities/write/write/letter/", "/c/<slug>/write/<action_slug>/letter/"),
        (f"/calls/hooks/{FAKE_TOKEN}/status/", "/calls/hooks/<public_id>/status/"),
        (f"/nowhere/{FAKE_TOKEN}", "/[redacted]/[redacted]"),
        ("/", "/"),
        ("/static/beacon/css/beacon.css", "/static/<path>"),
    ],
)
def test_paths_are_shown_as_routes(path, shown):
    assert path_shown(path) == shown
