"""Web input for supporters' acts."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from beacon.core.forms import LineField
from beacon.people.forms import EmailAddressField

from .yourdata.consents import consent_fields, consent_fields_add

_ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
_CODE_RE = re.compile(r"^[a-z0-9]{4,16}$")


class SignatureForm(forms.Form):
    """The petition's only questions: name, email, ZIP code and two choices."""

    first_name = LineField(label=_("First name"), max_length=60, autocomplete="given-name")
    last_name = LineField(label=_("Last name"), max_length=60, autocomplete="family-name")
    email = EmailAddressField(label=_("Email"))
    zip_code = LineField(
        label=_("ZIP code"),
        max_length=10,
        autocomplete="postal-code",
        help_text=_("Five digits, for example 02119."),
    )
    is_public = forms.BooleanField(
        label=_("Show my first name and town on this page"), required=False
    )
    has_opted_in = forms.BooleanField(
        label=_("Send me news about this campaign and others by %(organization)s"),
        required=False,
    )
    ref = forms.CharField(required=False, widget=forms.HiddenInput, max_length=16)

    @property
    def partner_fields(self):
        return consent_fields(self)

    def __init__(self, *args, organization_name: str = "", partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        consent_fields_add(self, partners=partners)
        self.fields["zip_code"].widget.attrs.update({"inputmode": "numeric"})
        label = self.fields["has_opted_in"].label
        assert label is not None  # declared with one above
        self.fields["has_opted_in"].label = label % {"organization": organization_name}
        required = {
            "first_name": _("Please enter your first name."),
            "last_name": _("Please enter your last name."),
            "zip_code": _("Please enter your ZIP code."),
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message
        for name in ("first_name", "last_name", "zip_code"):
            self.fields[name].error_messages["max_length"] = _(
                "This is longer than we can take. Please shorten it."
            )

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"].replace(" ", "")
        if not _ZIP_RE.match(value):
            raise forms.ValidationError(
                _("Please enter a five-digit ZIP code, for example 02119."), code="zip"
            )
        return value[:5]

    def clean_ref(self):
        value = (self.cleaned_data.get("ref") or "").lower()
        # A malformed referral code is ignored, never an error for the supporter.
        return value if _CODE_RE.match(value) else ""


class DistrictForm(forms.Form):
    """The split-town picker: one radio group per district kind left open."""

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        for choice in choices:
            options = [
                (seat.division.ocd_id, _seat_label(seat, words)) for seat, words in choice.options
            ]
            field = forms.ChoiceField(
                label=_("Which %(title)s district do you live in?")
                % {"title": choice.seats[0].title if choice.seats else ""},
                choices=options,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose your district.")},
            )
            self.fields[choice.field_name] = field

    def picked(self) -> dict[str, str]:
        """The district picked per kind ("sldu" -> OCD id), once the form is valid."""
        prefix = "choice_"
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and value
        }


def _seat_label(seat, words="") -> str:
    if seat.is_awaiting_data:
        label = _("%(district)s (awaiting updated data)") % {"district": seat.division.name}
    elif seat.official is None:
        label = _("%(district)s (vacant seat)") % {"district": seat.division.name}
    else:
        label = f"{seat.division.name} ({seat.official.name})"
    return f"{label}: {words}" if words else label
