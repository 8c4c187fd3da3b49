"""Forms of the organizer workspace."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from beacon.campaigns.models import Membership, Organization


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organization"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name for addresses"),
        max_length=50,
        help_text=_("Lower-case letters, digits and hyphens, e.g. mass-immigrant-rights."),
    )
    privacy_contact = forms.EmailField(
        label=_("Privacy contact"), help_text=_("Where supporters can ask about their data.")
    )
    owner_email = forms.EmailField(
        label=_("First owner's email address"),
        help_text=_("They get an invitation link to set their password."),
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if Organization.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another organization uses this short name."))
        return slug


class AcceptForm(forms.Form):
    """A new account's password, checked by the site's password validators."""

    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; a few unrelated words work well."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class VictoryForm(forms.Form):
    message = forms.CharField(
        label=_("Victory message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown at the top of the campaign page."),
        max_length=5000,
    )


class UpdateForm(forms.Form):
    title = forms.CharField(label=_("Title of the update"), max_length=200)
    body = forms.CharField(
        label=_("Update"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
        max_length=20000,
    )
    email = forms.BooleanField(
        label=_("Also email it to the supporters who asked for news on this campaign"),
        required=False,
    )
