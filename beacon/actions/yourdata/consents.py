"""News consent, per organization, with its record.

A tick box on a petition or letter form asks for news from the campaign's organization;
one more tick box per coalition partner asks for that partner's, by name. Each ticked box
becomes a NewsConsent holding the words the supporter read. It waits with its act and is
given when the act is confirmed (the address proven); an act never confirmed takes its
consents with it when the retention schedule deletes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import Campaign, Organization
from beacon.people.email import email_canonicalize

from ..models import Letter, NewsConsent, Signature

# What a consent keeps of a person once withdrawn: nothing (its dates and how remain).
ADDRESS_ERASED = {"email": "", "email_canonical": "", "first_name": ""}


@dataclass(frozen=True)
class ConsentAsked:
    """One ticked box: the organization it names and its label as shown."""

    organization_id: int
    wording: str


def consents_record(
    *,
    act: Signature | Letter,
    campaign: Campaign,
    asked: Iterable[ConsentAsked],
    first_name: str = "",
) -> list[NewsConsent]:
    """Store the boxes ticked with a new, pending act; they are given when it is confirmed
    (consents_give). Only the campaign's organization and its partners can be named."""
    asked = list(asked)
    if not asked:
        return []
    allowed = {campaign.organization_id, *campaign.partners.values_list("pk", flat=True)}
    source = (
        NewsConsent.Source.PETITION if isinstance(act, Signature) else NewsConsent.Source.LETTER
    )
    rows = [
        NewsConsent(
            organization_id=item.organization_id,
            email=act.email,
            email_canonical=email_canonicalize(act.email),
            first_name=first_name[:60],
            language=act.language,
            campaign=campaign,
            source=source,
            wording=item.wording[:500],
            signature=act if isinstance(act, Signature) else None,
            letter=act if isinstance(act, Letter) else None,
        )
        for item in asked
        if item.organization_id in allowed
    ]
    return NewsConsent.objects.bulk_create(rows)


def consents_give(*, act: Signature | Letter) -> int:
    """The act's email is proven: its consents count from now. Returns how many."""
    rows = NewsConsent.objects.filter(given_at__isnull=True, withdrawn_at__isnull=True)
    rows = rows.filter(signature=act) if isinstance(act, Signature) else rows.filter(letter=act)
    return rows.update(given_at=timezone.now())


def news_consents_active(*, organization: Organization) -> QuerySet[NewsConsent]:
    """Consents the organization may email news under: given and not withdrawn. The
    workspace's news mail and contact exports read this; a partner appears only where
    the supporter ticked it by name."""
    return NewsConsent.objects.filter(
        organization=organization, given_at__isnull=False, withdrawn_at__isnull=True
    ).exclude(email="")


PARTNER_PREFIX = "news_partner_"


def consent_fields_add(form: forms.Form, *, partners: Iterable[Organization]) -> None:
    """One unticked box per coalition partner, naming it, after the form's own
    `has_opted_in` box (which names the campaign's organization)."""
    for partner in partners:
        form.fields[f"{PARTNER_PREFIX}{partner.pk}"] = forms.BooleanField(
            label=_("Send me news from %(organization)s too (a partner in this campaign)")
            % {"organization": partner.name},
            required=False,
        )


def consent_fields(form: forms.Form) -> list[forms.BoundField]:
    """The partners' boxes, for the template."""
    return [form[name] for name in form.fields if name.startswith(PARTNER_PREFIX)]


def consents_asked(form: forms.Form, *, organization_id: int) -> list[ConsentAsked]:
    """The boxes ticked on a valid form, each with the words its supporter read."""
    data = form.cleaned_data
    asked = []
    if data.get("has_opted_in"):
        asked.append(ConsentAsked(organization_id, str(form.fields["has_opted_in"].label)))
    for name, field in form.fields.items():
        if name.startswith(PARTNER_PREFIX) and data.get(name):
            asked.append(ConsentAsked(int(name.removeprefix(PARTNER_PREFIX)), str(field.label)))
    return asked
