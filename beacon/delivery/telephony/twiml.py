"""A `Script` as Twilio's TwiML, shared by the Twilio provider and its fake twin."""

from __future__ import annotations

from twilio.twiml.voice_response import VoiceResponse

from .script import Dial, Gather, Hangup, Say, Script


def twiml_render(script: Script) -> str:
    """The TwiML document that plays `script`."""
    response = VoiceResponse()
    for step in script.steps:
        if isinstance(step, Say):
            response.say(step.text, language=step.language)
        elif isinstance(step, Gather):
            gather = response.gather(
                num_digits=step.num_digits, action=step.action, method="POST", timeout=step.timeout
            )
            for prompt in step.prompts:
                gather.say(prompt.text, language=prompt.language)
        elif isinstance(step, Dial):
            dial = response.dial(
                action=step.action, method="POST", timeout=step.timeout, caller_id=step.caller_id
            )
            dial.number(
                step.number,
                send_digits=step.send_digits or None,
                status_callback=step.status_callback,
                status_callback_event="completed",
                status_callback_method="POST",
            )
        elif isinstance(step, Hangup):
            response.hangup()
    xml: str = response.to_xml()
    return xml
