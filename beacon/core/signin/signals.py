"""Receivers for sign-in events (connected in beacon.core.apps)."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest


def on_authenticator_added(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Setting up TOTP takes a valid code from the new authenticator, which proves the
    second factor as signing in with it would: the session counts as MFA-complete. The
    record is allauth's own ("mfa"), the one its sign-in writes."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
