"""The boundary between delivery and whatever actually transmits mail."""

from __future__ import annotations

from typing import Protocol

from django.core.mail import EmailMultiAlternatives


class DeliveryError(Exception):
    """A send did not succeed. `reason` is short and carries no personal data."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TemporaryDeliveryError(DeliveryError):
    """Worth retrying later: SMTP 4xx, refused or dropped connection, timeout, ESP 5xx."""


class PermanentDeliveryError(DeliveryError):
    """Retrying will not help: SMTP 5xx, invalid or rejected recipient, ESP 4xx."""


class MailProvider(Protocol):
    """Transmits one fully composed message."""

    def send(self, message: EmailMultiAlternatives) -> str:
        """Send `message` once. Return the provider's id for it ("" if it has none).

        Raise TemporaryDeliveryError or PermanentDeliveryError on failure; any other
        exception is treated as temporary by the caller.
        """
        ...
