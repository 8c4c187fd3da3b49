"""Compare two responses as someone probing a form would see them: the status, the
redirect target and the body, with the CSRF token and the echo of what was typed taken
out. Used to check that a form answers a known email or phone as it answers a new one."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

CSRF_RE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def _forms(value: str) -> set[str]:
    """The ways a typed value is echoed: as is, HTML-escaped, and URL-encoded (mailto
    and webmail links)."""
    return {
        value,
        html.escape(value),
        quote(value),
        quote(value, safe="@"),
        quote_plus(value),
        html.escape(quote(value)),
        html.escape(quote_plus(value)),
    }


def response_shape(response, typed: Iterable[str] = ()) -> tuple[int, str, str]:
    """(status, Location, body) with the CSRF token and each typed value replaced by a
    placeholder, ready to compare with another response's shape."""
    body = CSRF_RE.sub(r"\1CSRF\2", response.content.decode())
    location = response.get("Location", "")
    for value in sorted(typed, key=len, reverse=True):
        for form in sorted(_forms(value), key=len, reverse=True):
            body = body.replace(form, "{typed}")
            location = location.replace(form, "{typed}")
    return response.status_code, location, body


def assert_same_response(
    known, new, *, known_typed: Iterable[str], new_typed: Iterable[str], label: str = ""
):
    """Fail, showing the first difference, unless the two responses have one shape."""
    a, b = response_shape(known, known_typed), response_shape(new, new_typed)
    assert a[:2] == b[:2], f"{label} status/Location differ: known {a[:2]} new {b[:2]}"
    if a[2] != b[2]:
        pairs = enumerate(zip(a[2], b[2], strict=False))
        at = next((i for i, (x, y) in pairs if x != y), min(len(a[2]), len(b[2])))
        raise AssertionError(
            f"{label} bodies differ at {at}: known {a[2][at - 80 : at + 160]!r} "
            f"new {b[2][at - 80 : at + 160]!r}"
        )
