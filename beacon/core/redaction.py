"""Keep bearer tokens out of logs and stored mail (docs/security.md).

Emailed links carry single-use tokens (`/confirm/<token>/`, `/letters/status/<token>/`).
Whoever reads a log line or an outbox row holding such a link can act for the supporter,
so what leaves a request or a sent message is the link's *route*, never its raw path.

Which parts of a URL are secret is said once, in the URL patterns: a path parameter
declared with the `token` converter (`path("confirm/<token:token>/", ...)`) is a secret.
Everything here is derived from those patterns; nothing lists the secret URLs by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import (
    Resolver404,
    ResolverMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
)

# The converter name that marks a path parameter as a secret.
TOKEN_CONVERTER = "token"
REDACTED = "[redacted]"

_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_LITERAL_SEGMENT = re.compile(r"^[\w.-]+$")
# Punctuation that ends a sentence around a link rather than the link itself.
_TRAILING = ".,;:!?)]}*"


class TokenConverter:
    """A secret path parameter: any text up to the next slash, like `str`. Declaring it
    with this converter is what keeps it out of logs and stored mail."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def route_shown(route: str) -> str:
    """A Django route as logs show it: "c/<slug:slug>/" -> "/c/<slug>/"."""
    return "/" + _PARAMETER.sub(lambda m: f"<{m['name']}>", route)


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, route)
        else:
            found.append(route)
    return found


@lru_cache(maxsize=1)
def _literal_segments() -> frozenset[str]:
    """Every literal path segment of every route ("c", "confirm", "letters", ...)."""
    segments = set()
    for route in _routes(get_resolver().url_patterns):
        for segment in route.split("/"):
            if _LITERAL_SEGMENT.match(segment):
                segments.add(segment)
    return frozenset(segments)


def _is_static(path: str) -> bool:
    """Whether `path` names a static file (served by whitenoise, outside the routes;
    its file names are public)."""
    return path.startswith(settings.STATIC_URL) and settings.STATIC_URL.startswith("/")


def path_unresolved_shown(path: str) -> str:
    """A path that matches no route, with every segment that is not a literal of some
    route replaced by REDACTED: a truncated or mangled emailed link loses its token."""
    literals = _literal_segments()
    return "/".join(s if not s or s in literals else REDACTED for s in path.split("/"))


def path_shown(path: str) -> str:
    """What a log may say for `path`: its route pattern, or the redacted path when no
    route matches. Any query string is dropped."""
    path = path.split("?", 1)[0]
    if _is_static(path):
        return f"{settings.STATIC_URL}<path>"
    try:
        match = resolve(path)
    except Resolver404:
        return path_unresolved_shown(path)
    return route_shown(match.route)


def request_route_shown(request: HttpRequest) -> str:
    """The route pattern that served `request` (its raw path is never logged)."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return route_shown(match.route)
    return path_shown(request.path)


def _resolve_link(path: str) -> tuple[ResolverMatch | None, str]:
    """The route a link's path reaches and the text after it: trailing punctuation of
    the sentence around the link is not part of it, and a missing final slash is added
    by CommonMiddleware (APPEND_SLASH), so such a link works too."""
    core = path.rstrip(_TRAILING)
    for candidate in (core, core + "/"):
        try:
            return resolve(candidate), path[len(core) :]
        except Resolver404:
            continue
    return None, path[len(core) :]


def path_redact_tokens(path: str) -> str:
    """`path` (no query string) with each token parameter replaced by REDACTED; other
    parameters (slugs, ids) are kept. A path that matches no route keeps only the
    literal segments of routes (it may be a mangled token link: fail closed)."""
    if _is_static(path):
        return path
    match, tail = _resolve_link(path)
    if match is None:
        return path_unresolved_shown(path[: len(path) - len(tail)]) + tail
    if f"<{TOKEN_CONVERTER}:" not in match.route:
        return path
    values = dict(match.kwargs)

    def replace(m: re.Match[str]) -> str:
        if m["converter"] == TOKEN_CONVERTER:
            return REDACTED
        return str(values.get(m["name"], m[0]))

    return "/" + _PARAMETER.sub(replace, match.route) + tail


def text_redact_links(text: str, *, base_url: str) -> str:
    """`text` with every link under `base_url` whose route takes a token rewritten to
    the redacted form (`https://host/confirm/[redacted]/`), query string and fragment
    kept. Links to other routes are untouched; a link under `base_url` that reaches no
    route keeps only the routes' literal segments."""
    if not text or not base_url:
        return text
    link = re.compile(
        re.escape(base_url.rstrip("/")) + r"(?P<path>/[^\s<>\"'`?#]*)(?P<rest>[?#][^\s<>\"'`]*)?",
        re.IGNORECASE,
    )

    def replace(m: re.Match[str]) -> str:
        base = m[0][: m.start("path") - m.start()]
        return base + path_redact_tokens(m["path"]) + (m["rest"] or "")

    return link.sub(replace, text)
