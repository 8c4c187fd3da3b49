"""The people export: supporters who consented to news from one organization, in the
column layout of Action Network's list uploads, for organizations that keep their lists
there.

Format used (Action Network help, "File formats for list uploads",
https://help.actionnetwork.org/hc/en-us/articles/203112959-File-formats-for-list-uploads,
and "Uploading a new email or mobile list",
https://help.actionnetwork.org/hc/en-us/articles/203112989-Uploading-a-new-email-or-mobile-list):
a CSV whose first row holds the column headings; an email address is required on every
row (rows without one are skipped, and activists are de-duplicated by email); a ZIP or
postal code is strongly recommended; first and last names, city, state, address and
country are accepted, and any other column becomes a custom field. Headings named like
Action Network's own fields are matched automatically, so ours are `first_name`,
`last_name`, `email`, `zip_code`, `city`, followed by custom fields prefixed `beacon_`.
Action Network accepts only people who opted in to the organization's email, which is
exactly who is exported: `news_consents_active(organization=...)` (beacon.actions).

Viewers get the file without `email` and `last_name`; such a file cannot be uploaded,
but shows who and how many.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet
from django.utils import timezone

from beacon.actions.models import Letter, NewsConsent, Signature
from beacon.actions.yourdata.consents import news_consents_active
from beacon.campaigns.models import Organization

CHUNK = 500
CONTACT_COLUMNS = ("last_name", "email")


def people_export_rows(*, organization: Organization, with_contacts: bool) -> Iterator[list[str]]:
    """A header, then one row per active news consent to `organization`, oldest first.
    Last name, ZIP code and town come from the supporter's latest confirmed signature or
    letter in the organization's campaigns under the same address (the consent row holds
    only a first name); blank when there is none."""
    header = ["first_name", "email", "last_name", "zip_code", "city"]
    header += ["beacon_language", "beacon_consent_given_at", "beacon_campaign"]
    if not with_contacts:
        header = [column for column in header if column not in CONTACT_COLUMNS]
    yield header
    consents: QuerySet[NewsConsent] = (
        news_consents_active(organization=organization)
        .select_related("campaign")
        .order_by("given_at", "pk")
    )
    iterator = consents.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        details = _details(organization, {c.email_canonical for c in chunk})
        for consent in chunk:
            last_name, zip_code, town = details.get(consent.email_canonical, ("", "", ""))
            row = {
                "first_name": consent.first_name,
                "email": consent.email,
                "last_name": last_name,
                "zip_code": zip_code,
                "city": town,
                "beacon_language": consent.language,
                "beacon_consent_given_at": timezone.localtime(consent.given_at).isoformat()
                if consent.given_at
                else "",
                "beacon_campaign": consent.campaign.slug if consent.campaign else "",
            }
            yield [row[column] for column in header]


def _details(organization: Organization, emails: set[str]) -> dict[str, tuple[str, str, str]]:
    """canonical email -> (last name, ZIP code, town), the latest confirmed act winning;
    two queries for a chunk of consents."""
    found: dict[str, tuple[datetime.datetime | None, tuple[str, str, str]]] = {}
    signatures = Signature.objects.filter(
        petition__campaign__organization=organization,
        status=Signature.Status.CONFIRMED,
        email_canonical__in=emails,
    ).values_list("email_canonical", "confirmed_at", "last_name", "zip_code", "town")
    letters = Letter.objects.filter(
        ask__campaign__organization=organization,
        status=Letter.Status.CONFIRMED,
        email_canonical__in=emails,
    ).values_list("email_canonical", "confirmed_at", "last_name", "zip_code", "town")
    for email, at, last_name, zip_code, town in [*signatures, *letters]:
        best = found.get(email)
        if best is None or (at is not None and (best[0] is None or at > best[0])):
            found[email] = (at, (last_name, zip_code, town))
    return {email: value for email, (_at, value) in found.items()}
