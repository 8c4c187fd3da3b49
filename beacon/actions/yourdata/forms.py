"""The one question "Your data" asks before it sends a link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beacon.people.forms import EmailAddressField


class DataLinkForm(forms.Form):
    email = EmailAddressField(
        label=_("Your email"),
        help_text=_("The address you used to sign, write or ask for a reminder."),
    )
