"""/dev/mail/: read the messages the local mail server caught (development only).

Every page answers 404 unless settings.DEBUG is on. A message is named in the URL by its
file name in BEACON_MAIL_DIR, which must match the exact pattern the mail server writes,
so no path can reach outside that folder. Only the plain-text part is shown: an HTML part
would need inline styles or a frame, both refused by our Content Security Policy.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

# The names beacon.core.mailserver gives the files: arrival time, then 12 hex digits.
MESSAGE_NAME = re.compile(r"\A\d{8}T\d{6}-[0-9a-f]{12}\.eml\Z")
PER_PAGE = 50


@dataclass(frozen=True)
class MailSummary:
    """What the list shows of one stored message."""

    name: str
    date: datetime | None
    sender: str
    to: str
    subject: str


@dataclass(frozen=True)
class Attachment:
    """What the detail page lists of one attachment (never its content)."""

    filename: str
    content_type: str
    size: int


def stored_message_names(directory: Path) -> list[str]:
    """File names of the stored messages, newest first (names start with arrival time)."""
    if not directory.is_dir():
        return []
    names = (path.name for path in directory.iterdir() if MESSAGE_NAME.match(path.name))
    return sorted(names, reverse=True)


def stored_message_path(directory: Path, name: str) -> Path:
    """The file of message `name`; Http404 unless it is a well-formed name that exists."""
    if not MESSAGE_NAME.match(name):
        raise Http404("No such message.")
    path = directory / name
    if not path.is_file():
        raise Http404("No such message.")
    return path


def message_summary(directory: Path, name: str) -> MailSummary:
    """Date, sender, recipients and subject of a stored message, reading headers only."""
    with (directory / name).open("rb") as handle:
        headers = BytesHeaderParser(policy=email.policy.default).parse(handle)
    return MailSummary(
        name=name,
        date=_header_date(headers) or _arrival_time(name),
        sender=str(headers.get("From", "")),
        to=str(headers.get("To", "")),
        subject=str(headers.get("Subject", "")),
    )


def message_text(message: EmailMessage) -> str | None:
    """The plain-text body, or None when the message has no plain-text part."""
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return None
    try:
        return part.get_content()
    except (LookupError, UnicodeError):
        # An unknown or lying charset: show what we can rather than fail.
        # A decoded non-multipart payload is bytes (None when there is none).
        payload = part.get_payload(decode=True)
        return (payload if isinstance(payload, bytes) else b"").decode("utf-8", "replace")


def message_attachments(message: EmailMessage) -> list[Attachment]:
    """Name, type and size of each attachment."""
    return [
        Attachment(
            filename=part.get_filename() or "",
            content_type=part.get_content_type(),
            size=len(part.get_payload(decode=True) or b""),
        )
        for part in message.iter_attachments()
    ]


def _require_debug() -> None:
    if not settings.DEBUG:
        raise Http404("Only while DEBUG is on.")


def _header_date(headers) -> datetime | None:
    try:
        value = headers.get("Date")
        moment = getattr(value, "datetime", None)
    except (TypeError, ValueError):
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # "-0000": the sender did not say; assume UTC.
    return moment


def _arrival_time(name: str) -> datetime | None:
    try:
        return datetime.strptime(name[:15], "%Y%m%dT%H%M%S").astimezone()
    except ValueError:
        return None


def mail_list(request):
    """Stored messages, newest first, a page at a time."""
    _require_debug()
    directory = Path(settings.BEACON_MAIL_DIR)
    page = Paginator(stored_message_names(directory), PER_PAGE).get_page(request.GET.get("page"))
    summaries = [message_summary(directory, name) for name in page.object_list]
    return render(
        request,
        "core/dev_mail_list.html",
        {"page": page, "summaries": summaries, "directory": directory},
    )


def mail_detail(request, name: str):
    """One stored message: every header, the plain-text body and a list of attachments."""
    _require_debug()
    path = stored_message_path(Path(settings.BEACON_MAIL_DIR), name)
    with path.open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    context = {
        "name": name,
        "summary": message_summary(path.parent, name),
        "headers": [(key, str(value)) for key, value in message.items()],
        "body": message_text(message),
        "has_html": message.get_body(preferencelist=("html",)) is not None,
        "attachments": message_attachments(message),
    }
    return render(request, "core/dev_mail_detail.html", context)
