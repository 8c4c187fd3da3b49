"""Deployment checks for settings that can be wrong in production (`beacon check --deploy`).

Django's own deployment checks cover HTTPS, cookies and HSTS; these cover what Beacon
adds or relies on: its development key, host names, the origin of emailed links, where
mail goes, and the webhook secret. Registered by CoreConfig.ready() with deploy=True, so
they run only with --deploy; none touches the database. The telephony check, which reads
call asks, lives in beacon/actions/checks.py. docs/operations.md lists every id.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.checks import Warning as CheckWarning

from beacon.environment import DEVELOPMENT_KEY_PREFIX

# Email backends that do not deliver mail to anyone.
NON_DELIVERING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# `beacon mailserver`'s port: it keeps every message on disk and delivers none.
DEVELOPMENT_MAIL_PORT = 8025
# A webhook password shorter than this is guessable by anyone who can reach the URL.
WEBHOOK_PASSWORD_MIN_LENGTH = 20


def is_local_host(host: str) -> bool:
    """Whether `host` names this machine: localhost, *.localhost, a loopback or
    unspecified address (brackets and a port allowed)."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check_secret_key(**kwargs: Any) -> list[CheckMessage]:
    if not settings.SECRET_KEY.startswith(DEVELOPMENT_KEY_PREFIX):
        return []
    return [
        Error(
            "SECRET_KEY is the development key that `beacon` generates into var/.",
            hint="Set BEACON_SECRET_KEY to a long random value of its own (50+ characters), "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(60))".',
            id="beacon.E010",
        )
    ]


def check_allowed_hosts(**kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    hosts = [h.strip() for h in settings.ALLOWED_HOSTS if h.strip()]
    hint = "Set BEACON_ALLOWED_HOSTS to the public host names, e.g. act.example.org."
    if not hosts:
        return [Error("ALLOWED_HOSTS is empty: every request is refused.", hint, id="beacon.E011")]
    if "*" in hosts:
        return [
            Error(
                'ALLOWED_HOSTS contains "*": Django accepts any Host header, which opens '
                "the site to Host header attacks (poisoned caches, redirects elsewhere).",
                hint,
                id="beacon.E012",
            )
        ]
    if all(is_local_host(h) for h in hosts):
        return [
            CheckWarning(
                "ALLOWED_HOSTS names only this machine (localhost, 127.0.0.1, ...): "
                "requests for the public host name are refused.",
                hint,
                id="beacon.W010",
            )
        ]
    return []


def check_base_url(**kwargs: Any) -> list[CheckMessage]:
    url = settings.BEACON_BASE_URL
    parts = urlsplit(url)
    hint = "Set BEACON_BASE_URL to the public origin, e.g. https://act.example.org."
    found: list[CheckMessage] = []
    if parts.scheme != "https":
        found.append(
            Error(
                f"BEACON_BASE_URL ({url!r}) is not https: emailed links would send their "
                "tokens in clear text.",
                hint,
                id="beacon.E013",
            )
        )
    if not parts.hostname or is_local_host(parts.hostname):
        found.append(
            Error(
                f"BEACON_BASE_URL ({url!r}) points at this machine: links in emails and "
                "share links would not work for anyone else.",
                hint,
                id="beacon.E014",
            )
        )
    return found


def _uses_development_mail_server() -> bool:
    return (
        settings.EMAIL_BACKEND == SMTP_BACKEND
        and is_local_host(settings.EMAIL_HOST)
        and int(settings.EMAIL_PORT) == DEVELOPMENT_MAIL_PORT
    )


def check_email_backend(**kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    backend = settings.EMAIL_BACKEND
    if backend in NON_DELIVERING_BACKENDS:
        return [
            Error(
                f"EMAIL_BACKEND is {backend}, which delivers no mail: supporters never get "
                "their confirmation links and no letter reaches an office.",
                hint="Set BEACON_EMAIL_BACKEND to SMTP (with BEACON_EMAIL_HOST) or to an "
                "anymail backend (see docs/delivery.md).",
                id="beacon.E015",
            )
        ]
    if _uses_development_mail_server():
        return [
            Error(
                f"Mail goes over SMTP to {settings.EMAIL_HOST}:{settings.EMAIL_PORT}, the "
                "development mail server, which keeps every message and delivers none.",
                hint="Set BEACON_EMAIL_HOST and BEACON_EMAIL_PORT to your mail provider's "
                "relay, or BEACON_EMAIL_BACKEND to an anymail backend.",
                id="beacon.E016",
            )
        ]
    return []


def check_webhook_secret(**kwargs: Any) -> list[CheckMessage]:
    if not settings.EMAIL_BACKEND.startswith("anymail."):
        return []
    secret = settings.BEACON_DELIVERY_WEBHOOK_SECRET
    user, colon, password = secret.partition(":")
    hint = (
        'Set BEACON_DELIVERY_WEBHOOK_SECRET to "user:password" with a random password of '
        f"{WEBHOOK_PASSWORD_MIN_LENGTH}+ characters, and give the same to the provider's "
        "webhook settings (docs/delivery.md)."
    )
    if not secret:
        message = (
            "BEACON_DELIVERY_WEBHOOK_SECRET is empty: the provider's bounce and complaint "
            "webhooks are closed, so bounced mail is never marked failed."
        )
    elif not (user and colon and len(password) >= WEBHOOK_PASSWORD_MIN_LENGTH):
        message = (
            "BEACON_DELIVERY_WEBHOOK_SECRET is weak (not user:password, or a password "
            f"under {WEBHOOK_PASSWORD_MIN_LENGTH} characters): anyone could mark messages "
            "failed."
        )
    else:
        return []
    return [CheckWarning(message, hint=hint, id="beacon.W011")]


DEPLOY_CHECKS = (
    check_secret_key,
    check_allowed_hosts,
    check_base_url,
    check_email_backend,
    check_webhook_secret,
)


def checks_register() -> None:
    """Register the deployment checks (CoreConfig.ready)."""
    for check in DEPLOY_CHECKS:
        register(check, Tags.security, deploy=True)
