"""Telephony settings, read at call time so tests can override them.

Each value comes from Django settings when set there, else from the environment variable
of the same name; nothing here needs an edit of beacon/settings.py.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.utils.module_loading import import_string


def setting(name: str, default: str = "") -> str:
    """A telephony setting: settings.<name>, else os.environ[name], else `default`."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value)


def telephony_get():
    """The configured Telephony provider instance, or None when none is configured."""
    path = setting("BEACON_TELEPHONY_PROVIDER")
    return import_string(path)() if path else None
