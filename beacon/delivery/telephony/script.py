"""What Beacon asks of a call in progress, in the telephony port's own types.

The actions app builds a `Script` (say, gather keys, dial, hang up); the provider turns it
into whatever its webhooks must answer (Twilio: TwiML). Nothing outside
beacon.delivery.telephony knows a provider's markup."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Say:
    """Speak `text` with a voice for `language` (a BCP 47 tag such as "es-US")."""

    text: str
    language: str


@dataclass(frozen=True)
class Gather:
    """Speak `prompts` while waiting up to `timeout` seconds for `num_digits` keys, then
    POST them to `action`; without a key the script goes on to its next step."""

    action: str
    prompts: tuple[Say, ...] = ()
    num_digits: int = 1
    timeout: int = 5


@dataclass(frozen=True)
class Dial:
    """Connect the caller to `number` (pressing `send_digits` once answered), showing
    `caller_id`; POST the result to `action` and the leg's final status to
    `status_callback`."""

    number: str
    action: str
    status_callback: str
    caller_id: str
    timeout: int = 25
    send_digits: str = ""


@dataclass(frozen=True)
class Hangup:
    """End the call."""


Step = Say | Gather | Dial | Hangup


@dataclass
class Script:
    """The steps a provider plays in order; an empty script acknowledges a callback
    without instructions."""

    steps: list[Step] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.steps)
