"""Two gates on staff sessions. Supporters never sign in, so every authenticated session
is a staff one (an organizer's or an operator's); anonymous sessions pass untouched."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# When the staff session was last used (Unix time), written at sign-in and then at most
# once a minute, so most requests do not write the session.
SEEN_AT_KEY = "beacon_staff_seen_at"
SEEN_AT_PRECISION = 60
# Views any signed-in account may reach before its MFA is set up: allauth's own pages
# (sign in and out, set up TOTP, recovery codes, password) and the language switch.
_OPEN_MODULES = ("allauth.", "django.views.i18n")


def _has_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def mfa_completed(request: HttpRequest) -> bool:
    """Whether this session's sign-in passed an MFA step (allauth records each step of a
    sign-in in the session; "mfa" is the code or the TOTP set up in this session)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffMfaRequiredMiddleware:
    """With BEACON_STAFF_MFA_REQUIRED, a signed-in account whose session has not passed
    MFA reaches only allauth's pages: an account without an authenticator is sent to set
    up TOTP; one with an authenticator (a session from before MFA was required) is signed
    out and asked to sign in again, this time with its code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not settings.BEACON_STAFF_MFA_REQUIRED or not _has_session(request):
            return None
        if not request.user.is_authenticated or mfa_completed(request):
            return None
        if str(getattr(view_func, "__module__", "")).startswith(_OPEN_MODULES):
            return None
        if is_mfa_enabled(request.user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        messages.info(
            request,
            _(
                "Every staff account signs in with a code from an authenticator app. Set "
                "yours up to go on."
            ),
        )
        return redirect("mfa_activate_totp")


class StaffIdleTimeoutMiddleware:
    """Signs a staff session out after BEACON_STAFF_SESSION_IDLE_SECONDS without a
    request; the next page then asks to sign in again (with MFA)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_session(request) and request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = time.time()
        seen = request.session.get(SEEN_AT_KEY)
        idle = settings.BEACON_STAFF_SESSION_IDLE_SECONDS
        if isinstance(seen, int | float) and now - seen > idle:
            logout(request)
            minutes = max(1, idle // 60)
            messages.info(
                request,
                ngettext(
                    "You were signed out after %(minutes)d minute without activity.",
                    "You were signed out after %(minutes)d minutes without activity.",
                    minutes,
                )
                % {"minutes": minutes},
            )
        elif not isinstance(seen, int | float) or now - seen >= SEEN_AT_PRECISION:
            request.session[SEEN_AT_KEY] = now


def staff_seen_now(request: HttpRequest) -> None:
    """Start the idle clock (at sign-in)."""
    request.session[SEEN_AT_KEY] = time.time()
