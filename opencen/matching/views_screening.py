"""Pages of screening: upload a list, follow its progress, read and download its hits.

The upload form posts through htmx when it is there (and as a plain form when it is not);
while the request screens the file, a progress partial polls the run every second, as the
seizure import does. See :mod:`opencen.matching.screening`.
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import purpose_required
from opencen.audit.services import audit_record
from opencen.core.permissions_views import permission_required
from opencen.matching import screening
from opencen.matching.models_screening import (
    ScreeningKind,
    ScreeningRun,
    ScreeningStatus,
)
from opencen.seizures.exporting import XLSX_CONTENT_TYPE, csv_bytes, csv_stream, xlsx_file

ROWS_PER_PAGE = 50
#: A run "screening" for longer than this was interrupted (the process died).
STALE_SECONDS = 600
DETAIL_URL = {ScreeningKind.PERSONS: "persons:detail", ScreeningKind.COMPANIES: "companies:detail"}


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(_("Screening"), reverse("matching:screening")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _optional_url(name: str, *args) -> str | None:
    """The URL of a page another app provides, None while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _allowed_kinds(user) -> list[tuple[str, str]]:
    return [
        (value, label)
        for value, label in ScreeningKind.choices
        if has_permission(user, screening.VIEW_PERMISSION[ScreeningKind(value)])
    ]


class ScreeningForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("The list holds"),
        choices=ScreeningKind.choices,
        initial=ScreeningKind.PERSONS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, separated by commas, semicolons or tabs) or Excel (.xlsx), one person "
            "or company per row, with the column names in the first row."
        ),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".csv,.xlsx,text/csv"}
        ),
    )
    threshold = forms.DecimalField(
        label=gettext_lazy("Lowest score shown"),
        min_value=0,
        max_value=1,
        decimal_places=2,
        initial=screening.DEFAULT_THRESHOLD,
        help_text=gettext_lazy("From 0 to 1. Lower finds more, with more false alarms."),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.05"}),
    )
    hits_per_row = forms.IntegerField(
        label=gettext_lazy("Hits per row"),
        min_value=1,
        max_value=screening.MAX_HITS_PER_ROW,
        initial=screening.DEFAULT_HITS_PER_ROW,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    # Chosen when the form is shown, so the page can follow the run while the file is read.
    run_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _allowed_kinds(user)
        if self.fields["kind"].choices:
            self.fields["kind"].initial = self.fields["kind"].choices[0][0]


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.ANALYSIS_RUN)
@purpose_required("screening")
def screening_upload(request: HttpRequest) -> HttpResponse:
    """Choose a list and screen it: the run's page comes next."""
    if not _allowed_kinds(request.user):
        raise PermissionDenied
    form = ScreeningForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        run_id = form.cleaned_data["run_id"]
        if run_id is None or ScreeningRun.objects.filter(pk=run_id).exists():
            run_id = uuid.uuid4()
        upload = form.cleaned_data["file"]
        try:
            run = screening.screening_run_create(
                actor=request.user,
                file=upload,
                file_name=upload.name,
                kind=form.cleaned_data["kind"],
                threshold=float(form.cleaned_data["threshold"]),
                hits_per_row=form.cleaned_data["hits_per_row"],
                run_id=run_id,
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return _redirect(request, reverse("matching:screening-run", args=[run.pk]))
    run_id = uuid.uuid4()
    form.initial["run_id"] = run_id
    if form.is_bound:
        # A new id for the next attempt, keeping what the officer chose.
        form.data = form.data.copy()
        form.data["run_id"] = str(run_id)
    context = {
        "page_title": _("Screen a list"),
        "breadcrumbs": _crumbs(),
        "form": form,
        "run_id": run_id,
        "person_columns": screening.PERSON_COLUMNS,
        "company_columns": screening.COMPANY_COLUMNS,
        "may_persons": has_permission(request.user, Permission.PERSON_VIEW),
        "may_companies": has_permission(request.user, Permission.COMPANY_VIEW),
        "max_rows": screening.MAX_ROWS,
        "max_mb": screening.MAX_FILE_BYTES // 2**20,
        "recent": screening.screening_run_list(user=request.user).filter(created_by=request.user)[
            :10
        ],
    }
    if request.htmx and request.method == "POST":
        return render(request, "matching/screening_upload_form.html", context)
    return render(request, "matching/screening_upload.html", context)


@require_GET
@permission_required(Permission.ANALYSIS_RUN)
def screening_template(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty list with one sample row (CSV)."""
    if kind not in ScreeningKind.values:
        raise Http404
    response = HttpResponse(
        csv_bytes(screening.template_rows(kind)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="opencen-screening-{kind}.csv"'
    return response


def _run(request: HttpRequest, pk) -> ScreeningRun:
    run = screening.screening_run_get(user=request.user, pk=pk)
    if run is None:
        raise Http404
    if not has_permission(request.user, screening.VIEW_PERMISSION[ScreeningKind(run.kind)]):
        raise PermissionDenied
    return run


def _stale(run: ScreeningRun) -> bool:
    age = (timezone.now() - run.updated_at).total_seconds()
    return run.status == ScreeningStatus.RUNNING and age > STALE_SECONDS


def _percent(run: ScreeningRun | None) -> int | None:
    if run is None or not run.expected_count:
        return None
    return min(100, round(100 * run.processed_count / run.expected_count))


SHOW_CHOICES = ("hits", "nohits", "problems", "all")


@require_GET
@permission_required(Permission.ANALYSIS_RUN)
@purpose_required("screening")
def screening_run_detail(request: HttpRequest, pk) -> HttpResponse:
    """Counts, then the rows with their hits (rows with hits first by default)."""
    run = _run(request, pk)
    show = request.GET.get("show")
    if show not in SHOW_CHOICES:
        show = "hits" if run.hit_row_count else "all"
    rows = run.rows.order_by("number")
    if show == "hits":
        rows = rows.filter(hit_count__gt=0)
    elif show == "nohits":
        rows = rows.filter(hit_count=0, screened=True)
    elif show == "problems":
        rows = rows.filter(problem_count__gt=0)
    page_obj = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    shown = screening.rows_with_visible_hits(user=request.user, run=run, rows=page_obj.object_list)
    detail = DETAIL_URL[ScreeningKind(run.kind)]
    for row in shown:
        for hit in row.visible_hits:
            hit["url"] = _optional_url(detail, hit["id"])
            hit["explanation_text"] = screening.explanation_text(hit["explanation"])
            hit["percent"] = round(hit["score"] * 100)
    working = run.status == ScreeningStatus.RUNNING and not _stale(run)
    columns = [c for c in screening.COLUMNS[run.kind] if c.name not in ("given_names",)]
    context = {
        "page_title": _("Screening: %(file)s") % {"file": run.file_name},
        "breadcrumbs": _crumbs((run.file_name, None)),
        "run": run,
        "show": show,
        "page_obj": page_obj,
        "rows": shown,
        "columns": columns,
        "working": working,
        "stale": _stale(run),
        "percent": _percent(run),
        "no_hit_count": max(run.total_count - run.hit_row_count - run.error_count, 0),
    }
    return render(request, "matching/screening_run.html", context)


@require_GET
@permission_required(Permission.ANALYSIS_RUN)
def screening_progress(request: HttpRequest, pk) -> HttpResponse:
    """The progress partial, polled every second while a list is screened. The run may not
    exist yet: the upload page polls from the moment the form is sent."""
    run = screening.screening_run_get(user=request.user, pk=pk)
    if run is None and ScreeningRun.objects.filter(pk=pk).exists():
        raise Http404  # another unit's run
    working = run is None or (run.status == ScreeningStatus.RUNNING and not _stale(run))
    if not working and request.GET.get("from") == "run" and request.htmx:
        return HttpResponseClientRefresh()
    return render(
        request,
        "matching/screening_progress.html",
        {
            "run": run,
            "run_id": pk,
            "working": working,
            "percent": _percent(run),
            "origin": request.GET.get("from", ""),
        },
    )


@require_GET
@permission_required(Permission.ANALYSIS_RUN)
@purpose_required("screening")
def screening_download(request: HttpRequest, pk, fmt: str) -> HttpResponse:
    """Every row with its hits (one line per row and hit; rows without a hit marked so),
    streamed, audited."""
    run = _run(request, pk)
    if run.status != ScreeningStatus.DONE:
        raise Http404
    audit_record(
        actor=request.user,
        event_type=AuditEventType.EXPORT,
        target=run,
        details={"format": fmt, "rows": run.total_count, "kind": run.kind},
    )
    stem = run.file_name.rsplit(".", 1)[0][:80] or "screening"
    filename = _ascii(f"{stem}-hits.{fmt}")
    rows = screening.result_rows(user=request.user, run=run)
    if fmt == "xlsx":
        return FileResponse(
            xlsx_file(rows, title="Screening"),
            as_attachment=True,
            filename=filename,
            content_type=XLSX_CONTENT_TYPE,
        )
    response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c not in '"\\' else "_" for c in name)
