"""Send through Django's configured email backend: SMTP in development and tests,
a django-anymail backend (Postmark, Mailgun, Amazon SES, ...) in production."""

from __future__ import annotations

import re
import smtplib
import threading
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from beacon.delivery.ports import PermanentDeliveryError, TemporaryDeliveryError

_ADDRESS = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")


def scrub(text: object, limit: int = 300) -> str:
    """`text` as one short line with email addresses removed, safe to store and log."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    line = " ".join(str(text).split())
    return _ADDRESS.sub("<address>", line)[:limit]


class DjangoMailProvider:
    """A MailProvider over `django.core.mail` backends, chosen by EMAIL_BACKEND.

    Each thread keeps its connection open between messages (an SMTP session, an ESP's
    HTTP session): opening an SMTP session costs three round trips per message. An SMTP
    session is checked with NOOP before reuse and closed after any error or when idle
    too long, so a reused session never turns a healthy message into a retry.
    """

    _local = threading.local()
    # Servers drop idle sessions; past this we open a new one instead of probing.
    max_idle_seconds = 20.0

    def send(self, message: EmailMultiAlternatives) -> str:
        """Send one message; return the ESP's id when known ("" for SMTP).

        SMTP replies are classified by their code (4xx temporary, 5xx permanent);
        connection problems and timeouts are temporary; anymail's errors by status.
        """
        try:
            message.connection = self._connection()
            sent = message.send(fail_silently=False)
            self._local.used_at = time.monotonic()
        except Exception as exc:
            self.close()
            _raise_classified(exc)
            raise
        if not sent:
            raise TemporaryDeliveryError("backend reported nothing sent")
        return _anymail_message_id(message)

    def _connection(self) -> BaseEmailBackend:
        """This thread's open connection, checked; a new one if missing or stale."""
        connection: BaseEmailBackend | None = getattr(self._local, "connection", None)
        idle = time.monotonic() - getattr(self._local, "used_at", 0.0)
        key = _settings_key()
        if connection is not None and (
            key != getattr(self._local, "key", None)
            or idle > self.max_idle_seconds
            or not _alive(connection)
        ):
            self.close()
            connection = None
        if connection is None:
            connection = get_connection(fail_silently=False)
            connection.open()
            self._local.connection, self._local.key = connection, key
        return connection

    @classmethod
    def close(cls) -> None:
        """Close this thread's connection, ignoring errors (it may be half dead)."""
        connection = getattr(cls._local, "connection", None)
        cls._local.connection = None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # Closing a broken session may fail; it is gone either way.
                pass


def _settings_key() -> tuple[object, ...]:
    """The settings a connection was opened with; a change (tests, reload) reopens it."""
    names = ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS")
    return tuple(getattr(settings, name, None) for name in names)


def _alive(connection: BaseEmailBackend) -> bool:
    """False if an open SMTP session no longer answers NOOP; True for other backends."""
    session = getattr(connection, "connection", None)
    if session is None or not hasattr(session, "noop"):
        return True
    try:
        reply: tuple[int, bytes] = session.noop()
        return reply[0] == 250
    except (smtplib.SMTPException, OSError):
        return False


def _raise_classified(exc: Exception) -> None:
    """Raise the DeliveryError for a transport exception; return for unknown ones."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        raise _from_code(min(codes, default=550), exc.recipients.values()) from exc
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        raise TemporaryDeliveryError(f"SMTP authentication {exc.smtp_code}") from exc
    if isinstance(exc, smtplib.SMTPResponseException):
        # SMTPDataError, SMTPSenderRefused, SMTPConnectError, ...
        raise _from_code(exc.smtp_code, [(exc.smtp_code, exc.smtp_error)]) from exc
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        raise TemporaryDeliveryError("SMTP server disconnected") from exc
    if isinstance(exc, TimeoutError):
        raise TemporaryDeliveryError("timeout") from exc
    if isinstance(exc, OSError):
        raise TemporaryDeliveryError(f"connection: {type(exc).__name__}") from exc
    _raise_for_anymail(exc)


def _from_code(
    code: int, replies: Iterable[tuple[int, bytes | str]]
) -> TemporaryDeliveryError | PermanentDeliveryError:
    text = "; ".join(f"{c} {scrub(t)}" for c, t in replies)
    if 400 <= code < 500:
        return TemporaryDeliveryError(f"SMTP {text}")
    return PermanentDeliveryError(f"SMTP {text}")


def _raise_for_anymail(exc: Exception) -> None:
    """Translate django-anymail's exceptions; return quietly for anything else."""
    from anymail.exceptions import (
        AnymailAPIError,
        AnymailRecipientsRefused,
        AnymailRequestsAPIError,
    )

    if isinstance(exc, AnymailRecipientsRefused):
        raise PermanentDeliveryError("provider refused the recipient") from exc
    if isinstance(exc, AnymailRequestsAPIError):
        status = getattr(exc, "status_code", None)
        if status is None or status in (408, 429) or status >= 500:
            raise TemporaryDeliveryError(f"provider API {status}") from exc
        raise PermanentDeliveryError(f"provider API {status}") from exc
    if isinstance(exc, AnymailAPIError):
        raise TemporaryDeliveryError(f"provider: {type(exc).__name__}") from exc


def _anymail_message_id(message: EmailMultiAlternatives) -> str:
    status = getattr(message, "anymail_status", None)
    message_id = getattr(status, "message_id", None)
    return str(message_id) if message_id else ""
