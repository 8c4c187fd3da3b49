"""Emailed links as supporters get them: read from the mail the test SMTP server received.

Once a message is sent, the outbox keeps only a redacted copy of its body (delivery
redacts tokens, docs/security.md), so tests take links from the received mail, as a
supporter does. tests/conftest.py registers the session's server here.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import getaddresses

from beacon.core.mailserver import MailServer

_servers: list[MailServer] = []


def inbox_register(server: MailServer) -> None:
    _servers[:] = [server]


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    return body.get_content() if body is not None else ""


def emailed_match(to: str, pattern: re.Pattern[str], *, first: bool = False) -> re.Match[str]:
    """`pattern`'s match in the latest (or `first`) mail received for the address `to`,
    exactly as typed; AssertionError when no such mail holds one."""
    received = [m for m in _servers[0].messages if to in {a for _n, a in getaddresses([m["To"]])}]
    found = [match for m in received if (match := pattern.search(_text(m)))]
    assert found, f"no mail to {to} holds {pattern.pattern}"
    return found[0] if first else found[-1]
