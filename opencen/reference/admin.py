"""Administration pages of the code lists.

Codes are stable: they can be set when an entry is added and never changed afterwards.
Entries are deactivated rather than deleted, since records may use them.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from opencen.reference.models import (
    CommoditySection,
    CommodityType,
    ConcealmentMethod,
    ConveyanceType,
    Country,
    Currency,
    DetectionMethod,
    HSCode,
    MeasurementUnit,
    OffenceType,
    Place,
    ReferenceLoad,
)


class CodeListAdmin(admin.ModelAdmin):
    """What every code list's administration page has."""

    list_display = ("code", "label", "active")
    list_display_links = ("code", "label")
    list_editable = ("active",)
    list_filter = ("active",)
    search_fields = ("code", "label")
    list_per_page = 100
    readonly_fields = ("loaded_from",)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return ("code", *fields) if obj is not None else fields

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Records keep pointing at entries; deactivate instead of deleting.
        return False


@admin.register(Country)
class CountryAdmin(CodeListAdmin):
    list_display = ("code", "label", "alpha3", "numeric", "active")
    search_fields = ("code", "label", "alpha3", "numeric", "official_name")


@admin.register(Currency)
class CurrencyAdmin(CodeListAdmin):
    list_display = ("code", "label", "numeric", "active")


@admin.register(MeasurementUnit)
class MeasurementUnitAdmin(CodeListAdmin):
    list_display = ("code", "label", "dimension", "factor", "sort_order", "active")
    list_filter = ("active", "dimension")


@admin.register(CommoditySection)
class CommoditySectionAdmin(CodeListAdmin):
    list_display = ("code", "label", "sort_order", "active")


@admin.register(CommodityType)
class CommodityTypeAdmin(CodeListAdmin):
    list_display = ("code", "label", "section", "active")
    list_filter = ("active", "section")
    list_select_related = ("section",)
    filter_horizontal = ("allowed_units",)


@admin.register(HSCode)
class HSCodeAdmin(CodeListAdmin):
    list_display = ("code", "label", "level", "parent", "hs_section", "active")
    list_filter = ("active", "level", "hs_section")
    raw_id_fields = ("parent",)


@admin.register(DetectionMethod)
class DetectionMethodAdmin(CodeListAdmin):
    pass


@admin.register(ConcealmentMethod)
class ConcealmentMethodAdmin(CodeListAdmin):
    pass


@admin.register(ConveyanceType)
class ConveyanceTypeAdmin(CodeListAdmin):
    pass


@admin.register(OffenceType)
class OffenceTypeAdmin(CodeListAdmin):
    pass


@admin.register(Place)
class PlaceAdmin(CodeListAdmin):
    list_display = ("code", "label", "kind", "country", "iata", "locode", "city", "active")
    list_filter = ("active", "kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country",)
    search_fields = ("code", "label", "iata", "icao", "locode", "city")
    autocomplete_fields = ("country",)
    fieldsets = (
        (None, {"fields": ("code", "label", "kind", "country", "active", "loaded_from")}),
        (_("Codes"), {"fields": ("iata", "icao", "locode")}),
        (_("Location"), {"fields": ("city", "latitude", "longitude")}),
        (_("Labels in other languages"), {"fields": ("translations", "sort_order")}),
    )


@admin.register(ReferenceLoad)
class ReferenceLoadAdmin(admin.ModelAdmin):
    """What ``load-reference`` last loaded; read only."""

    list_display = ("source", "fingerprint", "count", "loaded_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
