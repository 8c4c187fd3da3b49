"""Sign-in attempts through Beacon's limiter (`beacon.core.limits`).

A failed attempt counts once per client and once per account; an attempt is counted
before the password is checked and given back if it was right, so concurrent guesses
cannot slip past the maximum together and successful sign-ins never use it up. Past
either limit every attempt is refused, the right password included, until the window
ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import ngettext

from beacon.core.limits import Decision, client_ip, limit_hit


@dataclass(frozen=True)
class Attempt:
    """The counters one sign-in attempt used, to give back if it succeeds."""

    scope: str
    counted: tuple[tuple[str, str], ...]
    refused: Decision | None

    def give_back(self) -> None:
        """Return the counted uses: the attempt was right."""
        for key, value in self.counted:
            limit_hit(self.scope, key, value, amount=-1)


def login_account_value(credentials: Mapping[str, object]) -> str:
    """What the per-account limit counts for typed credentials: the account's id when the
    login names one (by username or address, in any case), else the typed login itself,
    so guesses at an unknown name are limited the same way and reveal nothing."""
    login = str(credentials.get("username") or credentials.get("email") or "").strip().lower()
    user_model = get_user_model()
    pk = (
        user_model._default_manager.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"user:{pk}" if pk is not None else f"login:{login}"


def login_attempt_count(request: HttpRequest, credentials: Mapping[str, object]) -> Attempt:
    """Count one sign-in attempt per client and per account. `refused` is the first limit
    it went past (the attempt must then be refused without checking the password)."""
    counted = (("client", client_ip(request)), ("account", login_account_value(credentials)))
    refused = None
    for key, value in counted:
        decision = limit_hit("login", key, value)
        if not decision.allowed and refused is None:
            refused = decision
    return Attempt("login", counted, refused)


def wait_message(decision: Decision) -> str:
    """The refusal shown past a sign-in limit, in the visitor's language."""
    minutes = max(1, (decision.retry_after + 59) // 60)
    return ngettext(
        "Too many failed attempts. For your security, sign-in is paused: try again in "
        "%(minutes)d minute.",
        "Too many failed attempts. For your security, sign-in is paused: try again in "
        "%(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def reset_wait_message(decision: Decision) -> str:
    """The refusal shown past the per-client limit on password reset requests."""
    minutes = max(1, (decision.retry_after + 59) // 60)
    return ngettext(
        "Too many password reset requests came from your network. Try again in %(minutes)d minute.",
        "Too many password reset requests came from your network. Try again in "
        "%(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def code_wait_message(decision: Decision) -> str:
    """The refusal shown past the per-account limit on wrong sign-in codes."""
    minutes = max(1, (decision.retry_after + 59) // 60)
    return ngettext(
        "Too many wrong codes. For your security, codes are not checked for this account "
        "for %(minutes)d minute.",
        "Too many wrong codes. For your security, codes are not checked for this account "
        "for %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
