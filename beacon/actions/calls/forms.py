"""Web input for calls. The address step reuses the lookup page's form
(beacon.officials.forms.LookupForm) and the letters' split-district picker."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beacon.core.forms import LineField
from beacon.officials.forms import LookupForm
from beacon.people.forms import EmailAddressField

from ..forms import DistrictForm
from ..models import Call

__all__ = ["CallLookupForm", "DistrictForm", "OutcomeForm", "PatchForm", "ReminderForm"]


class CallLookupForm(LookupForm):
    """The address, and an optional first name that fills in the scripts."""

    first_name = LineField(
        label=_("Your first name (optional, for the script)"),
        max_length=60,
        required=False,
        autocomplete="given-name",
    )


class _TargetForm(forms.Form):
    """A form about one target of the call list, identified by its position, and by
    its key (the official's id) so that a list changed in between cannot misdirect it."""

    target = forms.IntegerField(min_value=0, max_value=500, widget=forms.HiddenInput)
    key = forms.CharField(max_length=300, required=False, widget=forms.HiddenInput)


class OutcomeForm(_TargetForm):
    outcome = forms.ChoiceField(choices=Call.Outcome.choices)


class ReminderForm(_TargetForm):
    email = EmailAddressField(label=_("Your email"))


class PatchForm(forms.Form):
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=32,
        help_text=_(
            "A US number. We call you from our own number, once, and do not keep "
            "your number after the call."
        ),
        error_messages={"required": _("Please enter your phone number.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
