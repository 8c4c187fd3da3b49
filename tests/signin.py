"""Staff sign-in helpers for tests: accounts with a TOTP authenticator, valid codes, and
the session marker allauth writes after an MFA step.

`client.force_login(user)` counts as a sign-in with MFA in every test (see the
`_force_login_counts_as_mfa` fixture in tests/conftest.py); `client.login(...)` does not,
and is what tests of the MFA gate use."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth import get_user_model

LOGIN = "/accounts/login/"
MFA = "/accounts/2fa/authenticate/"
PASSWORD = "correct horse battery staple"
# allauth keeps whose records the session holds next to them (private name, checked by
# tests/core/test_signin_mfa.py::test_the_marker_helper_matches_allauths_own_sign_in).
_RECORDS_USER_KEY = "account_authentication_methods_user"


def staff_create(username: str = "maria", *, superuser: bool = False, **fields: Any):
    """A staff account with PASSWORD (hashed with the tests' fast hasher)."""
    user_model = get_user_model()
    fields.setdefault("email", f"{username}@example.org")
    if superuser:
        return user_model.objects.create_superuser(username, password=PASSWORD, **fields)
    return user_model.objects.create_user(username, password=PASSWORD, is_staff=True, **fields)


def totp_give(user) -> str:
    """Give `user` a TOTP authenticator (as setting it up would) and return its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, *, steps: int = 0) -> str:
    """The code an authenticator app shows now (or `steps` periods of 30 s away)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


def totp_wrong(secret: str) -> str:
    """A six-digit code that is valid in no period the server accepts now."""
    valid = {totp_code(secret, steps=s) for s in (-2, -1, 0, 1, 2)}
    return next(c for c in (f"{n:06d}" for n in range(1000)) if c not in valid)


def mfa_mark(client, user) -> None:
    """Mark the client's session as signed in with MFA, as allauth does after a code."""
    session = client.session
    records = [{"method": "password", "at": time.time()}, {"method": "mfa", "at": time.time()}]
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_RECORDS_USER_KEY] = str(user.pk)
    session.save()


def sign_in(client, login: str, password: str = PASSWORD, *, code: str | None = None):
    """Post the sign-in form, then (with `code`) the MFA form; return the last response."""
    response = client.post(LOGIN, {"login": login, "password": password})
    if code is not None and response.status_code == 302 and response["Location"] == MFA:
        response = client.post(MFA, {"code": code})
    return response


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
