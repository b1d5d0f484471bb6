"""Filters of the audit log, shared by the page and its CSV export.

``?date_from=&date_to=`` (days in the current time zone, both included), ``?actor=`` (username,
exact), ``?event_type=`` (number), ``?outcome=``, ``?target_type=`` (``app.model``),
``?target_id=`` and ``?q=`` (words in the target label or the purpose).

Every filter but ``q`` has an index (see the migrations); ``q`` looks inside text and scans the
rows the other filters leave, so it is best combined with a period or an event type.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.models import AuditEvent

#: Labels of the event type groups: the hundreds of the stable numbers.
EVENT_GROUPS = {
    1: _("Sessions"),
    2: _("Records"),
    3: _("Consultation"),
    4: _("Administration"),
    5: _("Exchange"),
}


def grouped_event_type_choices() -> list[tuple]:
    """The event types grouped by their hundreds, for a select with option groups."""
    groups: dict[int, list[tuple[int, str]]] = {}
    for value, label in AuditEventType.choices:
        groups.setdefault(value // 100, []).append((value, label))
    return [
        (EVENT_GROUPS.get(hundred, str(hundred * 100)), items) for hundred, items in groups.items()
    ]


def _start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the current time zone, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditEventFilterSet(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        label=_("From"),
        method="filter_date_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        method="filter_date_to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    actor = django_filters.CharFilter(
        label=_("Actor (username)"), method="filter_actor", max_length=150
    )
    event_type = django_filters.ChoiceFilter(
        label=_("Event"), choices=grouped_event_type_choices, empty_label=_("Any event")
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=AuditOutcome.choices, empty_label=_("Any outcome")
    )
    target_type = django_filters.CharFilter(
        label=_("Target type"), method="filter_exact", max_length=60
    )
    target_id = django_filters.CharFilter(
        label=_("Target id"), method="filter_exact", max_length=64
    )
    q = django_filters.CharFilter(
        label=_("Target or purpose"), method="filter_text", max_length=200
    )

    class Meta:
        model = AuditEvent
        fields = [
            "date_from",
            "date_to",
            "actor",
            "event_type",
            "outcome",
            "target_type",
            "target_id",
            "q",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        placeholders = {
            "actor": "jdoe",
            "target_type": "accounts.user",
            "q": _("Words in the target or purpose"),
        }
        for name, field in self.form.fields.items():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if is_select else "form-control form-control-sm"
            )
            if name in placeholders:
                field.widget.attrs["placeholder"] = placeholders[name]

    def filter_date_from(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(occurred_at__gte=_start_of_day(value))

    def filter_date_to(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(occurred_at__lt=_start_of_day(value + datetime.timedelta(days=1)))

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(actor_username=value) if value else queryset

    def filter_exact(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(**{name: value}) if value else queryset

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for word in value.split()[:5]:
            condition &= Q(target_label__icontains=word) | Q(purpose__icontains=word)
        return queryset.filter(condition)

    def used_filters(self) -> dict[str, str]:
        """The valid, non-empty filters, as text: what the audit event of a read records.

        Invalid filters are left out, as they are left out of the query."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # cleans the form; cleaned_data then holds the valid fields
        used = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            used[name] = value.isoformat() if isinstance(value, datetime.date) else str(value)
        return used
