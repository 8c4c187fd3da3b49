"""A telephony Script as the Twilio provider and its fake twin answer it."""

from beacon.delivery.telephony.providers.fake import FakeTelephony
from beacon.delivery.telephony.script import Dial, Gather, Hangup, Say, Script


def test_a_script_becomes_twiml_behind_the_port():
    script = Script(
        [
            Gather(action="/g/", prompts=(Say("Press 1.", "es-US"),), timeout=10),
            Dial(number="+16177220000", action="/d/", status_callback="/l/", caller_id="+1617"),
            Hangup(),
        ]
    )

    body, content_type = FakeTelephony().webhook_response(script)

    assert content_type == "text/xml; charset=utf-8"
    assert '<Gather action="/g/" method="POST" numDigits="1" timeout="10">' in body
    assert '<Say language="es-US">Press 1.</Say>' in body
    assert '<Number statusCallback="/l/"' in body and "+16177220000</Number>" in body
    assert body.endswith("<Hangup /></Response>")
    assert not Script()


def test_the_signature_header_is_the_provider_s_business():
    fake, url, params = FakeTelephony(), "https://beacon.example/calls/hooks/x/answer/", {"A": "1"}
    headers = {"X-Twilio-Signature": fake.sign(url, params)}

    assert fake.webhook_valid(url=url, params=params, headers=headers)
    assert not fake.webhook_valid(url=url, params=params, headers={})
