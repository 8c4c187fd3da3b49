"""The Twilio provider against a fake Twilio REST server on 127.0.0.1, fed the documented
payloads in tests/fixtures/twilio/; signature checks with the twilio package's validator;
and the fake twin honouring the same contract."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from twilio.request_validator import RequestValidator

from beacon.delivery.telephony.ports import TelephonyError
from beacon.delivery.telephony.providers.fake import FakeTelephony
from beacon.delivery.telephony.providers.twilio import TwilioTelephony

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "twilio"
ACCOUNT = "AC" + "0" * 32
TOKEN = "twilio-test-auth-token"
CALLER_ID = "+16175550100"


class FakeTwilio(http.server.BaseHTTPRequestHandler):
    """Answers POST .../Calls.json like Twilio; `server.requests` keeps what it got."""

    def do_POST(self):  # noqa: N802 - the base class's name.
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        self.server.requests.append(
            {
                "path": self.path,
                "form": form,
                "authorization": self.headers.get("Authorization", ""),
            }
        )
        if self.server.fail:
            status, body = 400, (FIXTURES / "error_invalid_to.json").read_text()
        else:
            status = 201
            body = (
                (FIXTURES / "call_created.json")
                .read_text()
                .replace("{from}", form["From"][0])
                .replace("{to}", form["To"][0])
            )
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format, *args):  # noqa: A002 - the base class's name.
        pass


@pytest.fixture
def twilio_server(settings):
    """A fake Twilio API on a free loopback port; settings point the provider at it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeTwilio)
    server.requests, server.fail = [], False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BEACON_TWILIO_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.BEACON_TWILIO_ACCOUNT_SID = ACCOUNT
    settings.BEACON_TWILIO_AUTH_TOKEN = TOKEN
    settings.BEACON_TWILIO_CALLER_ID = CALLER_ID
    yield server
    server.shutdown()
    server.server_close()


def test_a_call_is_requested_from_beacons_number(twilio_server):
    sid = TwilioTelephony().call_create(
        to="+14135550123",
        url="https://beacon.example/calls/hooks/abc/answer/",
        status_callback="https://beacon.example/calls/hooks/abc/status/",
    )
    assert sid == "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
    [request] = twilio_server.requests
    assert request["path"] == f"/2010-04-01/Accounts/{ACCOUNT}/Calls.json"
    form = request["form"]
    assert form["From"] == [CALLER_ID] and form["To"] == ["+14135550123"]
    assert form["Url"] == ["https://beacon.example/calls/hooks/abc/answer/"]
    assert form["StatusCallback"] == ["https://beacon.example/calls/hooks/abc/status/"]
    assert form["StatusCallbackEvent"] == ["completed"] and form["Method"] == ["POST"]
    expected = base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
    assert request["authorization"] == f"Basic {expected}"


def test_a_refusal_becomes_a_telephony_error_without_the_number(twilio_server):
    twilio_server.fail = True
    with pytest.raises(TelephonyError) as error:
        TwilioTelephony().call_create(
            to="+14135550123", url="https://b.example/a/", status_callback="https://b.example/s/"
        )
    assert "21211" in error.value.reason and "555" not in error.value.reason


def test_an_unreachable_or_unconfigured_provider_is_a_telephony_error(settings):
    settings.BEACON_TWILIO_API_URL = "http://127.0.0.1:9"  # discard port: refused
    settings.BEACON_TWILIO_ACCOUNT_SID = ACCOUNT
    settings.BEACON_TWILIO_AUTH_TOKEN = TOKEN
    settings.BEACON_TWILIO_CALLER_ID = CALLER_ID
    settings.BEACON_TWILIO_TIMEOUT = "2"
    with pytest.raises(TelephonyError, match="unreachable"):
        TwilioTelephony().call_create(
            to="+14135550123", url="https://b.example/a/", status_callback="https://b.example/s/"
        )
    settings.BEACON_TWILIO_AUTH_TOKEN = ""
    with pytest.raises(TelephonyError, match="not configured"):
        TwilioTelephony().call_create(
            to="+14135550123", url="https://b.example/a/", status_callback="https://b.example/s/"
        )


def test_signatures_are_checked_with_twilios_validator(settings):
    settings.BEACON_TWILIO_AUTH_TOKEN = TOKEN
    url = "https://beacon.example/calls/hooks/abc/gather/"
    params = {"Digits": "1", "CallSid": "CA" + "1" * 32}
    good = RequestValidator(TOKEN).compute_signature(url, params)
    provider = TwilioTelephony()
    assert provider.signature_valid(url=url, params=params, signature=good)
    assert not provider.signature_valid(url=url, params={**params, "Digits": "2"}, signature=good)
    assert not provider.signature_valid(url=url + "x", params=params, signature=good)
    assert not provider.signature_valid(url=url, params=params, signature="")
    wrong_key = RequestValidator("another-token").compute_signature(url, params)
    assert not provider.signature_valid(url=url, params=params, signature=wrong_key)


def test_the_fake_twin_keeps_the_same_contract(settings):
    settings.BEACON_TWILIO_CALLER_ID = CALLER_ID
    FakeTelephony.placed.clear()
    fake = FakeTelephony()
    sid = fake.call_create(
        to="+14135550123", url="https://b.example/a/", status_callback="https://b.example/s/"
    )
    assert sid.startswith("CA") and len(sid) == 34
    assert FakeTelephony.placed[-1]["from"] == CALLER_ID
    url, params = "https://b.example/a/", {"Digits": "1"}
    assert fake.signature_valid(url=url, params=params, signature=fake.sign(url, params))
    assert not fake.signature_valid(
        url=url, params={"Digits": "2"}, signature=fake.sign(url, params)
    )
    FakeTelephony.failure = "down"
    try:
        with pytest.raises(TelephonyError):
            fake.call_create(to="+1", url="u", status_callback="s")
    finally:
        FakeTelephony.failure = ""
        FakeTelephony.placed.clear()
    assert json.loads((FIXTURES / "call_created.json").read_text())["status"] == "queued"
