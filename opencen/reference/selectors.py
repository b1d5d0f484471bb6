"""Reads of the code lists."""

from __future__ import annotations

from django.db.models import QuerySet

from opencen.reference.models import CODE_LISTS, CodeListEntry


def code_list_summaries() -> list[dict]:
    return [
        {"name": name, "label": model._meta.verbose_name_plural, "count": model.objects.count()}
        for name, model in CODE_LISTS.items()
    ]


def code_list_entries(*, name: str, active: bool | None = None) -> QuerySet[CodeListEntry]:
    """Entries of one code list, by its API name. Raises KeyError for an unknown list."""
    queryset = CODE_LISTS[name].objects.all()
    if active is not None:
        queryset = queryset.filter(active=active)
    return queryset
