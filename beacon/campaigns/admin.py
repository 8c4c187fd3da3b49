"""The operators' admin (superusers only, beacon/urls.py); organizers use /organize/.
Admin actions call services; the campaign status is read-only here."""

from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access, services
from .admin_scoping import CampaignScopedAdmin
from .admin_translation import TextsAdmin, TextsStackedInline
from .models import (
    Campaign,
    CampaignUpdate,
    EventCode,
    LifecycleError,
    Membership,
    Organization,
    Petition,
    Translator,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "privacy_contact"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return access.access_organization_list_for_user(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return (
            access.access_organization_list_for_user(request.user, write=True)
            .filter(pk=obj.pk)
            .exists()
        )

    def save_formset(self, request, form, formset, change):
        """Memberships are saved through services, which write each role given, changed
        or taken away to the audit log."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        previous = {
            f.instance.pk: (f.initial["user"], f.initial["role"]) for f in formset.initial_forms
        }
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_delete(actor=request.user, membership=membership)
        for membership in formset.new_objects:
            services.membership_save(actor=request.user, membership=membership)
        for membership, _fields in formset.changed_objects:
            services.membership_save(
                actor=request.user, membership=membership, previous=previous[membership.pk]
            )
        formset.save_m2m()

    def delete_model(self, request, obj):
        services.organization_delete(actor=request.user, organization=obj)

    def delete_queryset(self, request, queryset):
        for organization in queryset:
            services.organization_delete(actor=request.user, organization=organization)


class PetitionInline(TextsStackedInline):
    model = Petition
    extra = 0
    max_num = 1
    readonly_fields = ["signature_count", "count_refreshed_at"]


class CampaignUpdateInline(TextsStackedInline):
    model = CampaignUpdate
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(TextsAdmin):
    list_display = ["title", "organization", "status", "deadline", "goal"]
    list_filter = ["status", "organization"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partners"]
    inlines = [PetitionInline, CampaignUpdateInline]
    # The status changes only through the lifecycle services (the actions below and the
    # workspace's buttons), which set its date with it.
    readonly_fields = ["status", "published_at", "closed_at", "won_at"]
    actions = ["publish", "close", "mark_won"]

    def get_queryset(self, request):
        return access.access_campaign_list_for_user(request.user).select_related("organization")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = access.access_organization_list_for_user(request.user, write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return access.access_campaign_for_editor(request.user, obj)

    def _run(self, request, queryset, service, done):
        allowed = access.access_campaign_list_for_user(request.user, write=True)
        editable = queryset.filter(pk__in=allowed)
        changed = 0
        for campaign in editable:
            try:
                service(campaign=campaign)
            except LifecycleError:
                continue
            changed += 1
        self.message_user(request, done % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected campaigns"))
    def publish(self, request, queryset):
        self._run(request, queryset, services.campaign_publish, _("Published %(count)d."))

    @admin.action(description=_("Close the selected campaigns"))
    def close(self, request, queryset):
        self._run(request, queryset, services.campaign_close, _("Closed %(count)d."))

    @admin.action(description=_("Mark the selected campaigns as won"))
    def mark_won(self, request, queryset):
        self._run(request, queryset, services.campaign_mark_won, _("Marked %(count)d as won."))


@admin.register(EventCode)
class EventCodeAdmin(CampaignScopedAdmin, admin.ModelAdmin):
    list_display = ["label", "campaign", "day", "is_kiosk", "link"]
    list_filter = ["day"]
    readonly_fields = ["link"]

    @admin.display(description=_("Link for the event's devices"))
    def link(self, obj):
        if not obj.pk:
            return "-"
        return settings.BEACON_BASE_URL + reverse("actions:event-enter", args=[obj.code])


@admin.register(Translator)
class TranslatorAdmin(admin.ModelAdmin):
    """Operators grant translator roles here until the workspace does (issue 14)."""

    list_display = ["user", "organization", "language", "created_at"]
    list_filter = ["language", "organization"]
    autocomplete_fields = ["user"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# Letter and call asks register their own admin pages.
from . import admin_calls, admin_letters  # noqa: E402, F401
