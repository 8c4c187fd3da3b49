"""Twilio: outbound calls through the REST API and X-Twilio-Signature checks.

Settings (Django settings or environment): BEACON_TWILIO_ACCOUNT_SID,
BEACON_TWILIO_AUTH_TOKEN, BEACON_TWILIO_CALLER_ID (a Twilio number of Beacon's own, E.164)
and BEACON_TWILIO_API_URL (https://api.twilio.com; tests point it at a local server).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from ..conf import setting
from ..ports import TelephonyError
from ..script import Script
from ..twiml import twiml_render

SIGNATURE_HEADER = "X-Twilio-Signature"

# The twilio package logs request URLs and headers at INFO; ours carry no personal data,
# but keep the package quiet anyway.
_quiet = logging.getLogger("beacon.telephony.twilio_http")
_quiet.setLevel(logging.WARNING)


class TwilioTelephony:
    """The Telephony port over Twilio's Programmable Voice REST API."""

    def __init__(self) -> None:
        self.account_sid = setting("BEACON_TWILIO_ACCOUNT_SID")
        self.auth_token = setting("BEACON_TWILIO_AUTH_TOKEN")
        self.api_url = setting("BEACON_TWILIO_API_URL").rstrip("/")
        self.timeout = float(setting("BEACON_TWILIO_TIMEOUT"))
        self._caller_id = setting("BEACON_TWILIO_CALLER_ID")

    @property
    def caller_id(self) -> str:
        """Beacon's Twilio number (BEACON_TWILIO_CALLER_ID)."""
        return self._caller_id

    def _client(self) -> Client:
        http = TwilioHttpClient(timeout=self.timeout, logger=_quiet)
        client = Client(self.account_sid, self.auth_token, http_client=http)
        client.api.base_url = self.api_url
        return client

    def call_create(self, *, to: str, url: str, status_callback: str) -> str:
        """POST /2010-04-01/Accounts/{sid}/Calls.json; return the new call's Sid.

        Raises TelephonyError (with Twilio's error code, never the number) on refusal,
        network failure or missing configuration."""
        if not (self.account_sid and self.auth_token and self.caller_id):
            raise TelephonyError("twilio is not configured")
        try:
            call = self._client().calls.create(
                to=to,
                from_=self.caller_id,
                url=url,
                method="POST",
                status_callback=status_callback,
                status_callback_method="POST",
                status_callback_event=["completed"],
            )
        except TwilioRestException as error:
            raise TelephonyError(f"twilio refused the call (code {error.code})") from None
        except (TwilioException, OSError) as error:
            raise TelephonyError(f"twilio unreachable ({type(error).__name__})") from None
        return str(call.sid)

    def signature_valid(self, *, url: str, params: Mapping[str, str], signature: str) -> bool:
        """Check X-Twilio-Signature with the twilio package's RequestValidator."""
        if not (self.auth_token and signature):
            return False
        return bool(RequestValidator(self.auth_token).validate(url, params, signature))

    def webhook_valid(
        self, *, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> bool:
        """Check the request's X-Twilio-Signature header."""
        return self.signature_valid(
            url=url, params=params, signature=headers.get(SIGNATURE_HEADER, "")
        )

    def webhook_response(self, script: Script) -> tuple[str, str]:
        """The script as TwiML."""
        return twiml_render(script), "text/xml; charset=utf-8"
