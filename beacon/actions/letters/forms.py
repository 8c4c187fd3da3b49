"""Web input for letters. The address step reuses the lookup page's form
(beacon.officials.forms.LookupForm: "Street address", "City or town", "ZIP code")."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.content import text_for
from beacon.campaigns.models import LetterAsk
from beacon.campaigns.models.letters import BODY_MAX_CHARS, PERSONAL_MAX_CHARS
from beacon.core.forms import LineField
from beacon.core.text import has_control_characters
from beacon.officials.forms import LookupForm
from beacon.people.forms import EmailAddressField

from ..forms import DistrictForm
from ..yourdata.consents import consent_fields, consent_fields_add

__all__ = ["DistrictForm", "LetterForm", "LookupForm"]


class _LetterText(forms.CharField):
    """Several lines of the supporter's own text: no control characters, kept short."""

    def __init__(self, *args, limit: int, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("max_length", limit)
        super().__init__(*args, **kwargs)
        self.error_messages["max_length"] = _(
            "Please keep this under %(limit_value)d characters (it has %(show_value)d)."
        )

    def clean(self, value):
        value = super().clean(value)
        if value and has_control_characters(value, allow_newlines=True):
            raise forms.ValidationError(
                _("Please remove the unusual characters from this text."), code="control"
            )
        return value.replace("\r\n", "\n") if value else value


class LetterForm(forms.Form):
    """The letter step: the supporter's own words as the ask allows, then who they are."""

    first_name = LineField(label=_("First name"), max_length=60, autocomplete="given-name")
    last_name = LineField(label=_("Last name"), max_length=60, autocomplete="family-name")
    email = EmailAddressField(label=_("Email"))
    is_public = forms.BooleanField(
        label=_("Show my first name and town on this page"), required=False
    )
    has_opted_in = forms.BooleanField(
        label=_("Send me news about this campaign and others by %(organization)s"), required=False
    )

    @property
    def partner_fields(self):
        return consent_fields(self)

    def __init__(self, *args, ask: LetterAsk, drafts=(), **kwargs):
        super().__init__(*args, **kwargs)
        consent_fields_add(self, partners=ask.campaign.partners.all())
        label = self.fields["has_opted_in"].label
        assert label is not None  # declared with one above
        self.fields["has_opted_in"].label = label % {"organization": ask.campaign.organization.name}
        for name, message in {
            "first_name": _("Please enter your first name."),
            "last_name": _("Please enter your last name."),
        }.items():
            self.fields[name].error_messages["required"] = message
        self.body_fields = []
        if ask.editing == LetterAsk.Editing.PERSONAL:
            self.fields["personal_paragraph"] = _LetterText(
                label=str(text_for(ask, "personal_prompt")) or _("Your own words"),
                required=False,
                limit=PERSONAL_MAX_CHARS,
            )
        elif ask.editing == LetterAsk.Editing.EDITABLE:
            for index, draft in enumerate(drafts):
                name = f"body_{index}"
                self.fields[name] = _LetterText(
                    label=_("Your letter to %(name)s") % {"name": draft.recipient_name},
                    initial=draft.body,
                    limit=BODY_MAX_CHARS,
                    error_messages={"required": _("Please do not leave the letter empty.")},
                )
                self.body_fields.append(name)
        self.order_fields(["personal_paragraph", *self.body_fields])

    def edited_bodies(self) -> dict[int, str]:
        return {int(name.split("_")[1]): self.cleaned_data[name] for name in self.body_fields}
