"""A fake twin of the Twilio provider for tests and `make run`: it places no call, keeps
what it was asked in memory, and signs and checks webhooks exactly as Twilio does
(RequestValidator with a fixed token), so the same webhook code runs against it."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import TypedDict

from twilio.request_validator import RequestValidator

from ..conf import setting
from ..ports import TelephonyError
from ..script import Script
from ..twiml import twiml_render
from .twilio import SIGNATURE_HEADER

FAKE_AUTH_TOKEN = "fake-telephony-token"

# One call the fake was asked to place ("from" is a keyword, hence the functional form).
PlacedCall = TypedDict(
    "PlacedCall", {"sid": str, "to": str, "from": str, "url": str, "status_callback": str}
)


class FakeTelephony:
    """Records each requested call in `FakeTelephony.placed` (a class-level list)."""

    placed: list[PlacedCall] = []
    # Set to a reason to make the next calls fail, as a provider outage would.
    failure: str = ""

    @property
    def caller_id(self) -> str:
        """BEACON_TWILIO_CALLER_ID, or a fictional 555 number."""
        return setting("BEACON_TWILIO_CALLER_ID") or "+16175550100"

    def call_create(self, *, to: str, url: str, status_callback: str) -> str:
        """Record the request and return a Twilio-shaped call Sid ("CA" + 32 hex)."""
        if self.failure:
            raise TelephonyError(self.failure)
        sid = "CA" + secrets.token_hex(16)
        self.placed.append(
            {
                "sid": sid,
                "to": to,
                "from": self.caller_id,
                "url": url,
                "status_callback": status_callback,
            }
        )
        return sid

    def signature_valid(self, *, url: str, params: Mapping[str, str], signature: str) -> bool:
        """Twilio's own check, with the fake's fixed token."""
        return bool(signature) and RequestValidator(FAKE_AUTH_TOKEN).validate(
            url, params, signature
        )

    def webhook_valid(
        self, *, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> bool:
        """Check the request's X-Twilio-Signature header, as Twilio's provider does."""
        return self.signature_valid(
            url=url, params=params, signature=headers.get(SIGNATURE_HEADER, "")
        )

    def webhook_response(self, script: Script) -> tuple[str, str]:
        """The script as TwiML, as Twilio's provider answers."""
        return twiml_render(script), "text/xml; charset=utf-8"

    @staticmethod
    def sign(url: str, params: Mapping[str, str]) -> str:
        """The X-Twilio-Signature Twilio would send for this request (for tests)."""
        signature: str = RequestValidator(FAKE_AUTH_TOKEN).compute_signature(url, params)
        return signature
