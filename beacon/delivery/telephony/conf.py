"""Telephony settings, read at call time so tests can override them (each is defined
once, with its default, in beacon/settings.py)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .ports import Telephony


def setting(name: str) -> str:
    """A telephony setting as text (settings.<name>)."""
    return str(getattr(settings, name))


def telephony_get() -> Telephony | None:
    """The configured Telephony provider instance, or None when none is configured."""
    path = setting("BEACON_TELEPHONY_PROVIDER")
    if not path:
        return None
    provider: Telephony = import_string(path)()
    return provider
