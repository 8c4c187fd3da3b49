"""Tokens never reach the logs: paths are redacted in Django's records and gunicorn's
access log (beacon.core.logs, beacon.core.accesslog)."""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

from beacon.core.accesslog import PrivateAccessLogger
from beacon.core.logs import RedactPathsFilter, path_redact, text_redact
from beacon.core.management.commands.run_stack import ACCESS_LOG_FORMAT

TOKEN = "Xy3_kQ9-wP2vL8mN4rT6uZ1aB5cD7eF0gH2iJ4kL6mN"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/confirm/{TOKEN}/", "/confirm/<token>/"),
        (f"/letters/confirm/{TOKEN}/", "/letters/confirm/<token>/"),
        (f"/letters/status/{TOKEN}/", "/letters/status/<token>/"),
        (f"/calls/hooks/{TOKEN}/dialed/0/1/", "/calls/hooks/<public_id>/dialed/0/1/"),
        ("/c/safe-communities/sign/", "/c/safe-communities/sign/"),
        ("/legislators/", "/legislators/"),
        # A path that matches nothing may be a mistyped link: long segments go.
        (f"/confirm/{TOKEN}/extra", "/confirm/<redacted>/extra"),
        (f"/{TOKEN}", "/<redacted>"),
    ],
)
def test_paths_lose_their_tokens(path, logged):
    assert path_redact(path) == logged


def test_django_records_lose_tokens_in_their_message_and_arguments():
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        (f"/letters/status/{TOKEN}/",),
        None,
    )
    assert RedactPathsFilter().filter(record)
    assert record.getMessage() == "Internal Server Error: /letters/status/<token>/"
    assert text_redact(f'"GET /confirm/{TOKEN}/ HTTP/1.1" 200') == (
        '"GET /confirm/<token>/ HTTP/1.1" 200'
    )


def test_the_access_log_shows_the_redacted_path_and_nothing_about_the_visitor():
    logger = PrivateAccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/letters/status/{TOKEN}/?ref=abc",
        "PATH_INFO": f"/letters/status/{TOKEN}/",
        "QUERY_STRING": "ref=abc",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://act.example.org/letters/confirm/{TOKEN}/",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    request = SimpleNamespace(
        headers=[("COOKIE", "sessionid=secret-session"), ("REFERER", environ["HTTP_REFERER"])]
    )
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[("Set-Cookie", "x=y")])
    atoms = SafeAtoms(logger.atoms(response, request, environ, datetime.timedelta(seconds=0.05)))
    assert ACCESS_LOG_FORMAT % atoms == "GET /letters/status/<token>/ 200 1234 50ms"
    combined = '%(h)s %(u)s "%(r)s" %(s)s "%(f)s" "%(a)s" %(q)s %({cookie}i)s %({set-cookie}o)s'
    line = combined % atoms
    assert TOKEN not in line and "203.0.113.9" not in line and "secret-session" not in line
    assert "Mozilla" not in line and "ref=abc" not in line
