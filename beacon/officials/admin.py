"""Staff review and correct officials, offices, contact channels and committees.

Saving a changed contact channel (or adding one) marks it as staff-edited and dates it,
so the next import keeps it unless the source changes that very value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelChoiceField, ModelForm
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.officials.models import (
    Committee,
    CommitteeMembership,
    ContactChannel,
    Office,
    Official,
    Role,
    StaffEditable,
)

STAFF_FIELDS = ("value", "kind", "label", "office")


def mark_staff_edit(instance: StaffEditable, changed_fields: Iterable[str]) -> None:
    """Mark a channel or office staff-edited when staff added it or changed what it says."""
    if instance.pk is None or set(changed_fields) & set(STAFF_FIELDS + ("name",)):
        instance.is_staff_added = True
        instance.staff_changed_at = timezone.now()


class ChannelInline(admin.TabularInline[ContactChannel, Official]):
    model = ContactChannel
    fields = (
        "office",
        "kind",
        "value",
        "label",
        "staff_note",
        "is_staff_added",
        "staff_changed_at",
        "source_value",
    )
    readonly_fields = ("is_staff_added", "staff_changed_at", "source_value")
    extra = 0

    def get_formset(
        self, request: HttpRequest, obj: Official | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[ContactChannel, Official, ModelForm[ContactChannel]]]:
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            office_field = formset.form.base_fields["office"]
            if isinstance(office_field, ModelChoiceField):  # A foreign key's form field.
                office_field.queryset = Office.objects.filter(official=obj)
        return formset


class RoleInline(admin.TabularInline[Role, Official]):
    model = Role
    fields = ("type", "division", "chamber", "start_date", "end_date", "end_reason")
    raw_id_fields = ("division",)
    extra = 0


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin[Official]):
    list_display = ("name", "party", "ocd_person_id", "updated_at")
    search_fields = ("name", "family_name", "ocd_person_id")
    readonly_fields = ("ocd_person_id", "photo_source_url", "created_at", "updated_at")
    inlines = [RoleInline, ChannelInline]

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Official],
        formset: BaseInlineFormSet[Model, Official, ModelForm[Model]],
        change: bool,
    ) -> None:
        if formset.model is ContactChannel:
            for inline_form in formset.forms:
                channel = inline_form.instance
                if inline_form.has_changed() and isinstance(channel, ContactChannel):
                    mark_staff_edit(channel, inline_form.changed_data)
        super().save_formset(request, form, formset, change)


class OfficeChannelInline(admin.TabularInline[ContactChannel, Office]):
    model = ContactChannel
    fields = (
        "kind",
        "value",
        "label",
        "staff_note",
        "is_staff_added",
        "staff_changed_at",
        "source_value",
    )
    readonly_fields = ("is_staff_added", "staff_changed_at", "source_value")
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin[Office]):
    list_display = ("official", "kind", "name", "is_staff_added", "staff_changed_at")
    list_filter = ("kind", "is_staff_added")
    search_fields = ("official__name", "name")
    raw_id_fields = ("official",)
    readonly_fields = ("is_staff_added", "staff_changed_at", "source_key")
    inlines = [OfficeChannelInline]

    def save_model(
        self, request: HttpRequest, obj: Office, form: ModelForm[Office], change: bool
    ) -> None:
        mark_staff_edit(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Office],
        formset: BaseInlineFormSet[ContactChannel, Office, ModelForm[ContactChannel]],
        change: bool,
    ) -> None:
        # The office's one inline: its contact channels.
        for inline_form in formset.forms:
            if inline_form.has_changed():
                inline_form.instance.official_id = form.instance.official_id
                mark_staff_edit(inline_form.instance, inline_form.changed_data)
        super().save_formset(request, form, formset, change)


@admin.register(ContactChannel)
class ContactChannelAdmin(admin.ModelAdmin[ContactChannel]):
    list_display = ("official", "kind", "value", "is_staff_added", "staff_changed_at")
    list_filter = ("kind", "is_staff_added")
    search_fields = ("official__name", "value")
    raw_id_fields = ("official", "office")
    readonly_fields = ("is_staff_added", "staff_changed_at", "source_value", "source_key")

    @admin.display(description=_("corrected"), boolean=True)
    def is_corrected(self, obj: ContactChannel) -> bool:
        return obj.is_corrected

    def save_model(
        self,
        request: HttpRequest,
        obj: ContactChannel,
        form: ModelForm[ContactChannel],
        change: bool,
    ) -> None:
        mark_staff_edit(obj, form.changed_data)
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline[CommitteeMembership, Committee]):
    model = CommitteeMembership
    fields = ("official", "name", "role", "role_label")
    raw_id_fields = ("official",)
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin[Committee]):
    list_display = ("name", "chamber", "is_active")
    list_filter = ("chamber", "is_active")
    search_fields = ("name",)
    inlines = [MembershipInline]
