"""allauth's forms with Beacon's limits (MFA_FORMS and ACCOUNT_FORMS in settings)."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import forms as account_forms
from allauth.core import context
from allauth.mfa.adapter import get_adapter as mfa_adapter
from allauth.mfa.base import forms as mfa_forms
from django import forms
from django.http import HttpRequest

from beacon.core.limits import client_ip, limit_hit
from beacon.core.limits.clients import value_digest
from beacon.core.limits.stores import store_get

from .throttle import code_wait_message, reset_wait_message


class ResetPasswordForm(account_forms.ResetPasswordForm):
    """Reset requests are limited per client, openly (the form says to wait), and per
    address, silently: past that limit the page reads the same and no mail goes."""

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        decision = limit_hit("password_reset", "client", client_ip(context.request))
        if not decision.allowed:
            raise forms.ValidationError(reset_wait_message(decision), code="limited")
        return cleaned_data

    def save(self, request: HttpRequest, **kwargs: Any) -> str:
        email = self.cleaned_data["email"]
        if not limit_hit("password_reset", "email", email.strip().lower()).allowed:
            return str(email)
        return str(super().save(request, **kwargs))


class _CodeLimited:
    """Wrong TOTP and recovery codes are limited per account. Each code is counted before
    it is checked and given back if right (as sign-in attempts are), so concurrent guesses
    cannot pass the maximum together; past the limit no code is checked, the right one
    included, until the window ends."""

    user: Any

    def clean_code(self) -> str:
        account = str(self.user.pk)
        decision = limit_hit("mfa", "account", account)
        if not decision.allowed:
            raise forms.ValidationError(code_wait_message(decision), code="limited")
        code = str(super().clean_code())  # type: ignore[misc]
        if not _first_use(self.user.pk, code):
            raise forms.ValidationError(mfa_adapter().error_messages["incorrect_code"])
        limit_hit("mfa", "account", account, amount=-1)
        return code


def _first_use(user_id: object, code: str) -> bool:
    """Whether this is the first use of `code` by this account within the time it stays
    valid. allauth marks used TOTP codes in Django's cache, which is per process here;
    the limiter's store is shared by every process, so a code seen by one gunicorn
    worker cannot be replayed on another. (Recovery codes are spent in the database.)"""
    expires = int(time.time()) + 4 * 30 + 60
    bucket = f"mfa-code-used:{value_digest('mfa-code', f'{user_id}:{code.strip()}')}"
    return store_get().incr(bucket, expires) == 1


class AuthenticateForm(_CodeLimited, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_CodeLimited, mfa_forms.ReauthenticateForm):
    pass
