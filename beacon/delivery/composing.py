"""Turn an OutboundMessage row into an email, and refuse unsafe header values early."""

from __future__ import annotations

import re
import uuid
from email.utils import formataddr

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from beacon.delivery import conf
from beacon.delivery.models import OutboundMessage

# Headers a caller may not set: they are Beacon's to decide (identity, threading, routing).
RESERVED_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "message-id", "date",
        "return-path", "content-type", "content-transfer-encoding", "mime-version",
    }
)  # fmt: skip


class InvalidMessageError(ValueError):
    """message_queue refused its arguments; the message says which one, without values."""


class HeaderInjectionError(InvalidMessageError):
    """A value bound for a header contains a line break (or NUL)."""


def check_header_value(field: str, value: str) -> None:
    """Raise HeaderInjectionError if `value` could start a new header line."""
    if any(char in value for char in ("\r", "\n", "\x00")):
        raise HeaderInjectionError(f"{field} contains a line break")


def check_address(field: str, value: str, *, required: bool) -> None:
    """Raise InvalidMessageError unless `value` is one plain valid address."""
    check_header_value(field, value)
    if not value:
        if required:
            raise InvalidMessageError(f"{field} is required")
        return
    try:
        validate_email(value)
    except ValidationError as exc:
        raise InvalidMessageError(f"{field} is not a valid email address") from exc


def check_headers(headers: dict[str, str]) -> None:
    """Raise unless every extra header has a plain name, a one-line value, and is not
    one of the headers Beacon sets itself."""
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidMessageError("headers must map strings to strings")
        check_header_value("header name", name)
        check_header_value("header value", value)
        if not name or ":" in name or " " in name or not name.isascii():
            raise InvalidMessageError("header name is malformed")
        if name.lower() in RESERVED_HEADERS:
            raise InvalidMessageError(f"header {name} is set by Beacon")


def new_message_id() -> str:
    """A globally unique Message-ID on Beacon's own domain, e.g. <hex@beacon.example>."""
    domain = conf.from_address().rpartition("@")[2] or "beacon.localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


# Characters that let a display name pose as an address ("ana@gov.example" or
# "Governor <gov@...>") in the recipient's mail client; a name never needs them.
_NOT_IN_DISPLAY_NAMES = re.compile(r'[@<>"\\]')


def display_name_clean(name: str) -> str:
    """`name` without the characters that could make it look like an address, with its
    white space folded."""
    return " ".join(_NOT_IN_DISPLAY_NAMES.sub(" ", name).split())


def from_header(from_name: str) -> str:
    """'Rosa Diaz via Beacon <noreply@beacon…>' or Beacon's own name; never the
    supporter's address (DMARC), and never a name that poses as an address."""
    from_name = display_name_clean(from_name)
    if from_name:
        display = _("%(name)s via %(site)s") % {"name": from_name, "site": conf.site_name()}
    else:
        display = conf.from_display_name()
    return formataddr((display, conf.from_address()))


def build_email(message: OutboundMessage) -> EmailMultiAlternatives:
    """The email for `message`: plain text always, HTML as an alternative when given,
    the stable Message-ID, Reply-To the supporter when given."""
    headers = dict(message.headers or {})
    headers["Message-ID"] = message.message_id
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=from_header(message.from_name),
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    # Read by django-anymail backends only (sent as ESP metadata, returned in webhook
    # events); the SMTP backend ignores it.
    email.metadata = {"beacon_message_id": message.message_id}  # type: ignore[attr-defined]
    return email
