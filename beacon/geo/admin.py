"""Staff can see divisions and boundary sets; geometry is changed only by the importer."""

from django.contrib import admin

from .models import AddressSource, BoundarySet, Division


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ocd_id"]
    list_filter = ["kind"]
    search_fields = ["name", "ocd_id"]


@admin.register(BoundarySet)
class BoundarySetAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "effective_from", "effective_to", "imported_at"]
    list_filter = ["kind"]
    readonly_fields = ["imported_at", "source"]


@admin.register(AddressSource)
class AddressSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "row_count", "imported_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "name", "source", "row_count", "imported_at"]
