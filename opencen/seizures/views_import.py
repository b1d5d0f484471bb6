"""Pages of the seizure import (template, upload, preview, confirm) and the list exports.

The upload form posts through htmx when it is there (and as a plain form when it is not);
while the request reads the file, a progress partial polls the batch every second. The
confirmation does the same with an indeterminate bar: the commit is one transaction, whose
progress no other request can see. See :mod:`opencen.seizures.importing`.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import purpose_required
from opencen.audit.services import audit_record
from opencen.core.permissions_views import permission_required
from opencen.seizures import exporting, importing
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.models import ImportBatch, ImportStatus
from opencen.seizures.selectors import seizure_list

ROWS_PER_PAGE = 100
#: A batch "importing" for longer than this was interrupted (the process died): offer a retry.
STALE_COMMIT_SECONDS = 600


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(_("Seizures"), _optional_url("seizures:list")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _optional_url(name: str, *args) -> str | None:
    """The URL of a page another part of the app provides, None while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# --- template ------------------------------------------------------------------------------


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The empty template with a sample row: CSV, or Excel with comments and the valid codes."""
    if fmt == "xlsx":
        return FileResponse(
            exporting.template_xlsx(),
            as_attachment=True,
            filename="opencen-seizures-template.xlsx",
            content_type=exporting.XLSX_CONTENT_TYPE,
        )
    response = HttpResponse(
        exporting.csv_bytes(exporting.template_rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="opencen-seizures-template.csv"'
    return response


# --- upload --------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, separated by commas or semicolons) or Excel (.xlsx), one seizure per "
            "row, with the template's column names in the first row."
        ),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".csv,.xlsx,text/csv"}
        ),
    )
    # Chosen when the form is shown, so the page can follow the batch while the file is read.
    batch_id = forms.UUIDField(widget=forms.HiddenInput, required=False)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.SEIZURE_EDIT)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Choose a file; reading it makes a batch whose preview comes next. Nothing is stored as
    seizures here."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch_id = form.cleaned_data["batch_id"]
        if batch_id is None or ImportBatch.objects.filter(pk=batch_id).exists():
            batch_id = uuid.uuid4()
        upload = form.cleaned_data["file"]
        try:
            batch = importing.import_batch_create(
                actor=request.user, file=upload, file_name=upload.name, batch_id=batch_id
            )
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return _redirect(request, reverse("seizures:import-preview", args=[batch.pk]))
    context = {
        "page_title": _("Import seizures"),
        "breadcrumbs": _crumbs((_("Import"), None)),
        "form": form,
        "batch_id": uuid.uuid4(),
        "columns": importing.COLUMNS,
        "max_rows": importing.MAX_ROWS,
        "max_mb": importing.MAX_FILE_BYTES // 2**20,
        "recent": ImportBatch.objects.filter(created_by=request.user).order_by("-created_at")[:10],
    }
    form.initial["batch_id"] = context["batch_id"]
    if request.htmx and request.method == "POST":
        return render(request, "seizures/import/_upload_form.html", context)
    return render(request, "seizures/import/upload.html", context)


# --- preview, progress, confirm, cancel ----------------------------------------------------


def _batch(request: HttpRequest, pk) -> ImportBatch:
    batch = importing.import_batch_get(user=request.user, pk=pk)
    if batch is None:
        raise Http404
    return batch


def _stale(batch: ImportBatch) -> bool:
    age = (timezone.now() - batch.updated_at).total_seconds()
    return batch.status == ImportStatus.COMMITTING and age > STALE_COMMIT_SECONDS


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def import_preview(request: HttpRequest, pk) -> HttpResponse:
    """Counts, then every row with its errors (rows with errors first by default)."""
    batch = _batch(request, pk)
    show = request.GET.get("show") or ("errors" if batch.error_count else "all")
    rows = batch.rows.order_by("number")
    if show == "errors":
        rows = rows.filter(ok=False)
    elif show == "good":
        rows = rows.filter(ok=True)
    page_obj = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    conveyance_columns = {"conveyance_type", *importing.CONVEYANCE_IDENTIFIERS}
    for row in page_obj.object_list:
        row.error_columns = {error["column"] for error in row.errors}
        row.conveyance_error = bool(row.error_columns & conveyance_columns)
        row.detail_url = row.seizure_id and _optional_url("seizures:detail", row.seizure_id)
    context = {
        "page_title": _("Import: %(file)s") % {"file": batch.file_name},
        "breadcrumbs": _crumbs((_("Import"), reverse("seizures:import")), (batch.file_name, None)),
        "batch": batch,
        "show": show,
        "page_obj": page_obj,
        "rows": page_obj.object_list,
        "columns": importing.COLUMN_NAMES,
        "stale": _stale(batch),
        "list_url": _optional_url("seizures:list"),
        "working": batch.status in (ImportStatus.PARSING, ImportStatus.COMMITTING)
        and not _stale(batch),
    }
    return render(request, "seizures/import/preview.html", context)


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def import_progress(request: HttpRequest, pk) -> HttpResponse:
    """The progress partial, polled every second while a file is read or imported. The batch
    may not exist yet: the upload page polls from the moment the form is sent."""
    batch = importing.import_batch_get(user=request.user, pk=pk)
    if batch is None and ImportBatch.objects.filter(pk=pk).exists():
        raise Http404  # another unit's batch
    working = batch is None or (
        batch.status in (ImportStatus.PARSING, ImportStatus.COMMITTING) and not _stale(batch)
    )
    if not working and request.GET.get("from") == "preview" and request.htmx:
        return HttpResponseClientRefresh()
    percent = None
    if batch is not None and batch.status == ImportStatus.PARSING and batch.expected_count:
        percent = min(100, round(100 * batch.processed_count / batch.expected_count))
    return render(
        request,
        "seizures/import/_progress.html",
        {
            "batch": batch,
            "batch_id": pk,
            "working": working,
            "percent": percent,
            "origin": request.GET.get("from", ""),
        },
    )


@require_POST
@permission_required(Permission.SEIZURE_EDIT)
def import_confirm(request: HttpRequest, pk) -> HttpResponse:
    """Create the good rows as draft seizures, in one transaction."""
    batch = _batch(request, pk)
    try:
        importing.import_batch_commit(actor=request.user, batch=batch)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    # On success the preview says what was created.
    return _redirect(request, reverse("seizures:import-preview", args=[batch.pk]))


@require_POST
@permission_required(Permission.SEIZURE_EDIT)
def import_cancel(request: HttpRequest, pk) -> HttpResponse:
    """Drop the batch: nothing of it is stored."""
    batch = _batch(request, pk)
    try:
        importing.import_batch_cancel(actor=request.user, batch=batch)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _redirect(request, reverse("seizures:import-preview", args=[batch.pk]))
    messages.info(request, _("The import of %(file)s was cancelled.") % {"file": batch.file_name})
    return _redirect(request, reverse("seizures:import"))


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def import_rejected(request: HttpRequest, pk, fmt: str) -> HttpResponse:
    """The rows with errors, as typed, with an ``errors`` column: correct and import again."""
    batch = _batch(request, pk)
    stem = batch.file_name.rsplit(".", 1)[0][:80] or "import"
    filename = f"{stem}-rejected.{fmt}"
    if fmt == "xlsx":
        return FileResponse(
            exporting.xlsx_file(importing.rejected_rows(batch), title="Rejected"),
            as_attachment=True,
            filename=filename,
            content_type=exporting.XLSX_CONTENT_TYPE,
        )
    response = StreamingHttpResponse(
        exporting.csv_stream(importing.rejected_rows(batch)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_ascii(filename)}"'
    return response


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c not in '"\\' else "_" for c in name)


# --- export of the filtered list -----------------------------------------------------------


@require_GET
@permission_required(Permission.EXPORT)
@purpose_required("export")
def seizure_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list page's seizures under its filters (its query string), streamed, audited."""
    filterset = SeizureFilterSet(
        request.GET, queryset=seizure_list(user=request.user, permission=Permission.EXPORT)
    )
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        )
    queryset = filterset.qs
    if not request.GET.get("ordering"):
        queryset = queryset.order_by("-occurred_at", "reference")
    filters = {
        key: values if len(values) > 1 else values[0]
        for key, values in request.GET.lists()
        if key not in ("page",) and any(values)
    }
    count = queryset.count()
    audit_record(
        actor=request.user,
        event_type=AuditEventType.EXPORT,
        target_type="seizures.seizure",
        target_label=_("Seizure list"),
        details={"format": fmt, "filters": filters, "count": count},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"opencen-seizures-{stamp}.{fmt}"
    rows = exporting.export_rows(queryset)
    if fmt == "xlsx":
        return FileResponse(
            exporting.xlsx_file(rows),
            as_attachment=True,
            filename=filename,
            content_type=exporting.XLSX_CONTENT_TYPE,
        )
    response = StreamingHttpResponse(
        exporting.csv_stream(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
