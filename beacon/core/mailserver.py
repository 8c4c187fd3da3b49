"""A real local SMTP server (aiosmtpd) for development and tests.

Every message it accepts is written to a directory as an .eml file (one file per recipient
envelope, named by arrival time) and kept in memory for tests. `beacon mailserver` runs it
on its own; `beacon run_stack` starts it beside the web server and the worker.
"""

from __future__ import annotations

import email
import email.policy
import threading
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

# A hook that may answer an incoming message with an SMTP reply instead of accepting it,
# such as "451 4.3.0 Try again later"; tests use it to imitate a real server's failures.
Responder = Callable[[Envelope], str | None]


class StoringHandler:
    """Accepts every message, stores it as .eml and remembers it for tests."""

    def __init__(self, directory: Path | None = None, responder: Responder | None = None):
        self.directory = directory
        self.responder = responder
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Envelope] = []
        self._lock = threading.Lock()
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.responder is not None:
            reply = self.responder(envelope)
            if reply:
                return reply
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        # aiosmtpd sets the content before it calls handle_DATA.
        assert raw is not None
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if self.directory is not None:
            # The 12 hex digits come from a nanosecond clock, so names sort by arrival
            # even within one second (the /dev/mail/ list relies on it).
            name = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % (1 << 48):012x}.eml"
            tmp = self.directory / (name + ".tmp")
            tmp.write_bytes(raw)
            tmp.rename(self.directory / name)
        with self._lock:
            self.messages.append(message)
            self.envelopes.append(envelope)
        return "250 2.0.0 Message accepted"

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()


class MailServer:
    """An aiosmtpd server in a background thread; `with MailServer(...) as server:`."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        directory: Path | None = None,
        responder: Responder | None = None,
    ):
        self.handler = StoringHandler(directory=directory, responder=responder)
        if port == 0:
            port = _free_port(host)
        self.host, self.port = host, port
        self.controller = Controller(self.handler, hostname=host, port=port, ready_timeout=10)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """Wait until at least `count` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while len(self.handler.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.handler.messages)

    def start(self) -> MailServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def __enter__(self) -> MailServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _free_port(host: str) -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def read_mailbox(directory: Path) -> list[tuple[str, EmailMessage]]:
    """The stored .eml files, newest first, as (file name, parsed message)."""
    if not directory.exists():
        return []
    items: list[tuple[str, EmailMessage]] = []
    for path in sorted(directory.glob("*.eml"), reverse=True):
        with path.open("rb") as handle:
            items.append(
                (path.name, email.message_from_binary_file(handle, policy=email.policy.default))
            )
    return items
