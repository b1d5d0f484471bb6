"""Audit log pages: the filtered list, one event, the chain check and the CSV export.

Administrators only (``audit.view``). Every read of the log is itself written to the log.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from opencen.accounts.permissions import Permission
from opencen.audit import selectors
from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.models import AuditEvent
from opencen.audit.purpose import purpose_required
from opencen.audit.services import audit_chain_verify, audit_record
from opencen.core.permissions_views import permission_required

EVENTS_PER_PAGE = 50

#: Columns of the CSV export: (heading, attribute of the event).
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "id"),
    ("time_utc", "occurred_at"),
    ("actor", "actor_username"),
    ("source_ip", "source_ip"),
    ("event_type", "event_type"),
    ("event", "get_event_type_display"),
    ("target_type", "target_type"),
    ("target_id", "target_id"),
    ("target", "target_label"),
    ("purpose", "purpose"),
    ("outcome", "outcome"),
    ("details", "details"),
    ("hash", "hash"),
)


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(_("Administration"), reverse("accounts:admin-index")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _cursor(request: HttpRequest, name: str) -> int | None:
    """A positive page key from the query string, or None (a bad key means the newest page)."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and 0 < len(value) < 19 else None


@require_GET
@permission_required(Permission.AUDIT_VIEW)
def audit_list(request: HttpRequest) -> HttpResponse:
    """The log, newest first, filtered; pages cut by event number. An htmx request gets the
    results only. Each load is recorded as one ``AUDIT_LOG_VIEWED`` event with its filters."""
    filterset = selectors.audit_event_filter(user=request.user, data=request.GET)
    events = filterset.qs
    before, after = _cursor(request, "before"), _cursor(request, "after")
    page = selectors.audit_event_page(events, before=before, after=after, size=EVENTS_PER_PAGE)
    count = selectors.audit_event_count(events)
    filters = filterset.used_filters()
    audit_record(
        actor=request.user,
        event_type=AuditEventType.AUDIT_LOG_VIEWED,
        details={
            "filters": filters,
            "before": before,
            "after": after,
            "shown": len(page.events),
        },
    )
    query = request.GET.copy()
    for key in ("before", "after"):
        query.pop(key, None)
    context = {
        "page_title": _("Audit log"),
        "breadcrumbs": _crumbs((_("Audit log"), None)),
        "filterset": filterset,
        "filtered": bool(filters),
        "page": page,
        "events": page.events,
        "count": count,
        "count_limit": selectors.COUNT_LIMIT,
        "count_capped": count > selectors.COUNT_LIMIT,
        "paged": before is not None or after is not None,
        "query": query.urlencode(),
        "time_zone": timezone.get_current_timezone_name(),
    }
    template = "audit/_event_results.html" if request.htmx else "audit/event_list.html"
    return render(request, template, context)


@require_GET
@permission_required(Permission.AUDIT_VIEW)
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One event: every field, its details as indented JSON, its hash and the previous one."""
    event = selectors.audit_event_list(user=request.user).filter(pk=pk).first()
    if event is None:
        raise Http404
    has_next = AuditEvent.objects.filter(pk=event.pk + 1).exists()
    audit_record(
        actor=request.user,
        event_type=AuditEventType.AUDIT_LOG_VIEWED,
        target=event,
        target_label=f"#{event.pk} {event.get_event_type_display()}",
    )
    return render(
        request,
        "audit/event_detail.html",
        {
            "page_title": _("Audit event #%(id)s") % {"id": event.pk},
            "breadcrumbs": _crumbs((_("Audit log"), reverse("audit:list")), (f"#{event.pk}", None)),
            "event": event,
            "has_next": has_next,
            "details_json": json.dumps(event.details, indent=2, ensure_ascii=False, sort_keys=True),
            "time_zone": timezone.get_current_timezone_name(),
        },
    )


@require_POST
@permission_required(Permission.AUDIT_VIEW)
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Walk the whole chain now and show whether it holds (the check is itself recorded)."""
    started = time.monotonic()
    checked, chain_break = audit_chain_verify()
    seconds = time.monotonic() - started
    audit_record(
        actor=request.user,
        event_type=AuditEventType.AUDIT_LOG_VIEWED,
        outcome=AuditOutcome.SUCCESS if chain_break is None else AuditOutcome.FAILURE,
        details={
            "action": "verify",
            "checked": checked,
            "broken_at": chain_break.event_id if chain_break else None,
            "reason": chain_break.reason if chain_break else "",
        },
    )
    return render(
        request,
        "audit/verify.html",
        {
            "page_title": _("Audit chain check"),
            "breadcrumbs": _crumbs(
                (_("Audit log"), reverse("audit:list")), (_("Chain check"), None)
            ),
            "checked": checked,
            "chain_break": chain_break,
            "seconds": seconds,
        },
    )


class _Echo:
    """A file-like object whose write returns the line, for streaming with csv.writer."""

    def write(self, value: str) -> str:
        return value


def _cell(event, attribute: str) -> str:
    value = getattr(event, attribute)
    value = value() if callable(value) else value
    if attribute == "occurred_at":
        return value.isoformat(timespec="microseconds")
    if attribute == "details":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = "" if value is None else str(value)
    # A spreadsheet runs a cell that starts with one of these as a formula: make it text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _csv_rows(events) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([heading for heading, _attribute in EXPORT_COLUMNS])
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow([_cell(event, attribute) for _heading, attribute in EXPORT_COLUMNS])


@require_GET
@permission_required(Permission.AUDIT_VIEW)
@purpose_required("export")
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """The events the current filters select, newest first, as CSV (times in UTC), streamed."""
    filterset = selectors.audit_event_filter(user=request.user, data=request.GET)
    events = filterset.qs.order_by("-id")
    audit_record(
        actor=request.user,
        event_type=AuditEventType.EXPORT,
        target_type="audit.auditevent",
        target_label=str(_("Audit log")),
        details={"filters": filterset.used_filters(), "format": "csv"},
    )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response
