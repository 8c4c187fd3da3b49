"""Deployment checks (`beacon check --deploy`): each setting that can be wrong in
production is reported with its own id and a hint."""

from __future__ import annotations

import pytest
from django.core.checks import Error, run_checks
from django.core.checks import Warning as CheckWarning

from beacon.core import checks

PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": ["act.example.org"],
    "BEACON_BASE_URL": "https://act.example.org",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_PORT": 587,
    "BEACON_DELIVERY_WEBHOOK_SECRET": "",
}


@pytest.fixture
def production(settings):
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)
    return settings


def ids(found) -> list[str]:
    return [message.id for message in found]


def deploy_ids() -> list[str]:
    return [m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("beacon.")]


def test_production_settings_pass(production):
    assert deploy_ids() == []


def test_every_message_has_a_hint_and_the_right_level(production):
    production.SECRET_KEY = "django-insecure-" + "x" * 50
    production.ALLOWED_HOSTS = ["localhost"]
    production.BEACON_BASE_URL = "http://127.0.0.1:8000"
    production.EMAIL_PORT = 8025
    production.EMAIL_HOST = "127.0.0.1"
    found = [m for m in run_checks(include_deployment_checks=True) if m.id.startswith("beacon.")]
    assert sorted(ids(found)) == [
        "beacon.E010",
        "beacon.E013",
        "beacon.E014",
        "beacon.E016",
        "beacon.W010",
    ]
    assert all(m.hint for m in found)
    assert {m.id for m in found if isinstance(m, CheckWarning)} == {"beacon.W010"}


def test_the_checks_run_only_with_deploy(production):
    production.SECRET_KEY = "django-insecure-" + "x" * 50
    assert not [m for m in run_checks() if m.id.startswith("beacon.E")]


def test_the_development_key_is_refused(production):
    production.SECRET_KEY = "django-insecure-abc"
    [error] = checks.check_secret_key()
    assert isinstance(error, Error) and error.id == "beacon.E010"
    assert "BEACON_SECRET_KEY" in error.hint


@pytest.mark.parametrize(
    ("hosts", "expected"),
    [
        ([], ["beacon.E011"]),
        (["act.example.org", "*"], ["beacon.E012"]),
        (["localhost", "127.0.0.1", "[::1]", "beacon.localhost"], ["beacon.W010"]),
        (["localhost", "act.example.org"], []),
        ([".example.org"], []),
    ],
)
def test_allowed_hosts(production, hosts, expected):
    production.ALLOWED_HOSTS = hosts
    assert ids(checks.check_allowed_hosts()) == expected


def test_allowed_hosts_do_not_matter_with_debug_on(production):
    production.DEBUG = True
    production.ALLOWED_HOSTS = []
    assert checks.check_allowed_hosts() == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://act.example.org", ["beacon.E013"]),
        ("https://localhost", ["beacon.E014"]),
        ("https://127.0.0.1:8443", ["beacon.E014"]),
        ("https://[::1]", ["beacon.E014"]),
        ("http://0.0.0.0:8000", ["beacon.E013", "beacon.E014"]),
        ("act.example.org", ["beacon.E013", "beacon.E014"]),
        ("https://act.example.org", []),
    ],
)
def test_base_url_must_be_public_https(production, url, expected):
    production.BEACON_BASE_URL = url
    assert ids(checks.check_base_url()) == expected


@pytest.mark.parametrize(
    ("backend", "host", "port", "expected"),
    [
        ("django.core.mail.backends.console.EmailBackend", "", 25, ["beacon.E015"]),
        ("django.core.mail.backends.locmem.EmailBackend", "", 25, ["beacon.E015"]),
        ("django.core.mail.backends.dummy.EmailBackend", "", 25, ["beacon.E015"]),
        ("django.core.mail.backends.filebased.EmailBackend", "", 25, ["beacon.E015"]),
        ("django.core.mail.backends.smtp.EmailBackend", "127.0.0.1", 8025, ["beacon.E016"]),
        ("django.core.mail.backends.smtp.EmailBackend", "localhost", 8025, ["beacon.E016"]),
        # A relay on this machine (postfix) is a real mail server.
        ("django.core.mail.backends.smtp.EmailBackend", "127.0.0.1", 25, []),
        ("anymail.backends.postmark.EmailBackend", "127.0.0.1", 8025, []),
    ],
)
def test_mail_must_leave_the_machine(production, backend, host, port, expected):
    production.EMAIL_BACKEND, production.EMAIL_HOST, production.EMAIL_PORT = backend, host, port
    assert ids(checks.check_email_backend()) == expected
    production.DEBUG = True
    assert checks.check_email_backend() == []


@pytest.mark.parametrize(
    ("secret", "expected"),
    [
        ("", ["beacon.W011"]),
        ("beacon:short", ["beacon.W011"]),
        ("no-colon-at-all-but-quite-long-indeed", ["beacon.W011"]),
        (":" + "p" * 30, ["beacon.W011"]),
        ("beacon:" + "p" * 30, []),
    ],
)
def test_webhook_secret_with_an_anymail_backend(production, secret, expected):
    production.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    production.BEACON_DELIVERY_WEBHOOK_SECRET = secret
    assert ids(checks.check_webhook_secret()) == expected


def test_webhook_secret_does_not_matter_over_smtp(production):
    assert checks.check_webhook_secret() == []
