"""What each recipient of a letter gets: the template for their audience, merged text,
the supporter's own paragraph, and the office address. No writes here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

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


def subject_pick(template: LetterTemplate, seed: int) -> str:
    """One of the template's subject lines, chosen by the letter's seed, so a hundred
    letters do not share one subject while one letter keeps the subject it previewed."""
    subjects = template.subject_list or [""]
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
    official without an email address is held too (the supporter is told). Titles are
    in the campaign's language, the letter's, whatever language the page is shown in."""
    with translation.override(ask.campaign.language):
        return _drafts(
            ask,
            divisions=divisions,
            writer=writer,
            seed=seed,
            personal_paragraph=personal_paragraph,
        )


def _drafts(ask, *, divisions, writer, seed, personal_paragraph) -> list[Draft]:
    rules = list(ask.targets.select_related("official", "committee"))
    bills = list(ask.bills.all())
    templates = list(ask.templates.all())
    drafts = []
    for target in targets_resolve(rules, divisions=divisions, bills=bills):
        template = template_for(templates, is_cosponsor=target.is_cosponsor)
        bill = target.cosponsored[0] if target.cosponsored else (bills[0] if bills else None)
        context = merge_context_for(supporter=writer, target=target, bill=bill)
        subject = merge_render(subject_pick(template, seed), context) if template else ""
        body = merge_render(template.body, context) if template else ""
        body = paragraph_insert(body, personal_paragraph)
        to_email, held = _address_for(ask, target)
        drafts.append(
            Draft(
                target,
                template,
                " ".join(subject.split()),
                body,
                to_email,
                recipient_name(target),
                held,
            )
        )
    return drafts


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

    In the letter's language (the campaign's), like the letter above it, whatever
    language is active: the page's when a supporter confirms, English in the worker."""
    with translation.override(letter.ask.campaign.language):
        return _office_statement(letter, recipient)


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
