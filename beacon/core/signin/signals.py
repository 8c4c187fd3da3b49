"""Receivers for sign-in events (connected in beacon.core.apps)."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from .middleware import staff_seen_now


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Every sign-in starts the idle clock."""
    if request is not None and hasattr(request, "session"):
        staff_seen_now(request)


def on_authenticator_added(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Setting up TOTP takes a valid code from the new authenticator, which proves the
    second factor as signing in with it would: the session counts as MFA-complete. The
    record is allauth's own ("mfa"), the one its sign-in writes."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
