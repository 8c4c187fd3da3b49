"""What a supporter sees before calling: each target's script and phone lines, with
whether each office is likely open. No writes here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from beacon.actions.letters.composing import recipient_name, template_for
from beacon.campaigns.content import Text, text_for
from beacon.campaigns.merge import merge_context_for, merge_render
from beacon.campaigns.models import CallAsk
from beacon.campaigns.selectors import campaign_get_public
from beacon.campaigns.targeting import ResolvedTarget, targets_resolve
from beacon.officials.models import ContactChannel, Office
from beacon.officials.phones import tel_uri

from ..models import Call, PatchSession
from .hours import office_is_open, office_next_opening

# What a script shows where the caller gave no name or town: a blank to fill in aloud.
BLANK = "____"

CACHE_SECONDS = 5
# How long a call Beacon did not place reads as "calling you now": about as long as a
# provider lets a phone ring before it reports no answer.
RING_SECONDS = 45
VOICE_KINDS = (ContactChannel.Kind.PHONE, ContactChannel.Kind.TOLLFREE)


@dataclass
class Caller:
    """The supporter as merge fields see them (both optional)."""

    first_name: str = ""
    town: str = ""


@dataclass
class PhoneLine:
    """One office of a target, with its voice and TTY numbers and whether it is open."""

    office: Office | None
    label: str
    numbers: list[tuple[str, str]]  # (as printed, tel: URI)
    tty: list[tuple[str, str]]
    is_open: bool
    next_opening: datetime | None

    @property
    def first_number(self) -> str:
        """The number patch-through dials for this office (E.164 and extension)."""
        return self.numbers[0][1] if self.numbers else ""


@dataclass
class CallSheet:
    """One target as the supporter sees it: who, what to say, where to call."""

    index: int
    target: ResolvedTarget
    name: str
    script: str
    voicemail: str
    lines: list[PhoneLine] = field(default_factory=list)
    # The languages the script and the voicemail script are written in: the supporter's
    # where the organizer translated them, else the campaign's main language.
    script_language: str = "en"
    voicemail_language: str = "en"

    @property
    def script_text(self) -> Text:
        return Text(self.script, self.script_language)

    @property
    def voicemail_text(self) -> Text:
        return Text(self.voicemail, self.voicemail_language)

    @property
    def is_reachable(self) -> bool:
        return self.target.official is not None and any(line.numbers for line in self.lines)

    @property
    def is_open(self) -> bool:
        return any(line.is_open and line.numbers for line in self.lines)

    @property
    def next_opening(self) -> datetime | None:
        openings = [line.next_opening for line in self.lines if line.numbers and line.next_opening]
        return min(openings) if openings else None


def call_ask_get_public(*, slug: str, action_slug: str) -> CallAsk:
    """A call ask of a published campaign; Http404 for anything else."""
    campaign = campaign_get_public(slug=slug)
    found = CallAsk.objects.filter(campaign=campaign, slug=action_slug).first()
    if found is None:
        raise Http404("call ask")
    found.campaign = campaign
    return found


def office_label(office: Office | None) -> str:
    """How the call list names an office: in Massachusetts the capitol office is the
    State House office; a named office keeps its name."""
    if office is None:
        return _("Phone")
    if office.name:
        return office.name
    if office.kind == Office.Kind.CAPITOL:
        return _("State House office")
    return office.display_name


def _office_line(office: Office | None, channels, at: datetime) -> PhoneLine | None:
    numbers, tty = [], []
    for channel in channels:
        uri = tel_uri(channel.value)
        if not uri:
            continue
        if channel.kind in VOICE_KINDS:
            numbers.append((channel.value, uri))
        elif channel.kind == ContactChannel.Kind.TTY:
            tty.append((channel.value, uri))
    if not numbers and not tty:
        return None
    label = office_label(office)
    return PhoneLine(
        office, label, numbers, tty, office_is_open(office, at), office_next_opening(office, at)
    )


def phone_lines_for(official, *, at: datetime) -> list[PhoneLine]:
    """The official's offices with a phone, State House (capitol) office first, then
    district offices, then numbers not tied to an office."""
    if official is None:
        return []
    offices = sorted(
        getattr(official, "office_list", None) or [],
        key=lambda o: (o.kind != Office.Kind.CAPITOL, o.position, o.pk),
    )
    lines = [_office_line(o, o.channel_list, at) for o in offices]
    direct = getattr(official, "direct_channels", [])
    lines.append(_office_line(None, direct, at))
    return [line for line in lines if line is not None]


def script_for(scripts, *, rule, is_cosponsor: bool):
    """The script for a target reached through `rule`: one written for that rule first,
    then the ask's general scripts; within each, the audience's (thank or ask) before
    the one for everyone."""
    own = [s for s in scripts if s.target_id == rule.pk]
    general = [s for s in scripts if s.target_id is None]
    return template_for(own, is_cosponsor=is_cosponsor) or template_for(
        general, is_cosponsor=is_cosponsor
    )


def call_sheets_for(ask: CallAsk, *, divisions, caller: Caller, at: datetime) -> list[CallSheet]:
    """Every target of `ask` for a supporter in `divisions`, with the script for its
    audience (cosponsors thanked, others asked) fully merged, and its phone lines. Each
    script is in the active language where the organizer translated it, else in the
    campaign's main language (ADR 0014)."""
    rules = list(ask.targets.select_related("official", "committee"))
    bills = list(ask.bills.all())
    scripts = list(ask.scripts.select_related("ask__campaign"))
    sheets = []
    for index, target in enumerate(targets_resolve(rules, divisions=divisions, bills=bills)):
        script = script_for(scripts, rule=target.rule, is_cosponsor=target.is_cosponsor)
        bill = target.cosponsored[0] if target.cosponsored else (bills[0] if bills else None)
        main = ask.campaign.language
        said = text_for(script, "script") if script else Text("", main)
        short = text_for(script, "voicemail_script") if script else Text("", main)
        sheets.append(
            CallSheet(
                index=index,
                target=target,
                name=recipient_name(target),
                script=_merged(said, caller=caller, target=target, bill=bill),
                voicemail=_merged(short, caller=caller, target=target, bill=bill),
                lines=_lines_for_target(target, at=at),
                script_language=said.language,
                voicemail_language=short.language,
            )
        )
    return sheets


def _merged(text: Text, *, caller: Caller, target: ResolvedTarget, bill) -> str:
    """A script merged with titles in its own language, not the page's; a name or town
    the caller did not give stays a blank to say aloud, as on paper call sheets."""
    if not text.value:
        return ""
    with translation.override(text.language):
        context = merge_context_for(supporter=caller, target=target, bill=bill)
    context = replace(context, first_name=context.first_name or BLANK, town=context.town or BLANK)
    return merge_render(text.value, context)


def _lines_for_target(target: ResolvedTarget, *, at: datetime) -> list[PhoneLine]:
    """The target's phone lines. A seat awaiting updated data is still an office: the
    Governor's office keeps its numbers (the last holder's, which are the office's); a
    legislative seat is reached through the State House main line."""
    if not target.is_awaiting_data or target.seat is None:
        return phone_lines_for(target.official, at=at)
    if target.seat_type == "governor":
        return phone_lines_for(target.seat.last_holder, at=at)
    from beacon.officials.models import Jurisdiction

    phone = Jurisdiction.objects.values_list("main_phone", flat=True).first() or ""
    uri = tel_uri(phone)
    if not uri:
        return []
    return [
        PhoneLine(
            None,
            _("State House main line"),
            [(phone, uri)],
            [],
            office_is_open(None, at),
            office_next_opening(None, at),
        )
    ]


def call_ask_progress(*, ask: CallAsk) -> dict:
    """How many calls reached an office (talked to staff or left a voicemail), cached
    briefly so a crowd of readers is not a crowd of COUNT queries."""
    key = f"calls:{ask.pk}:count"
    count = cache.get(key)
    if count is None:
        count = Call.objects.filter(ask=ask, outcome__in=Call.COUNTED).count()
        cache.set(key, count, CACHE_SECONDS)
    return {"count": count}


def patch_session_status_shown(*, session: PatchSession, now: datetime) -> str:
    """The status the requester's page shows. A call Beacon did not place because the
    number was at its hourly limit reads as ringing and then as not answered, exactly
    like a call to a phone nobody picks up, so the page never says that this number was
    called recently (ADR 0009)."""
    if session.status != PatchSession.Status.SUPPRESSED:
        return session.status
    if now - session.created_at < timedelta(seconds=RING_SECONDS):
        return PatchSession.Status.RINGING
    return PatchSession.Status.FAILED
