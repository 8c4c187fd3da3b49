"""Staff can see divisions and boundary sets; geometry is changed only by the importer."""

from typing import TYPE_CHECKING

from django.contrib import admin

from .models import AddressSource, BoundarySet, Division

if TYPE_CHECKING:
    # ModelAdmin is generic in django-stubs only; at runtime it cannot be subscripted.
    _DivisionAdminBase = admin.ModelAdmin[Division]
    _BoundarySetAdminBase = admin.ModelAdmin[BoundarySet]
    _AddressSourceAdminBase = admin.ModelAdmin[AddressSource]
else:
    _DivisionAdminBase = _BoundarySetAdminBase = _AddressSourceAdminBase = admin.ModelAdmin


@admin.register(Division)
class DivisionAdmin(_DivisionAdminBase):
    list_display = ["name", "kind", "ocd_id"]
    list_filter = ["kind"]
    search_fields = ["name", "ocd_id"]


@admin.register(BoundarySet)
class BoundarySetAdmin(_BoundarySetAdminBase):
    list_display = ["name", "kind", "effective_from", "effective_to", "imported_at"]
    list_filter = ["kind"]
    readonly_fields = ["imported_at", "source"]


@admin.register(AddressSource)
class AddressSourceAdmin(_AddressSourceAdminBase):
    list_display = ["name", "kind", "row_count", "imported_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "name", "source", "row_count", "imported_at"]
