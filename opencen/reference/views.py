"""Code-list pages: the index of lists and one page per list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Select
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from opencen.accounts.permissions import Permission, has_permission
from opencen.reference.models import CODE_LISTS
from opencen.reference.selectors import code_list_filter, code_list_summaries

PAGE_SIZE = 50

#: Columns each list page shows after code and label: (heading, attribute of the entry).
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "countries": ((_("Alpha-3"), "alpha3"), (_("Numeric"), "numeric")),
    "currencies": ((_("Numeric"), "numeric"),),
    "units": ((_("Dimension"), "get_dimension_display"), (_("Factor"), "factor")),
    "commodity-types": ((_("Section"), "section_id"), (_("Allowed units"), "allowed_units")),
    "hs-codes": (
        (_("Level"), "level"),
        (_("Parent"), "parent_id"),
        (_("HS section"), "hs_section"),
    ),
    "places": (
        (_("Kind"), "get_kind_display"),
        (_("Country"), "country"),
        (_("IATA"), "iata"),
        (_("UN/LOCODE"), "locode"),
        (_("City"), "city"),
        (_("Coordinates"), "coordinates"),
    ),
}


def _require_reference_view(request: HttpRequest) -> None:
    if not has_permission(request.user, Permission.REFERENCE_VIEW):
        raise PermissionDenied


def _cell(entry, attribute: str) -> str:
    """The text of one extra column for ``entry``."""
    if attribute == "allowed_units":
        return ", ".join(unit.code for unit in entry.allowed_units.all())
    if attribute == "coordinates":
        if entry.latitude is None or entry.longitude is None:
            return ""
        return f"{entry.latitude:.4f}, {entry.longitude:.4f}"
    value = getattr(entry, attribute)
    value = value() if callable(value) else value
    return "" if value is None else str(value)


@require_GET
def code_list_index(request: HttpRequest) -> HttpResponse:
    """Every code list with its number of entries."""
    _require_reference_view(request)
    return render(request, "reference/index.html", {"lists": code_list_summaries()})


@require_GET
def code_list_detail(request: HttpRequest, name: str) -> HttpResponse:
    """One code list: search, active filter, the list's own filters, pages of 50.

    An htmx request gets the table only.
    """
    _require_reference_view(request)
    if name not in CODE_LISTS:
        raise Http404
    model = CODE_LISTS[name]
    filterset = code_list_filter(name=name, data=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    columns = EXTRA_COLUMNS.get(name, ())
    rows = [(entry, [_cell(entry, attribute) for _heading, attribute in columns]) for entry in page]
    extra_fields = []
    for field_name, field in filterset.form.fields.items():
        if field_name in {"q", "active"}:
            continue
        is_select = isinstance(field.widget, Select)
        field.widget.attrs["class"] = (
            "form-select form-select-sm" if is_select else "form-control form-control-sm"
        )
        extra_fields.append(filterset.form[field_name])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "name": name,
        "title": model._meta.verbose_name_plural,
        "filterset": filterset,
        "extra_fields": extra_fields,
        "active_filter": request.GET.get("active", ""),
        "page": page,
        "rows": rows,
        "headings": [heading for heading, _attribute in columns],
        "list_is_empty": not model.objects.exists(),
        "query": query.urlencode(),
        "can_manage": has_permission(request.user, Permission.REFERENCE_MANAGE),
        "admin_url_name": f"admin:reference_{model._meta.model_name}_changelist",
    }
    template = "reference/_list_table.html" if request.htmx else "reference/list.html"
    return render(request, template, context)
