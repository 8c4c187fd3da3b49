"""What the letter pages say when something is wrong, and the mailto/webmail links."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from beacon.core.confirmation import ErrorText

from .composing import office_statement


def district_missing() -> str:
    """For an address placed in a town whose legislative districts we do not know."""
    return _(
        "We found your town but not your legislative district, so we cannot tell who "
        "represents you. Please add your street address, or try again later."
    )


def submit_error(code: str) -> tuple[int, str]:
    """(HTTP status, sentence) for a letter the service refused."""
    errors = {
        "no_recipients": (
            422,
            _(
                "We could not find a legislator for your address, so there "
                "is nobody to send this letter to. Please check your "
                "address."
            ),
        ),
        "too_long": (422, _("Your letter is longer than offices accept. Please shorten it.")),
        "invalid": (422, _("Your letter could not be read. Please check it and try again.")),
    }
    return errors.get(code, errors["invalid"])


CONFIRM_TEXTS = {
    "invalid": ErrorText(
        lambda: _("This link is not valid"),
        lambda: _("Please check that you copied the whole link from the email."),
    ),
    "used": ErrorText(
        lambda: _("Your letter has already been sent"),
        lambda: _("Thank you. Your letter is on its way; there is nothing more to do."),
    ),
    "expired": ErrorText(
        lambda: _("This confirmation link has expired"),
        lambda: _("Links work for a limited time. Please write your letter again."),
    ),
    "closed": ErrorText(
        lambda: _("This campaign is no longer taking letters"),
        lambda: _("It closed before your letter was confirmed, so it was not sent."),
    ),
}
# A private status link that does not work says so in its own title.
STATUS_LINK_TEXTS = {
    "invalid": ErrorText(
        lambda: _("This status link is not valid"), CONFIRM_TEXTS["invalid"].message
    ),
    "expired": ErrorText(
        lambda: _("This status link has expired"),
        lambda: (
            ngettext(
                "Status links work for %(days)d day after a letter's last change, so that an "
                "old email cannot show your letters to someone else. Your letters were "
                "handled as the page said; there is nothing more to do.",
                "Status links work for %(days)d days after a letter's last change, so that an "
                "old email cannot show your letters to someone else. Your letters were "
                "handled as the page said; there is nothing more to do.",
                settings.BEACON_STATUS_LINK_DAYS,
            )
            % {"days": settings.BEACON_STATUS_LINK_DAYS}
        ),
    ),
}


def mailto_links(*, letter, recipients) -> list[dict]:
    """For each recipient with an address: a mailto link and webmail compose links, so the
    supporter can send the letter from their own account.

    `letter` and `recipients` must be what this request submitted (letter_submit's
    result), never rows read back by email address: those may be another person's."""
    links = []
    for recipient in recipients:
        if not recipient.to_email:
            continue
        body = f"{recipient.body}\n\n-- \n{office_statement(letter=letter, recipient=recipient)}"
        to, subject = recipient.to_email, recipient.subject
        links.append(
            {
                "recipient": recipient,
                "mailto": f"mailto:{quote(to, safe='@')}"
                f"?subject={quote(subject)}&body={quote(body)}",
                "gmail": "https://mail.google.com/mail/?"
                + urlencode({"view": "cm", "to": to, "su": subject, "body": body}),
                "outlook": "https://outlook.live.com/mail/0/deeplink/compose?"
                + urlencode({"to": to, "subject": subject, "body": body}),
            }
        )
    return links
