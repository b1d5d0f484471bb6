"""One filterset for the seizure list page, the API list and the exports."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencen.core.querysets import path_prefix_q
from opencen.reference import models as ref
from opencen.seizures.choices import Direction, SeizureStatus
from opencen.seizures.models import Concealment, Conveyance, GoodsItem, RouteLeg, Seizure


def _exists(model, **lookups):
    return Exists(model.objects.filter(seizure=OuterRef("pk"), **lookups))


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight starting ``day`` in the current time zone (what ``__date`` compares with)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SeizureFilterSet(django_filters.FilterSet):
    """Filters by code (``?commodity_type=cocaine&country=BR``), as the page and API share it."""

    # Ranges on the indexed column: date(occurred_at) would be computed for every row.
    occurred_after = django_filters.DateFilter(method="filter_occurred_after", label=_("From"))
    occurred_before = django_filters.DateFilter(method="filter_occurred_before", label=_("To"))
    unit = django_filters.CharFilter(method="filter_unit", label=_("Unit (and below)"))
    status = django_filters.MultipleChoiceFilter(choices=SeizureStatus.choices, label=_("Status"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    commodity_section = django_filters.CharFilter(
        method="filter_commodity_section", label=_("Commodity section")
    )
    commodity_type = django_filters.CharFilter(method="filter_commodity_type", label=_("Commodity"))
    detection_method = django_filters.CharFilter(
        method="filter_detection_method", label=_("Detection method")
    )
    concealment_method = django_filters.CharFilter(
        method="filter_concealment_method", label=_("Concealment method")
    )
    conveyance_type = django_filters.CharFilter(
        method="filter_conveyance_type", label=_("Conveyance type")
    )
    country = django_filters.CharFilter(method="filter_country", label=_("Country on the route"))
    q = django_filters.CharFilter(method="filter_text", label=_("Text"))
    ordering = django_filters.OrderingFilter(
        fields=(("occurred_at", "occurred_at"), ("reference", "reference"), ("status", "status")),
        label=_("Sort by"),
    )

    class Meta:
        model = Seizure
        fields: list[str] = []

    def __init__(self, *args, newest_first_scan: bool = False, **kwargs):
        # The caller reads the newest matches page by page through the time index.
        self.newest_first_scan = newest_first_scan
        super().__init__(*args, **kwargs)

    def is_filtered(self) -> bool:
        """True when a filter that narrows the list is given (ordering does not)."""
        data = self.data or {}
        return any(name != "ordering" and data.get(name) not in (None, "") for name in self.filters)

    def filter_unit(self, queryset, name, value):
        from opencen.accounts.models import Unit

        unit = Unit.objects.filter(code=value).only("path").first()
        if unit is None:
            return queryset.none()
        return queryset.filter(path_prefix_q("unit_path", unit.path))

    def filter_occurred_after(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=_day_start(value))

    def filter_occurred_before(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def filter_detection_method(self, queryset, name, value):
        # EXISTS on the link table instead of a join with DISTINCT over every seizure.
        links = Seizure.detection_methods.through.objects.filter(
            seizure_id=OuterRef("pk"), detectionmethod_id=value
        )
        return queryset.filter(Exists(links))

    def filter_commodity_section(self, queryset, name, value):
        return queryset.filter(_exists(GoodsItem, commodity_section_id=value))

    def filter_commodity_type(self, queryset, name, value):
        return queryset.filter(_exists(GoodsItem, commodity_type_id=value))

    def filter_concealment_method(self, queryset, name, value):
        return queryset.filter(_exists(Concealment, method_id=value))

    def filter_conveyance_type(self, queryset, name, value):
        return queryset.filter(_exists(Conveyance, type_id=value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(_exists(RouteLeg, country_id=value.upper()))

    def filter_text(self, queryset, name, value):
        from opencen.seizures.search import seizure_text_q

        return queryset.filter(seizure_text_q(value, newest_first=self.newest_first_scan))


#: Code lists behind the filters, for choices on the page.
FILTER_CODE_LISTS = {
    "commodity_section": ref.CommoditySection,
    "commodity_type": ref.CommodityType,
    "detection_method": ref.DetectionMethod,
    "concealment_method": ref.ConcealmentMethod,
    "conveyance_type": ref.ConveyanceType,
    "country": ref.Country,
}
