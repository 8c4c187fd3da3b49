"""What each recipient of a letter gets: the template for their audience, merged text,
the supporter's own paragraph, and the office address. No writes here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from beacon.campaigns.content import main_language, page_language, text_in
from beacon.campaigns.merge import merge_context_for, merge_render
from beacon.campaigns.models import LetterAsk, LetterTemplate
from beacon.campaigns.targeting import ResolvedTarget, targets_resolve
from beacon.officials.models import ContactChannel, Official

# What the preview shows where the supporter's name goes; merged for real on submit.
PLACEHOLDERS = {"first_name": "{first_name}", "last_name": "{last_name}"}


@dataclass
class Writer:
    """The supporter as merge fields see them."""

    first_name: str = PLACEHOLDERS["first_name"]
    last_name: str = PLACEHOLDERS["last_name"]
    town: str = ""


@dataclass(frozen=True)
class Translation:
    """The organizer's translation of a letter into the supporter's language: shown
    beside the letter so that they know what they send, and never sent."""

    subject: str
    body: str
    language: str


@dataclass
class Draft:
    """One recipient's letter as the supporter sees it, before anything is written."""

    target: ResolvedTarget
    template: LetterTemplate | None
    subject: str
    body: str
    to_email: str
    recipient_name: str
    held_reason: str = ""
    errors: list[str] = field(default_factory=list)
    # The language offices receive the letter in: its template's (ADR 0014).
    language: str = "en"
    translation: Translation | None = None

    @property
    def is_held(self) -> bool:
        return bool(self.held_reason)

    @property
    def division_name(self) -> str:
        return self.target.division.name if self.target.division else ""


_KIND_FOR_RULE = {"my_senator": "sldu", "my_representative": "sldl"}


def districts_missing(ask: LetterAsk, resolution) -> list[str]:
    """District kinds the ask's constituent rules need that the address gave neither
    for certain nor as candidates to pick from ("sldu", "sldl")."""
    have = {d.kind for d in resolution.divisions} | set(resolution.candidates)
    kinds = {
        _KIND_FOR_RULE[k] for k in ask.targets.values_list("kind", flat=True) if k in _KIND_FOR_RULE
    }
    return sorted(kinds - have)


def template_for(templates: list[LetterTemplate], *, is_cosponsor: bool) -> LetterTemplate | None:
    """The template for a recipient's audience: cosponsors get their thank-you, others the
    ask; "everyone" is the fallback for both."""
    wanted = LetterTemplate.Audience.COSPONSORS if is_cosponsor else LetterTemplate.Audience.OTHERS
    by_audience = {t.audience: t for t in templates}
    return by_audience.get(wanted) or by_audience.get(LetterTemplate.Audience.ALL)


def letter_language(template: LetterTemplate) -> str:
    """The language a template's letters are sent in: the one the organizer chose for
    it, else the campaign's main language. Never the supporter's."""
    return main_language(template)


def subject_pick(template: LetterTemplate, seed: int, language: str | None = None) -> str:
    """One of the template's subject lines in `language` (the letter's by default),
    chosen by the letter's seed, so a hundred letters do not share one subject while one
    letter keeps the subject it previewed."""
    subjects = template.subject_list_in(language or letter_language(template)) or [""]
    return subjects[seed % len(subjects)]


def paragraph_insert(body: str, paragraph: str) -> str:
    """Put the supporter's paragraph before the letter's last paragraph (the sign-off)."""
    paragraph = paragraph.strip()
    if not paragraph:
        return body
    parts = body.rstrip().split("\n\n")
    if len(parts) == 1:
        return f"{body.rstrip()}\n\n{paragraph}"
    return "\n\n".join([*parts[:-1], paragraph, parts[-1]])


def official_email(official: Official | None) -> str:
    """The official's email address: a direct channel first, then any office's."""
    if official is None:
        return ""
    direct = getattr(official, "direct_channels", None)
    if direct is None:
        emails = official.channels.filter(kind=ContactChannel.Kind.EMAIL)
        direct = list(emails.order_by("office_id"))
    for channel in direct:
        if channel.kind == ContactChannel.Kind.EMAIL:
            return channel.value
    for office in getattr(official, "office_list", []):
        for channel in office.channel_list:
            if channel.kind == ContactChannel.Kind.EMAIL:
                return channel.value
    return ""


def recipient_name(target: ResolvedTarget) -> str:
    """ "Senator Rosa Senator", or the vacant seat's description."""
    context = merge_context_for(target=target)
    if target.official is not None:
        return f"{context.official_title} {target.official.name}".strip()
    district = target.division.name if target.division else ""
    if target.is_awaiting_data:
        if not district or target.seat_type == "governor":
            return _("the office of the %(title)s") % {"title": target.title}
        return _("the office of the %(title)s for %(district)s") % {
            "title": target.title,
            "district": district,
        }
    return _("the office of the %(title)s for %(district)s (vacant seat)") % {
        "title": target.title,
        "district": district,
    }


def drafts_for(
    ask: LetterAsk,
    *,
    divisions,
    writer: Writer,
    seed: int = 0,
    personal_paragraph: str = "",
) -> list[Draft]:
    """Every recipient's letter for a supporter in `divisions`, fully merged.

    Vacant seats are held unless the ask sends them to a vacant-seat office; an
    official without an email address is held too (the supporter is told). Each letter,
    titles included, is in its template's language whatever language the page is shown
    in; where the organizer translated the template into the page's language, the draft
    carries that translation to show beside it."""
    reader = page_language()
    rules = list(ask.targets.select_related("official", "committee"))
    bills = list(ask.bills.all())
    templates = list(ask.templates.select_related("ask__campaign"))
    drafts = []
    for target in targets_resolve(rules, divisions=divisions, bills=bills):
        template = template_for(templates, is_cosponsor=target.is_cosponsor)
        bill = target.cosponsored[0] if target.cosponsored else (bills[0] if bills else None)
        language = letter_language(template) if template else ask.campaign.language
        with translation.override(language):
            context = merge_context_for(supporter=writer, target=target, bill=bill)
            subject, body = _merged(template, language, seed, context)
            name = recipient_name(target)
        to_email, held = _address_for(ask, target)
        draft = Draft(
            target,
            template,
            subject,
            paragraph_insert(body, personal_paragraph),
            to_email,
            name,
            held,
            language=language,
        )
        if template and reader != language and text_in(template, "body", reader).strip():
            with translation.override(reader):
                context = merge_context_for(supporter=writer, target=target, bill=bill)
                draft.translation = Translation(*_merged(template, reader, seed, context), reader)
        drafts.append(draft)
    return drafts


def _merged(template: LetterTemplate | None, language: str, seed: int, context) -> tuple[str, str]:
    """(subject, body) of `template` as written in `language`, merged."""
    if template is None:
        return "", ""
    subject = merge_render(subject_pick(template, seed, language), context)
    return " ".join(subject.split()), merge_render(text_in(template, "body", language), context)


def _address_for(ask: LetterAsk, target: ResolvedTarget) -> tuple[str, str]:
    from beacon.actions.models import LetterRecipient

    if target.is_awaiting_data:
        # Never to a person who may no longer hold the seat: held until the data is
        # refreshed, then released to the holder (or the organizer sends it anyway).
        return "", LetterRecipient.Held.AWAITING
    if target.is_vacant:
        if ask.vacant_policy == LetterAsk.Vacant.OFFICE and ask.vacant_office_email:
            return ask.vacant_office_email, ""
        return "", LetterRecipient.Held.VACANT
    email = official_email(target.official)
    return (email, "") if email else ("", LetterRecipient.Held.NO_EMAIL)


def office_statement(*, letter, recipient) -> str:
    """The plain statement offices read under each letter: who wrote, from where.

    In the letter's language (its template's), like the letter above it, whatever
    language is active: the page's when a supporter confirms, English in the worker."""
    with translation.override(recipient_language(letter=letter, recipient=recipient)):
        return _office_statement(letter, recipient)


def recipient_language(*, letter, recipient) -> str:
    """The language a stored recipient's letter was written in: that of the template
    its audience gets (the campaign's main language if none is left)."""
    ask = letter.ask
    template = template_for(
        list(ask.templates.select_related("ask__campaign")), is_cosponsor=recipient.is_cosponsor
    )
    return letter_language(template) if template else ask.campaign.language


def _office_statement(letter, recipient) -> str:
    where = ", ".join(p for p in (letter.street, letter.city, letter.zip_code) if p)
    district = recipient.division.name if recipient.division_id else ""
    lines = [
        _(
            "%(name)s, a constituent from %(town)s, wrote this letter using Beacon for "
            "%(organization)s."
        )
        % {
            "name": f"{letter.first_name} {letter.last_name}",
            "town": letter.town or letter.city,
            "organization": letter.ask.campaign.organization.name,
        },
    ]
    if district:
        lines.append(_("District: %(district)s.") % {"district": district})
    if where:
        lines.append(_("Address given: %(address)s.") % {"address": where})
    lines.append(
        _("Reply to this email to reach them directly: %(email)s") % {"email": letter.email}
    )
    return "\n".join(lines)
