"""The access log, and a filter for Django's own request log lines: routes, not paths.

gunicorn's access log (and `runserver`'s) would write each request's raw path, and an
emailed link's path is its token. So the stack runs gunicorn without an access log and
this middleware writes one line per request instead: method, route pattern, status and
duration (`GET /letters/status/<token>/ 200 12ms`). No path, query string, client
address or user agent.

Django itself logs paths too: "Internal Server Error: /confirm/<raw token>/" on a 500,
"Not Found: ..." and "Forbidden (CSRF ...): ..." warnings, and runserver's request
lines. `RoutesNotPathsFilter`, attached to those loggers in settings.LOGGING, rewrites
them to the route pattern before any handler sees them (docs/security.md).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from .redaction import path_shown, request_route_shown

logger = logging.getLogger("beacon.request")

# runserver's request line: "GET /confirm/abc/?x=1 HTTP/1.1".
_REQUEST_LINE = re.compile(r"^(?P<method>\S+) (?P<path>/\S*) (?P<version>HTTP/[\d.]+)$")


class RequestLogMiddleware:
    """One INFO line per request on the "beacon.request" logger, with the route pattern
    that served it (a redacted path when none did). Put it first, so that the status is
    the one the client got and the time includes every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.monotonic()
        response = self.get_response(request)
        elapsed = (time.monotonic() - started) * 1000
        logger.info(
            "%s %s %s %.0fms",
            (request.method or "-")[:16],
            request_route_shown(request),
            response.status_code,
            elapsed,
        )
        return response


class RoutesNotPathsFilter(logging.Filter):
    """Rewrite the request path in a log record's arguments to its route pattern.

    Django passes the path as an argument ("%s: %s", reason, request.path) with the
    request attached to the record; runserver passes its request line. The message is
    kept; only those arguments change. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            request = getattr(record, "request", None)
            record.args = tuple(_shown(arg, request) for arg in record.args)
        return True


def _shown(value: object, request: object) -> object:
    if not isinstance(value, str):
        return value
    if isinstance(request, HttpRequest) and value in (request.path, request.get_full_path()):
        return request_route_shown(request)
    line = _REQUEST_LINE.match(value)
    if line:
        return f"{line['method']} {path_shown(line['path'])} {line['version']}"
    if value.startswith("/"):
        return path_shown(value)
    return value
