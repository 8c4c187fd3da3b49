"""Send through Django's configured email backend: SMTP in development and tests,
a django-anymail backend (Postmark, Mailgun, Amazon SES, ...) in production."""

from __future__ import annotations

import re
import smtplib

from django.core.mail import EmailMultiAlternatives, get_connection

from beacon.delivery.ports import PermanentDeliveryError, TemporaryDeliveryError

_ADDRESS = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")


def scrub(text: object, limit: int = 300) -> str:
    """`text` as one short line with email addresses removed, safe to store and log."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    line = " ".join(str(text).split())
    return _ADDRESS.sub("<address>", line)[:limit]


class DjangoMailProvider:
    """A MailProvider over `django.core.mail` backends, chosen by EMAIL_BACKEND."""

    def send(self, message: EmailMultiAlternatives) -> str:
        """Send one message over a fresh connection; return the ESP's id when known.

        SMTP replies are classified by their code (4xx temporary, 5xx permanent);
        connection problems and timeouts are temporary; anymail's errors by status.
        """
        try:
            connection = get_connection(fail_silently=False)
            message.connection = connection
            sent = message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _text in exc.recipients.values()]
            raise _from_code(min(codes, default=550), exc.recipients.values()) from exc
        except smtplib.SMTPResponseException as exc:
            # SMTPDataError, SMTPSenderRefused, SMTPAuthenticationError, ...
            if isinstance(exc, smtplib.SMTPAuthenticationError):
                raise TemporaryDeliveryError(f"SMTP authentication {exc.smtp_code}") from exc
            raise _from_code(exc.smtp_code, [(exc.smtp_code, exc.smtp_error)]) from exc
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as exc:
            raise TemporaryDeliveryError(f"SMTP connection: {scrub(exc)}") from exc
        except TimeoutError as exc:
            raise TemporaryDeliveryError("timeout") from exc
        except (ConnectionError, OSError) as exc:
            raise TemporaryDeliveryError(f"connection: {type(exc).__name__}") from exc
        except Exception as exc:
            _raise_for_anymail(exc)
            raise
        if not sent:
            raise TemporaryDeliveryError("backend reported nothing sent")
        return _anymail_message_id(message)


def _from_code(code: int, replies) -> TemporaryDeliveryError | PermanentDeliveryError:
    text = "; ".join(f"{c} {scrub(t)}" for c, t in replies)
    if 400 <= code < 500:
        return TemporaryDeliveryError(f"SMTP {text}")
    return PermanentDeliveryError(f"SMTP {text}")


def _raise_for_anymail(exc: Exception) -> None:
    """Translate django-anymail's exceptions; return quietly for anything else."""
    try:
        from anymail.exceptions import (
            AnymailAPIError,
            AnymailRecipientsRefused,
            AnymailRequestsAPIError,
        )
    except ImportError:  # pragma: no cover - anymail is a dependency
        return
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
