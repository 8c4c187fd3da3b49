"""What the call pages say when something is wrong: sentences and HTTP statuses."""

from __future__ import annotations

from django.utils.translation import gettext as _


def call_error(code: str) -> tuple[int, str]:
    """(HTTP status, sentence) for a call request the services refused."""
    errors = {
        "outcome": (422, _("Please choose one of the buttons to say how the call went.")),
        "target": (
            422,
            _(
                "We could not tell which call this was about. Please use the "
                "buttons under the person you called."
            ),
        ),
        "vacant": (422, _("This seat is vacant, so there is nobody to call.")),
        "no_opening": (
            422,
            _(
                "We do not know when this office opens next, so we cannot "
                "send a reminder. Please call during business hours."
            ),
        ),
        "after_deadline": (
            422,
            _(
                "The office opens again only after this campaign ends, so "
                "a reminder would come too late. Please leave a voicemail "
                "now."
            ),
        ),
        "email": (422, _("Please check your email address.")),
        "already_counted": (
            409,
            _(
                "Thank you: your calls to this office are already "
                "counted. There is nothing more to record here."
            ),
        ),
        "too_many_outcomes": (
            429,
            _(
                "You have recorded many tries for this call. Please "
                "take a break and try again later."
            ),
        ),
    }
    return errors.get(code, errors["target"])


def patch_error(code: str) -> tuple[int, str]:
    """(HTTP status, sentence) for a patch-through request Beacon refused."""
    errors = {
        "invalid": (
            422,
            _("Please enter a US phone number with its area code, like 617-555-0123."),
        ),
        "foreign": (
            422,
            _(
                "We can only call US phone numbers. Please enter a US number, "
                "or call the offices yourself with the numbers below."
            ),
        ),
        "tollfree": (
            422,
            _(
                "We cannot call toll-free numbers. Please enter the number of "
                "the phone you have with you."
            ),
        ),
        "premium": (
            422,
            _(
                "We cannot call premium-rate numbers. Please enter the number of "
                "the phone you have with you."
            ),
        ),
        "no_targets": (422, _("None of the people to call has a phone number we can dial.")),
        "disabled": (
            404,
            _(
                "Calling you is not available for this action. Please call the "
                "offices yourself with the numbers below."
            ),
        ),
        "unavailable": (
            503,
            _(
                "Our phone service is not answering right now. Please try "
                "again in a few minutes, or call the offices yourself."
            ),
        ),
    }
    return errors.get(code, errors["invalid"])
