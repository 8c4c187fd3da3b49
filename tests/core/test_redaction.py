"""Which links carry tokens is read from the URL patterns, and only those are redacted."""

from __future__ import annotations

import pytest

from beacon.core.redaction import text_redact_links

BASE = "https://act.example.org"
TOKEN = "Zq9dW4kT7pXv2mN8bR5sJ3hL6cF1gY0aE-uI_oK"


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        # Every route with a token parameter, found from the patterns.
        (f"{BASE}/confirm/{TOKEN}/", f"{BASE}/confirm/[redacted]/"),
        (f"{BASE}/letters/confirm/{TOKEN}/", f"{BASE}/letters/confirm/[redacted]/"),
        (f"{BASE}/letters/status/{TOKEN}/", f"{BASE}/letters/status/[redacted]/"),
        (f"{BASE}/calls/hooks/{TOKEN}/status/", f"{BASE}/calls/hooks/[redacted]/status/"),
        # Around the link: a sentence's full stop, brackets, a query string, HTML.
        (f"Open {BASE}/confirm/{TOKEN}/.", f"Open {BASE}/confirm/[redacted]/."),
        (f"({BASE}/confirm/{TOKEN}/)", f"({BASE}/confirm/[redacted]/)"),
        (f"{BASE}/confirm/{TOKEN}/?lang=es#top", f"{BASE}/confirm/[redacted]/?lang=es#top"),
        (
            f'<a href="{BASE}/confirm/{TOKEN}/">{BASE}/confirm/{TOKEN}/</a>',
            f'<a href="{BASE}/confirm/[redacted]/">{BASE}/confirm/[redacted]/</a>',
        ),
        # Without its final slash the link still works (APPEND_SLASH): redacted too.
        (f"{BASE}/confirm/{TOKEN}", f"{BASE}/confirm/[redacted]/"),
        # A link that reaches no route may be a mangled token link: fail closed.
        (f"{BASE}/confirm/{TOKEN}/extra", f"{BASE}/confirm/[redacted]/[redacted]"),
        # The host in capitals is the same host.
        (
            f"HTTPS://ACT.EXAMPLE.ORG/confirm/{TOKEN}/",
            "HTTPS://ACT.EXAMPLE.ORG/confirm/[redacted]/",
        ),
    ],
)
def test_token_links_are_redacted(text, redacted):
    assert text_redact_links(text, base_url=BASE) == redacted


@pytest.mark.parametrize(
    "text",
    [
        f"{BASE}/c/safe-communities/?ref=ab12cd34",
        f"{BASE}/c/safe-communities/write/write/",
        f"{BASE}/static/beacon/css/beacon.css",
        f"{BASE}/",
        # Other sites' links, and a host that merely starts like ours.
        f"https://elsewhere.example/confirm/{TOKEN}/",
        f"https://act.example.org.evil.example/confirm/{TOKEN}/",
        "",
    ],
)
def test_other_links_are_kept(text):
    assert text_redact_links(text, base_url=BASE) == text
