"""One filterset for the company list page and the API list."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencen.companies.choices import CompanyKind, CompanyStatus
from opencen.companies.models import Company, SeizureCompany, TradingName
from opencen.core.normalise import identifier_normalise
from opencen.seizures.models import GoodsItem


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class CompanyFilterSet(django_filters.FilterSet):
    """Filters by text and code (``?name=ocean&country=ZA&kind=importer``)."""

    name = django_filters.CharFilter(method="filter_name", label=_("Name or trading name"))
    number = django_filters.CharFilter(
        method="filter_number", label=_("Registration or tax number")
    )
    country = django_filters.CharFilter(method="filter_country", label=_("Country"))
    kind = django_filters.ChoiceFilter(choices=CompanyKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=CompanyStatus.choices, label=_("Status"))
    commodity_type = django_filters.CharFilter(
        method="filter_commodity_type", label=_("Linked commodity")
    )
    seized_after = django_filters.DateFilter(method="filter_seized_after", label=_("Seizure from"))
    seized_before = django_filters.DateFilter(method="filter_seized_before", label=_("Seizure to"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("created_at", "created_at"), ("updated_at", "updated_at")),
        label=_("Sort by"),
    )

    class Meta:
        model = Company
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        text = " ".join(value.split())
        if not text:
            return queryset
        trading = TradingName.objects.filter(company=OuterRef("pk"), name__icontains=text)
        return queryset.filter(Q(name__icontains=text) | Exists(trading))

    def filter_number(self, queryset, name, value):
        number = identifier_normalise(value)
        if not number:
            return queryset.none()
        return queryset.filter(Q(registration_normalised=number) | Q(tax_normalised=number))

    def filter_country(self, queryset, name, value):
        return queryset.filter(country_id=value.strip().upper())

    def _involved(self, queryset, **lookups):
        return queryset.filter(
            Exists(SeizureCompany.objects.filter(company=OuterRef("pk"), **lookups))
        )

    def filter_commodity_type(self, queryset, name, value):
        goods = GoodsItem.objects.filter(commodity_type_id=value.strip()).values("seizure_id")
        return self._involved(queryset, seizure_id__in=goods)

    def filter_seized_after(self, queryset, name, value):
        return self._involved(queryset, seizure__occurred_at__gte=_day_start(value))

    def filter_seized_before(self, queryset, name, value):
        after = _day_start(value + datetime.timedelta(days=1))
        return self._involved(queryset, seizure__occurred_at__lt=after)

    def is_filtered(self) -> bool:
        return any(
            self.data.get(name) not in (None, "") for name in self.filters if name != "ordering"
        )
