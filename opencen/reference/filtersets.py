"""Filters of the code lists, shared by the pages and the API.

Every list takes ``?active=true|false`` and ``?q=`` (code or label contains); places also take
``?kind=&country=``, commodity types ``?section=``, HS codes ``?level=&parent=``. Related
entries are named by their stable code.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from opencen.reference.choices import PlaceKind
from opencen.reference.models import (
    CODE_LISTS,
    CommodityType,
    Country,
    HSCode,
    Place,
)


class CodeListFilterSet(django_filters.FilterSet):
    """Filters every code list has."""

    #: Fields ``q`` looks in (``icontains``).
    search_fields: tuple[str, ...] = ("code", "label")

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    active = django_filters.BooleanFilter(label=_("Active"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field_name in self.search_fields:
            condition |= Q(**{f"{field_name}__icontains": value})
        return queryset.filter(condition)


class CountryFilterSet(CodeListFilterSet):
    search_fields = ("code", "label", "alpha3", "official_name")

    class Meta:
        model = Country
        fields = ["q", "active"]


class CommodityTypeFilterSet(CodeListFilterSet):
    section = django_filters.CharFilter(
        field_name="section_id", label=_("Section code"), lookup_expr="exact"
    )

    class Meta:
        model = CommodityType
        fields = ["q", "active", "section"]


class HSCodeFilterSet(CodeListFilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Level"),
        choices=[("2", _("Chapter")), ("4", _("Heading")), ("6", _("Subheading"))],
        empty_label=_("All"),
    )
    parent = django_filters.CharFilter(field_name="parent_id", label=_("Parent code"))

    class Meta:
        model = HSCode
        fields = ["q", "active", "level", "parent"]


class PlaceFilterSet(CodeListFilterSet):
    search_fields = ("code", "label", "iata", "locode", "city")

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PlaceKind.choices, empty_label=_("All")
    )
    country = django_filters.CharFilter(
        field_name="country_id", label=_("Country code"), method="filter_country"
    )

    class Meta:
        model = Place
        fields = ["q", "active", "kind", "country"]

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country_id=value.strip().upper()) if value.strip() else queryset


_SPECIFIC: dict[str, type[CodeListFilterSet]] = {
    "countries": CountryFilterSet,
    "commodity-types": CommodityTypeFilterSet,
    "hs-codes": HSCodeFilterSet,
    "places": PlaceFilterSet,
}


def _generic_filterset(model) -> type[CodeListFilterSet]:
    meta = type("Meta", (), {"model": model, "fields": ["q", "active"]})
    return type(f"{model.__name__}FilterSet", (CodeListFilterSet,), {"Meta": meta})


#: The filterset of each code list, by its API name.
FILTERSETS: dict[str, type[CodeListFilterSet]] = {
    name: _SPECIFIC.get(name) or _generic_filterset(model) for name, model in CODE_LISTS.items()
}
