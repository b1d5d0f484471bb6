"""Reads of the audit log, shared by its pages and its export.

The log grows by millions of rows, so pages are cut by key (``?before=<id>`` for older events,
``?after=<id>`` for newer ones) instead of by offset, and the number of matching events is
counted only up to :data:`COUNT_LIMIT`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.filtersets import AuditEventFilterSet
from opencen.audit.models import AuditEvent

#: Counting stops here: "more than 10,000 events" is all a reader needs beyond it.
COUNT_LIMIT = 10_000


def audit_event_list(*, user) -> QuerySet[AuditEvent]:
    """Every event the user may read, newest first: all of them with ``audit.view``, else none."""
    if not has_permission(user, Permission.AUDIT_VIEW):
        return AuditEvent.objects.none()
    return AuditEvent.objects.select_related("actor").order_by("-id")


def audit_event_filter(*, user, data: Mapping | None) -> AuditEventFilterSet:
    """The audit filterset bound to ``data`` (a query dict); ``.qs`` gives the events."""
    return AuditEventFilterSet(data=data or None, queryset=audit_event_list(user=user))


def audit_event_count(queryset: QuerySet[AuditEvent], *, limit: int = COUNT_LIMIT) -> int:
    """How many events match, counted up to ``limit + 1`` (more means "more than limit")."""
    return queryset.order_by()[: limit + 1].count()


@dataclass(frozen=True)
class AuditPage:
    """One page of events, newest first, and the keys that reach its neighbours."""

    events: list[AuditEvent]
    newer_after: int | None  # ?after= for the page of newer events, None on the newest page
    older_before: int | None  # ?before= for the page of older events, None on the oldest page


def audit_event_page(
    queryset: QuerySet[AuditEvent],
    *,
    before: int | None = None,
    after: int | None = None,
    size: int = 50,
) -> AuditPage:
    """The page of ``size`` events just older than ``before``, or just newer than ``after``.

    Each page is one indexed range query (``id < before ORDER BY id DESC LIMIT size + 1``),
    as fast on the millionth page as on the first.
    """
    if after is not None:
        rows = list(queryset.filter(id__gt=after).order_by("id")[: size + 1])
        has_newer = len(rows) > size
        events = rows[:size][::-1]
        has_older = True
    else:
        if before is not None:
            queryset = queryset.filter(id__lt=before)
        rows = list(queryset.order_by("-id")[: size + 1])
        has_older = len(rows) > size
        events = rows[:size]
        has_newer = before is not None
    if not events:
        return AuditPage(events=[], newer_after=None, older_before=None)
    return AuditPage(
        events=events,
        newer_after=events[0].id if has_newer else None,
        older_before=events[-1].id if has_older else None,
    )
