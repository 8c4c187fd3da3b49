"""One place to ask the time, so tests can freeze it (time-machine patches it too)."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    """The current aware datetime in UTC."""
    return timezone.now()
