"""The one email field of every public form (signatures, letters, call reminders)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beacon.core.text import has_control_characters

from .email import email_refusal


class EmailAddressField(forms.EmailField):
    """An email address as a supporter types it: trimmed, at most 254 characters, with
    clear messages; refuses control characters, quoted local parts and IP-address
    domains (`email_refusal`). Services still compare only canonical forms
    (`people.email.email_canonicalize`)."""

    default_error_messages = {
        "required": _("Please enter your email address."),
        "invalid": _("Please enter an email address like name@example.com."),
        "max_length": _("This is longer than we can take. Please shorten it."),
        "control": _("Please check your email address."),
        "quoted": _(
            "Please enter your address without quotation marks or backslashes, "
            "like name@example.com."
        ),
        "literal": _(
            "Please enter an address with a domain name after the @, like name@example.com."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)
        self.widget.attrs["autocomplete"] = "email"

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        # Before validation: line breaks must be named as such, not as an invalid address.
        if value and has_control_characters(value):
            raise forms.ValidationError(self.error_messages["control"], code="control")
        return value

    def validate(self, value: Any) -> None:
        super().validate(value)
        reason = email_refusal(value) if value else ""
        if reason:
            raise forms.ValidationError(self.error_messages[reason], code=reason)
