"""Logs without secrets: request paths with their tokens replaced.

Emailed links carry random tokens in their paths (`/confirm/<token>/`, the letter status
page), and telephony webhooks a session id; a log line must not hand them to whoever reads
the logs. `path_redact` resolves a path against Beacon's URLs and replaces the value of
every argument named in SECRET_URL_ARGUMENTS with its name, so `/confirm/Xy3.../` is logged
as `/confirm/<token>/`. A path that matches no URL has every long segment replaced (it may
be a mistyped or truncated link). `RedactPathsFilter` applies it to Django's log records
(settings.LOGGING); beacon.core.accesslog to gunicorn's access log.
"""

from __future__ import annotations

import logging
import re

# URL arguments that are capabilities: whoever holds one acts as the link's owner.
SECRET_URL_ARGUMENTS = ("token", "public_id")
# In a path that matches no URL, segments this long may be tokens.
UNKNOWN_SEGMENT_MAX = 15
# A path inside a log message: after a space or a quote, or at the start.
_PATH_IN_TEXT = re.compile(r"(?:(?<=^)|(?<=[\s\"']))/[^\s\"'?#]*")


def path_redact(path: str) -> str:
    """`path` with every secret argument's value replaced by `<name>`."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        segments = path.split("/")
        return "/".join(s if len(s) <= UNKNOWN_SEGMENT_MAX else "<redacted>" for s in segments)
    for name in SECRET_URL_ARGUMENTS:
        value = match.kwargs.get(name)
        if value:
            path = path.replace(f"/{value}/", f"/<{name}>/")
    return path


def text_redact(text: str) -> str:
    """Every path in `text` (a request line, "Not Found: /path") redacted."""
    return _PATH_IN_TEXT.sub(lambda m: path_redact(m.group()), text)


class RedactPathsFilter(logging.Filter):
    """A logging filter for Django's request loggers: paths in a record's message and
    arguments lose their tokens. Set on the console handler in settings.LOGGING."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "/" in record.msg:
            record.msg = text_redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                text_redact(a) if isinstance(a, str) and "/" in a else a for a in record.args
            )
        return True
