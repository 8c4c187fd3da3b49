"""The boundary between Beacon and whatever places phone calls."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .script import Script


class TelephonyError(Exception):
    """The provider refused or could not place a call. `reason` is short and carries no
    phone number or other personal data."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Telephony(Protocol):
    """Places outbound calls and vouches for its own webhooks."""

    @property
    def caller_id(self) -> str:
        """Beacon's own number in E.164 form, shown to everyone Beacon rings."""
        ...

    def call_create(self, *, to: str, url: str, status_callback: str) -> str:
        """Ring `to` (E.164) from `caller_id`; when answered, fetch instructions from
        `url`; report the call's final status to `status_callback`. Return the provider's
        call id. Raise TelephonyError if the call cannot be placed."""
        ...

    def signature_valid(self, *, url: str, params: Mapping[str, str], signature: str) -> bool:
        """Whether a webhook request to the full public `url` with POST `params` carries
        the provider's valid `signature` header."""
        ...

    def webhook_valid(
        self, *, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> bool:
        """Whether a webhook request to `url` with POST `params` and these HTTP `headers`
        was sent by the provider (it knows which header carries its signature)."""
        ...

    def webhook_response(self, script: Script) -> tuple[str, str]:
        """(body, content type) that makes the provider play `script`."""
        ...
