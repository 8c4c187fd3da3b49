"""What "Your data" knows of one browser: the calls it recorded.

Calls carry no address, so the call pages list in the session the ids of the calls they
recorded, and "Your data" shows (and erases) those of the browser it is opened in.
"""

from __future__ import annotations

from django.http import HttpRequest

CALLS_SESSION_KEY = "calls_recorded"


def calls_recorded_add(request: HttpRequest, call_id: int) -> None:
    """Remember in this browser's session that it recorded call `call_id`."""
    request.session[CALLS_SESSION_KEY] = [*calls_recorded(request)[-49:], call_id]


def calls_recorded(request: HttpRequest) -> list[int]:
    """The ids of the calls this browser recorded (at most the last 50)."""
    value = request.session.get(CALLS_SESSION_KEY, [])
    return [i for i in value if isinstance(i, int)] if isinstance(value, list) else []
