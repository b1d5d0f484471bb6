"""Reads of the code lists, shared by the pages and the API."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.db.models import QuerySet

from opencen.reference.filtersets import FILTERSETS, CodeListFilterSet
from opencen.reference.models import CODE_LISTS, CodeListEntry, CodeListVersion

#: Per list, what to fetch along with the entries so that a page costs a fixed number of
#: queries whatever its size.
_RELATED: dict[str, Callable[[QuerySet], QuerySet]] = {
    "commodity-types": lambda queryset: queryset.prefetch_related("allowed_units"),
    "places": lambda queryset: queryset.select_related("country"),
}


def code_list_summaries() -> list[dict]:
    """Every code list: its API name, its plural label and how many entries it has."""
    return [
        {"name": name, "label": model._meta.verbose_name_plural, "count": model.objects.count()}
        for name, model in CODE_LISTS.items()
    ]


def code_list_entries(*, name: str, active: bool | None = None) -> QuerySet[CodeListEntry]:
    """Entries of one code list, by its API name. Raises KeyError for an unknown list."""
    queryset = CODE_LISTS[name].objects.all()
    if name in _RELATED:
        queryset = _RELATED[name](queryset)
    if active is not None:
        queryset = queryset.filter(active=active)
    return queryset


def code_list_filter(*, name: str, data: Mapping | None) -> CodeListFilterSet:
    """The list's filterset bound to ``data`` (a query dict); ``.qs`` gives the entries.

    Raises KeyError for an unknown list.
    """
    return FILTERSETS[name](data=data or None, queryset=code_list_entries(name=name))


def code_list_version() -> str | None:
    """The code lists' current version token (one indexed read), None when there is none yet
    (then nothing derived from the lists should be kept)."""
    token = (
        CodeListVersion.objects.filter(pk=CodeListVersion.SINGLETON)
        .values_list("token", flat=True)
        .first()
    )
    return None if token is None else str(token)
