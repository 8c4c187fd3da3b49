"""allauth's adapters for Beacon: closed signup, sign-in throttled by Beacon's limiter,
and authenticators that stay while MFA is required."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from .throttle import Attempt, login_attempt_count, wait_message


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by operators, never by signing up; sign-in attempts go
    through `beacon.core.limits` (allauth's own limiter is off, ACCOUNT_RATE_LIMITS)."""

    _attempt: Attempt | None = None

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Count the attempt; past the per-client or per-account limit refuse it before
        the password is checked, so the right one fails too until the window ends."""
        self._attempt = login_attempt_count(request, credentials)
        if self._attempt.refused is not None:
            raise forms.ValidationError(
                wait_message(self._attempt.refused), code="too_many_login_attempts"
            )

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None and self._attempt is not None:
            # Only failures use up the limits: give the counted attempt back.
            self._attempt.give_back()
        self._attempt = None
        return user


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        """The name authenticator apps show above the code."""
        return str(settings.BEACON_SITE_NAME)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """While MFA is required, an account keeps its authenticator: removing it would
        leave a signed-in session marked as MFA-complete with nothing behind it."""
        return not settings.BEACON_STAFF_MFA_REQUIRED
