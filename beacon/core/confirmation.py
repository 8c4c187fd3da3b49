"""The one confirmation module: emailed single-use links, for every kind of pending thing.

A link carries a random token; only its SHA-256 digest is stored (`core.tokens`), so a
database leak reveals no live link. A link expires after `BEACON_CONFIRM_MAX_AGE` seconds
and works once. Opening it (GET) only shows a page with a button; the POST acts, so mail
scanners that follow links cannot act for the supporter. Links that do not work answer
with the same page and status codes whatever they point at.

Signatures and letters use it through thin adapters (their services create links, look
them up and confirm; their views call `confirmation_page`); organizer invitations
(beacon.organize) create links with `link_new`, check them with `link_check` and answer
with `confirmation_error_page`. The next kinds of link (self-service links, sign-in
codes) are meant to do the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .tokens import token_digest, token_new

M = TypeVar("M", bound=Model)

# Why a link does not work, and the HTTP status each answers with.
STATUSES = {"invalid": 404, "used": 410, "expired": 410, "closed": 410}


class ConfirmError(Exception):
    """A confirmation link that cannot confirm; `code` is one of STATUSES ("invalid",
    "used", "expired", "closed"). `subject` is the row it points at when the error page
    may link back to that row's campaign, else None."""

    def __init__(self, code: str, subject: Any = None):
        super().__init__(code)
        self.code = code
        self.subject = subject


@dataclass(frozen=True)
class Link:
    """A new link: the token goes in the email, the digest and expiry on the row."""

    token: str
    digest: str
    expires_at: datetime


def link_new(*, max_age: int | None = None) -> Link:
    """A fresh random link that expires `max_age` seconds from now (default
    `BEACON_CONFIRM_MAX_AGE`)."""
    token, digest = token_new()
    seconds = settings.BEACON_CONFIRM_MAX_AGE if max_age is None else max_age
    expires_at = timezone.now() + timedelta(seconds=seconds)
    return Link(token=token, digest=digest, expires_at=expires_at)


def link_digest(token: str) -> str:
    """The stored form of a token from a URL; "" for an empty token (matches nothing)."""
    return token_digest(token) if token else ""


def link_lookup(rows: QuerySet[M], *, token: str, field: str = "confirm_token_digest") -> M | None:
    """The row among `rows` whose `field` holds this token's digest, or None. Reads only;
    for the page with the button."""
    digest = link_digest(token)
    return rows.filter(**{field: digest}).first() if digest else None


def link_check(
    *, is_used: bool, expires_at: datetime | None, is_open: bool, subject: Any = None
) -> None:
    """Raise ConfirmError for a found link that may not act, checked in this order: used,
    expired, closed (what it belongs to takes no more). Returns None if it may act."""
    if is_used:
        raise ConfirmError("used", subject)
    if expires_at is None or expires_at <= timezone.now():
        raise ConfirmError("expired", subject)
    if not is_open:
        raise ConfirmError("closed", subject)


@dataclass(frozen=True)
class ErrorText:
    """What the error page says for one code; callables, so they are translated when the
    page renders, in the visitor's language."""

    title: Callable[[], str]
    message: Callable[[], str]


def confirmation_error_page(
    request: HttpRequest, code: str, texts: Mapping[str, ErrorText], *, campaign: Any = None
) -> HttpResponse:
    """The one page for a link that does not work, with the status code for `code` and a
    link back to `campaign` when given."""
    text = texts[code]
    context = {"title": text.title(), "message": text.message(), "campaign": campaign}
    return render(request, "core/confirm_error.html", context, status=STATUSES[code])


@dataclass(frozen=True)
class ConfirmFlow:
    """How one kind of pending row is confirmed through its link.

    - `pending(token)`: the row the link points at, or None (GET; no writes).
    - `is_used(row)`: whether it was already confirmed (the GET answers "used").
    - `show(request, row)`: the page with the button.
    - `confirm(token)`: act (POST); raises ConfirmError.
    - `done(request, result)`: the response after `confirm` succeeded.
    - `texts`: what the error page says per code; `campaign_of(row)` the campaign it
      links back to (None: no link)."""

    pending: Callable[[str], Any]
    is_used: Callable[[Any], bool]
    show: Callable[[HttpRequest, Any], HttpResponse]
    confirm: Callable[[str], Any]
    done: Callable[[HttpRequest, Any], HttpResponse]
    texts: Mapping[str, ErrorText]
    campaign_of: Callable[[Any], Any] = lambda row: None


def confirmation_page(request: HttpRequest, token: str, flow: ConfirmFlow) -> HttpResponse:
    """GET shows the button (or the error page); only the POST confirms."""

    def error(exc: ConfirmError) -> HttpResponse:
        campaign = flow.campaign_of(exc.subject) if exc.subject is not None else None
        return confirmation_error_page(request, exc.code, flow.texts, campaign=campaign)

    if request.method == "POST":
        try:
            result = flow.confirm(token)
        except ConfirmError as exc:
            return error(exc)
        return flow.done(request, result)
    row = flow.pending(token)
    if row is None:
        return error(ConfirmError("invalid"))
    if flow.is_used(row):
        return error(ConfirmError("used", row))
    return flow.show(request, row)


def confirmation_view(flow: ConfirmFlow) -> Callable[[HttpRequest, str], HttpResponse]:
    """A view for the URL `<token>/` of one flow, answering GET and POST only."""

    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, token: str) -> HttpResponse:
        return confirmation_page(request, token, flow)

    return view
