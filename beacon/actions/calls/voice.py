"""Patch-through calls, second half: what Beacon asks of the call at each step (a
telephony `Script`, which the provider turns into its own markup), and what each signed
webhook records.

Steps: the supporter answers -> a short introduction in their language and "press 1"
(a check that a person, not a voicemail box, answered) -> each target's offices dialled
in turn, State House first; a busy or unanswered line moves on to that official's next
office, a connected one to the next official -> goodbye. Every leg's outcome becomes a
Call row keyed by the provider's leg id, so a replayed callback changes nothing.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from beacon.campaigns.content import text_for
from beacon.delivery.telephony.conf import telephony_get
from beacon.delivery.telephony.script import Dial, Gather, Hangup, Say, Script

from ..models import Call, PatchSession
from .patch import webhook_url

# Session names in webhook URLs: secrets.token_urlsafe output, within the column's length.
PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,48}")
# Voices (BCP 47 tags for Say) by site language. No voice speaks Haitian Creole: those callers
# hear the English text rather than Creole read by a French voice.
VOICES = {"en": "en-US", "es": "es-US", "pt": "pt-BR", "zh-hans": "cmn-CN", "vi": "vi-VN"}
LEG_OUTCOMES = {
    "completed": Call.Outcome.TALKED_TO_STAFF,
    "answered": Call.Outcome.TALKED_TO_STAFF,
    "in-progress": Call.Outcome.TALKED_TO_STAFF,
    "busy": Call.Outcome.BUSY,
    "no-answer": Call.Outcome.NO_ANSWER,
    "failed": Call.Outcome.NO_ANSWER,
    "canceled": Call.Outcome.NO_ANSWER,
}
FINAL_STATUSES = {"completed", "busy", "no-answer", "failed", "canceled"}
DIAL_TIMEOUT_SECONDS = 25


# The sentence whose translation decides the spoken language (see voice_for).
INTRO = gettext_noop(
    "Hello. This is a call you asked for, about %(title)s. We will connect "
    "you to %(names)s. Press 1 to start."
)


def voice_for(language: str, *, is_translated: bool) -> tuple[str, str]:
    """(language to speak in, voice for Say). A language without a voice, or whose
    call texts are not translated yet, is spoken in English by an English voice: a
    Spanish voice reading English text helps nobody."""
    if language in VOICES and (is_translated or language == "en"):
        return language, VOICES[language]
    return "en", VOICES["en"]


def _voice(session: PatchSession) -> tuple[str, str]:
    with translation.override(session.language):
        translated = _(INTRO) != INTRO
    return voice_for(session.language, is_translated=translated)


def _say(session: PatchSession, text: str) -> Say:
    return Say(text, language=_voice(session)[1])


def _goodbye(session: PatchSession, text: str) -> Script:
    return Script([_say(session, text), Hangup()])


def session_get_for_hook(public_id: str) -> PatchSession | None:
    """The session a webhook URL names, with its ask and campaign, or None. A name
    outside the alphabet of `secrets.token_urlsafe` is None without a query: PostgreSQL
    refuses a NUL byte in a text comparison with an error, not a miss."""
    if not PUBLIC_ID.fullmatch(public_id):
        return None
    return PatchSession.objects.select_related("ask__campaign").filter(public_id=public_id).first()


def patch_answer_script(session: PatchSession) -> Script:
    """The supporter picked up: introduce the call and ask them to press 1."""
    with translation.override(_voice(session)[0]):
        if session.is_finished:
            return _goodbye(session, _("This call has ended. Goodbye."))
        names = ", ".join(target["name"] for target in session.plan)
        title = text_for(session.ask.campaign, "title")  # In the voice's language if written.
        intro = _(INTRO) % {"title": title, "names": names}
        return Script(
            [
                Gather(
                    action=webhook_url("call-hook-gather", session),
                    prompts=(_say(session, intro),),
                    timeout=10,
                ),
                _say(session, _("We did not hear a key, so we will not connect you. Goodbye.")),
                Hangup(),
            ]
        )


@transaction.atomic
def patch_digits_record(session: PatchSession, digits: str) -> Script:
    """The key the supporter pressed: 1 starts dialling; anything else ends the call."""
    session = PatchSession.objects.select_for_update().get(pk=session.pk)
    with translation.override(_voice(session)[0]):
        if session.is_finished:
            return _goodbye(session, _("This call has ended. Goodbye."))
        if digits != "1":
            return _goodbye(session, _("We will not connect you. Goodbye."))
        if not session.has_human:
            session.has_human = True
            session.status = PatchSession.Status.CONNECTING
            session.save(update_fields=["has_human", "status"])
        return _dial_script(session)


def _dial_script(session: PatchSession, script: Script | None = None) -> Script:
    """Dial the office at the session's position, or say goodbye when all are done;
    appended to `script` when given."""
    script = script or Script()
    if session.target_index >= len(session.plan):
        text = _("That was everyone. Thank you for calling. Goodbye.")
        script.steps += [_say(session, text), Hangup()]
        return script
    target = session.plan[session.target_index]
    office = target["offices"][session.office_index]
    position = {"target": session.target_index, "office": session.office_index}
    text = _("Connecting you to %(name)s, %(office)s.") % {
        "name": target["name"],
        "office": office["label"],
    }
    provider = telephony_get()
    # Scripts answer webhooks, which signed_webhook refuses when no provider is set.
    assert provider is not None
    script.steps += [
        _say(session, text),
        Dial(
            number=office["number"],
            send_digits=office["digits"] or "",
            action=webhook_url("call-hook-dialed", session, **position),
            status_callback=webhook_url("call-hook-leg", session, **position),
            caller_id=provider.caller_id,
            timeout=DIAL_TIMEOUT_SECONDS,
        ),
    ]
    return script


def _rating_then_dial(session: PatchSession, target: int, office: int) -> Script:
    """After a connected leg: ask whether a person or a voicemail answered (the provider
    cannot tell), then, whether or not a key comes, go on to the next office."""
    prompt = _("If you spoke with a person, press 1. If you left a voicemail, press 2.")
    gather = Gather(
        action=webhook_url("call-hook-rated", session, target=target, office=office),
        prompts=(_say(session, prompt),),
        timeout=5,
    )
    return _dial_script(session, Script([gather]))


def _leg_save(session: PatchSession, target: int, office: int, leg_sid: str, status: str):
    """The Call row for one leg, created once whichever callback reports it first."""
    entry = session.plan[target]
    outcome = LEG_OUTCOMES.get(status, Call.Outcome.NO_ANSWER)
    call, _created = Call.objects.get_or_create(
        provider_sid=leg_sid,
        defaults={
            "ask": session.ask,
            "official_id": entry["official"],
            "division_id": entry["division"],
            "office_id": entry["offices"][office]["office"],
            "target_name": entry["name"][:255],
            "outcome": outcome,
            "via": Call.Via.PATCH,
            "session": session,
        },
    )
    return call


@transaction.atomic
def patch_leg_record(
    session: PatchSession, *, target: int, office: int, leg_sid: str, status: str, advance: bool
) -> Script:
    """Record one office leg (idempotent on `leg_sid`); when `advance` (the Dial's own
    callback) and the session still stands at this leg, move on and return the script of
    the next step (an empty one otherwise). A replay finds the position already moved and
    just repeats it."""
    session = PatchSession.objects.select_for_update().get(pk=session.pk)
    if not (0 <= target < len(session.plan) and 0 <= office < len(session.plan[target]["offices"])):
        return Script([Hangup()])
    if status in LEG_OUTCOMES:
        # A leg that never rang (a failed <Number>) comes without an id: key it by its
        # position, which is just as unique within the session and as safe to replay.
        _leg_save(session, target, office, leg_sid or f"pos:{session.pk}:{target}:{office}", status)
    with translation.override(_voice(session)[0]):
        if not advance:
            return Script()
        if session.is_finished:
            return _goodbye(session, _("This call has ended. Goodbye."))
        if (session.target_index, session.office_index) == (target, office) and status:
            connected = LEG_OUTCOMES.get(status) == Call.Outcome.TALKED_TO_STAFF
            last_office = office + 1 >= len(session.plan[target]["offices"])
            if connected or last_office:
                session.target_index, session.office_index = target + 1, 0
            else:
                session.office_index = office + 1
            session.save(update_fields=["target_index", "office_index"])
            if connected:
                return _rating_then_dial(session, target, office)
        return _dial_script(session)


@transaction.atomic
def patch_leg_rate(session: PatchSession, *, target: int, office: int, digits: str) -> Script:
    """The supporter's answer after a connected leg: 1 a person, 2 a voicemail. Sets that
    leg's outcome (both count) and goes on to the next office; any other key, or a
    replay, changes nothing but the same next step."""
    session = PatchSession.objects.select_for_update().get(pk=session.pk)
    outcome = {"1": Call.Outcome.TALKED_TO_STAFF, "2": Call.Outcome.LEFT_VOICEMAIL}.get(digits)
    if (
        outcome
        and 0 <= target < len(session.plan)
        and 0 <= office < len(session.plan[target]["offices"])
    ):
        entry = session.plan[target]
        Call.objects.filter(
            session=session,
            official_id=entry["official"],
            office_id=entry["offices"][office]["office"],
            outcome__in=Call.COUNTED,
        ).update(outcome=outcome)
    with translation.override(_voice(session)[0]):
        if session.is_finished:
            return _goodbye(session, _("This call has ended. Goodbye."))
        return _dial_script(session)


@transaction.atomic
def patch_status_record(session: PatchSession, *, call_sid: str, status: str) -> None:
    """The provider's final status for the supporter's own call. A completed call ends
    the session; one never answered fails it. Replays and other calls' ids change
    nothing."""
    session = PatchSession.objects.select_for_update().get(pk=session.pk)
    if session.is_finished or call_sid != session.provider_sid or status not in FINAL_STATUSES:
        return
    answered = status == "completed"
    session.status = PatchSession.Status.COMPLETED if answered else PatchSession.Status.FAILED
    session.ended_at = timezone.now()
    session.save(update_fields=["status", "ended_at"])
