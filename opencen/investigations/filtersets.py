"""One filterset for the investigation list page and the API list."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencen.investigations.choices import CaseKind, CaseStatus, Priority
from opencen.investigations.models import Investigation
from opencen.investigations.selectors import OPEN_STATUSES, team_q


class InvestigationFilterSet(django_filters.FilterSet):
    """``?status=open&status=active&priority=high&kind=alert&mine=1&overdue=1&q=...``"""

    q = django_filters.CharFilter(method="filter_text", label=_("Reference or title"))
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    priority = django_filters.MultipleChoiceFilter(choices=Priority.choices, label=_("Priority"))
    kind = django_filters.ChoiceFilter(choices=CaseKind.choices, label=_("Kind"))
    # Checkboxes: ticked narrows the list, unticked (or absent) does not filter.
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Assigned to me"), widget=forms.CheckboxInput
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue"), widget=forms.CheckboxInput
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("created_at", "created_at"),
            ("due_on", "due_on"),
            ("reference", "reference"),
            ("priority", "priority"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Investigation
        fields: list[str] = []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The API's filter backend passes the request rather than the user.
        self.user = user or getattr(self.request, "user", None)

    def is_filtered(self) -> bool:
        data = self.data or {}
        return any(data.get(name) not in (None, "") for name in self.filters if name != "ordering")

    def filter_text(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))

    def filter_mine(self, queryset, name, value):
        if not value or self.user is None:
            return queryset
        return queryset.filter(team_q(self.user))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(due_on__lt=timezone.localdate(), status__in=OPEN_STATUSES)
