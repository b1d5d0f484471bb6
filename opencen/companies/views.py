"""Company pages: list, detail, create and edit with rows in place, history, people, merge.

Views are thin: selectors read (scoped to the user), services write. A company out of the
user's scope answers 404, as if it did not exist. Opening a company is audited with the
purpose of consultation (asked first when purposes are mandatory).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import purpose_required
from opencen.audit.services import audit_record
from opencen.companies import forms as company_forms
from opencen.companies.choices import (
    CompanyInvolvementRole,
    CompanyKind,
    CompanyPersonRole,
    CompanyStatus,
)
from opencen.companies.filtersets import CompanyFilterSet
from opencen.companies.models import Company, CompanyPerson
from opencen.companies.selectors import (
    company_can,
    company_get,
    company_involvements,
    company_list,
    company_merged_target,
    company_people,
)
from opencen.companies.services import (
    CompanyConflict,
    company_create,
    company_merge,
    company_person_add,
    company_person_remove,
    company_update,
    seizure_company_add,
)
from opencen.core.forms import expected_version
from opencen.core.permissions_views import permission_required

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
SEARCH_LIMIT = 10
STATUS_BADGES = {
    CompanyStatus.ACTIVE: "text-bg-success",
    CompanyStatus.SUSPENDED: "text-bg-warning",
    CompanyStatus.DISSOLVED: "text-bg-dark",
    CompanyStatus.UNKNOWN: "text-bg-secondary",
}
FIELD_LABELS = {
    "name": gettext_lazy("Legal name"),
    "legal_form": gettext_lazy("Legal form"),
    "registration_number": gettext_lazy("Registration number"),
    "tax_number": gettext_lazy("Tax number"),
    "country": gettext_lazy("Country"),
    "website": gettext_lazy("Website"),
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "notes": gettext_lazy("Notes"),
    "handling_code": gettext_lazy("Handling code"),
    "trading_names": gettext_lazy("Trading names"),
    "addresses": gettext_lazy("Addresses"),
    "phones": gettext_lazy("Phones"),
    "emails": gettext_lazy("Emails"),
    "merged_into": gettext_lazy("Merged into"),
}


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(gettext_lazy("Companies"), reverse("companies:list")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _get_or_404(request: HttpRequest, pk, permission=Permission.COMPANY_VIEW) -> Company:
    try:
        return company_get(user=request.user, pk=pk, permission=permission)
    except Company.DoesNotExist:
        raise Http404 from None


def _is_partial(request: HttpRequest, target: str) -> bool:
    return bool(request.htmx) and request.htmx.target == target


def _page_size(request: HttpRequest) -> int:
    value = request.GET.get("per_page", "")
    return min(int(value), MAX_PAGE_SIZE) if value.isdigit() and int(value) > 0 else PAGE_SIZE


def _value_lines(value) -> list[str]:
    """A stored value as lines of text for the history and conflict tables."""
    if value in (None, "", []):
        return []
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict):
                lines.append(", ".join(str(v) for v in item.values() if v))
            else:
                lines.append(str(item))
        return lines
    choices = {
        **dict(CompanyKind.choices),
        **dict(CompanyStatus.choices),
    }
    return [str(choices.get(value, value))]


def describe_changes(changes: dict, mine: dict | None = None) -> list[dict]:
    return [
        {
            "label": FIELD_LABELS.get(name, name),
            "old": _value_lines(old),
            "new": _value_lines(new),
            "mine": _value_lines((mine or {}).get(name)),
        }
        for name, (old, new) in changes.items()
    ]


# --- list ---------------------------------------------------------------------------------


def _filter_widgets(filterset: CompanyFilterSet) -> None:
    from django.forms import Select

    form = filterset.form
    form.fields["country"].widget = Select(choices=company_forms.country_choices(blank=_("Any")))
    form.fields["kind"].widget = Select(choices=[("", _("Any")), *CompanyKind.choices])
    form.fields["status"].widget = Select(choices=[("", _("Any")), *CompanyStatus.choices])
    from opencen.seizures.forms import CodeLists

    form.fields["commodity_type"].widget = Select(
        choices=[("", _("Any")), *CodeLists().commodity_choices()]
    )
    form.fields["seized_after"].widget.input_type = "date"
    form.fields["seized_before"].widget.input_type = "date"
    form.fields["ordering"].widget.choices = [
        ("", _("Name")),
        ("-name", _("Name, descending")),
        ("-created_at", _("Newest first")),
        ("-updated_at", _("Last changed first")),
    ]
    form.fields["name"].widget.attrs.update(
        {"placeholder": _("Legal or trading name"), "type": "search"}
    )
    form.fields["number"].widget.attrs.update({"placeholder": _("Any separators")})
    for field in form.fields.values():
        field.widget.attrs["class"] = (
            "form-select form-select-sm"
            if isinstance(field.widget, Select)
            else "form-control form-control-sm"
        )


@require_GET
@permission_required(Permission.COMPANY_VIEW)
def company_list_view(request: HttpRequest) -> HttpResponse:
    """Companies in scope, filtered, sorted and paged with the total count. An htmx request
    from the filter form gets the results only. A filtered search is audited."""
    filterset = CompanyFilterSet(
        data=request.GET or None,
        queryset=company_list(user=request.user).select_related("country"),
    )
    _filter_widgets(filterset)
    results = filterset.qs
    if not request.GET.get("ordering"):
        results = results.order_by("name", "id")
    page = Paginator(results, _page_size(request)).get_page(request.GET.get("page"))
    used = [
        name
        for name in filterset.form.fields
        if name != "ordering" and request.GET.get(name) not in (None, "")
    ]
    if used and filterset.is_valid():
        audit_record(
            actor=request.user,
            event_type=AuditEventType.SEARCH,
            target_type="companies.company",
            details={"filters": {name: request.GET.get(name)[:100] for name in used}},
        )
    context = {
        "page_title": _("Companies"),
        "filterset": filterset,
        "form": filterset.form,
        "filtered": bool(used),
        "filter_count": len(used),
        "page_obj": page,
        "companies": page.object_list,
        "status_badges": STATUS_BADGES,
        "any_company": bool(page.object_list) or bool(used),
    }
    template = (
        "companies/_list_results.html"
        if _is_partial(request, "company-results")
        else "companies/company_list.html"
    )
    return render(request, template, context)


# --- detail -------------------------------------------------------------------------------


@require_GET
@permission_required(Permission.COMPANY_VIEW)
@purpose_required("company")
def company_detail_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    try:
        company = company_get(user=request.user, pk=pk)
    except Company.DoesNotExist:
        target = company_merged_target(user=request.user, pk=pk)
        if target is None:
            raise Http404 from None
        messages.info(request, _("That company was merged into this one."))
        return redirect("companies:detail", pk=target.pk)
    audit_record(actor=request.user, event_type=AuditEventType.RECORD_VIEWED, target=company)
    can_edit = company_can(user=request.user, company=company, permission=Permission.COMPANY_EDIT)
    involvements = list(company_involvements(user=request.user, company=company))
    investigations = company.investigations.all().order_by("-created_at")[:50]
    context = {
        "page_title": company.name,
        "breadcrumbs": _crumbs((company.name, None)),
        "company": company,
        "status_badge": STATUS_BADGES.get(company.status, "text-bg-secondary"),
        "can_edit": can_edit,
        "involvements": involvements,
        "people": company_people(user=request.user, company=company),
        "investigations": investigations,
        "person_form": company_forms.CompanyPersonForm(),
        "versions": company.versions.select_related("changed_by")[:5],
    }
    return render(request, "companies/company_detail.html", context)


# --- create and edit ----------------------------------------------------------------------


def _matches_url() -> str:
    """Where the form asks for possible existing matches (the matching app), if installed."""
    try:
        return reverse("matching:company-candidates")
    except NoReverseMatch:
        return ""


def _form_page(request, full_form, *, company=None, conflict=None, link=None):
    if company is None:
        title = _("New company")
        crumbs = _crumbs((title, None))
    else:
        title = _("Edit %(name)s") % {"name": company.name}
        crumbs = _crumbs(
            (company.name, reverse("companies:detail", args=[company.pk])), (_("Edit"), None)
        )
    return render(
        request,
        "companies/company_form.html",
        {
            "page_title": title,
            "breadcrumbs": crumbs,
            "full_form": full_form,
            "form": full_form.main,
            "company": company,
            "conflict": conflict,
            "link": link,
            "matches_url": _matches_url() if company is None else "",
            "sections": [
                {
                    "kind": kind,
                    "title": company_forms.SECTION_TITLES[kind],
                    "rowset": full_form.rowsets[kind],
                    "errors": full_form.section_errors.get(kind, []),
                    "add_label": company_forms.ADD_LABELS[kind],
                    "add_url": reverse("companies:form-row", args=[kind]),
                }
                for kind in company_forms.ROW_FORMS
            ],
        },
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.COMPANY_EDIT)
def company_create_view(request: HttpRequest) -> HttpResponse:
    """A new company; from a seizure (``?seizure=<id>&role=<code>``) it comes back linked."""
    from opencen.seizures.involvements import back_to_involvements, seizure_link_from_request

    link = seizure_link_from_request(request, CompanyInvolvementRole)
    full_form = company_forms.CompanyFullForm(
        data=request.POST if request.method == "POST" else None
    )
    if request.method == "GET" and request.GET.get("name"):
        full_form.main.initial["name"] = request.GET["name"][:300]
    if request.method == "POST" and full_form.is_valid():
        try:
            with transaction.atomic():  # a refused link leaves no company behind
                company = company_create(actor=request.user, data=full_form.to_input())
                if link:
                    seizure_company_add(
                        actor=request.user,
                        seizure=link["seizure"],
                        company=company,
                        role=link["role"],
                    )
        except ValidationError as error:
            full_form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s was recorded.") % {"name": company.name})
            if link:
                return back_to_involvements(link["seizure"])
            return redirect("companies:detail", pk=company.pk)
    return _form_page(request, full_form, link=link)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.COMPANY_EDIT)
def company_edit_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Edit with optimistic concurrency: a save over a stale version shows what changed
    since, keeps what the user typed and overwrites nothing."""
    company = _get_or_404(request, pk, Permission.COMPANY_EDIT)
    data = request.POST if request.method == "POST" else None
    full_form = company_forms.CompanyFullForm(data=data, company=company)
    conflict = None
    if request.method == "POST" and full_form.is_valid():
        expected = expected_version(request, full_form.main, company.version)
        data_input = full_form.to_input()
        try:
            updated = company_update(
                actor=request.user, company=company, data=data_input, expected_version=expected
            )
        except CompanyConflict as stale:
            conflict = {
                "current_version": stale.current_version,
                "expected_version": stale.expected_version,
                "updated_by": stale.company.updated_by,
                "updated_at": stale.company.updated_at,
                "rows": describe_changes(stale.changes, mine=_input_snapshot(data_input)),
            }
        except ValidationError as error:
            full_form.add_service_errors(error)
        else:
            if updated.version == company.version:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("%(name)s was saved.") % {"name": updated.name})
            return redirect("companies:detail", pk=company.pk)
    return _form_page(request, full_form, company=company, conflict=conflict)


def _input_snapshot(data) -> dict:
    return {
        "name": data.name,
        "legal_form": data.legal_form,
        "registration_number": data.registration_number,
        "tax_number": data.tax_number,
        "country": data.country.code if data.country else None,
        "website": data.website,
        "kind": data.kind,
        "status": data.status,
        "notes": data.notes,
        "handling_code": data.handling_code,
        "trading_names": data.trading_names,
        "addresses": [
            {"address": a.address, "city": a.city, "country": a.country.code if a.country else None}
            for a in data.addresses
        ],
        "phones": data.phones,
        "emails": data.emails,
    }


@require_GET
@permission_required(Permission.COMPANY_EDIT)
def form_row_view(request: HttpRequest, kind: str) -> HttpResponse:
    """A new empty row of a section (``?index=N``), with the "add" button moved to N+1.
    ``?remove=1`` answers nothing: the page drops the row."""
    if kind not in company_forms.ROW_FORMS:
        raise Http404
    if request.GET.get("remove"):
        return HttpResponse("")
    index = request.GET.get("index", "")
    index = int(index) if index.isdigit() and len(index) < 4 else 0
    return render(
        request,
        "companies/_form_row_added.html",
        {
            "row": company_forms.ROW_FORMS[kind](prefix=f"{kind}-{index}"),
            "kind": kind,
            "next_index": index + 1,
            "add_label": company_forms.ADD_LABELS[kind],
            "add_url": reverse("companies:form-row", args=[kind]),
        },
    )


# --- history ------------------------------------------------------------------------------


@require_GET
@permission_required(Permission.COMPANY_VIEW)
@purpose_required("company")
def company_history_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    company = _get_or_404(request, pk)
    versions = company.versions.select_related("changed_by").order_by("-version")
    entries = [{"version": v, "rows": describe_changes(v.changes)} for v in versions]
    return render(
        request,
        "companies/company_history.html",
        {
            "page_title": _("History of %(name)s") % {"name": company.name},
            "breadcrumbs": _crumbs(
                (company.name, reverse("companies:detail", args=[company.pk])),
                (_("History"), None),
            ),
            "company": company,
            "entries": entries,
        },
    )


# --- people of a company ------------------------------------------------------------------


@require_GET
@permission_required(Permission.COMPANY_EDIT)
def person_options_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Up to 10 persons in scope whose name contains the text typed (an htmx fragment)."""
    company = _get_or_404(request, pk, Permission.COMPANY_EDIT)
    from opencen.seizures.involvements import person_search

    return render(
        request,
        "companies/_person_options.html",
        {
            "company": company,
            "persons": person_search(request.user, request.GET.get("q", "")),
            "roles": CompanyPersonRole.choices,
        },
    )


@require_POST
@permission_required(Permission.COMPANY_EDIT)
def company_person_add_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    from opencen.persons.models import Person
    from opencen.persons.selectors import person_list

    company = _get_or_404(request, pk, Permission.COMPANY_EDIT)
    form = company_forms.CompanyPersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person from the search results and a role."))
        return redirect(reverse("companies:detail", args=[company.pk]) + "#people")
    try:
        person = person_list(user=request.user).get(pk=form.cleaned_data["person"])
    except Person.DoesNotExist:
        messages.error(request, _("No such person in your scope."))
        return redirect(reverse("companies:detail", args=[company.pk]) + "#people")
    try:
        company_person_add(
            actor=request.user,
            company=company,
            person=person,
            role=form.cleaned_data["role"],
            started_on=form.cleaned_data["started_on"],
            ended_on=form.cleaned_data["ended_on"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s was linked.") % {"person": person})
    return redirect(reverse("companies:detail", args=[company.pk]) + "#people")


@require_POST
@permission_required(Permission.COMPANY_EDIT)
def company_person_remove_view(request: HttpRequest, pk: uuid.UUID, link: int) -> HttpResponse:
    company = _get_or_404(request, pk, Permission.COMPANY_EDIT)
    row = CompanyPerson.objects.filter(company=company, pk=link).select_related("company").first()
    if row is None:
        raise Http404
    company_person_remove(actor=request.user, link=row)
    messages.success(request, _("The link was removed."))
    return redirect(reverse("companies:detail", args=[company.pk]) + "#people")


# --- merge --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(Permission.COMPANY_EDIT)
def company_merge_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Fold a duplicate into this company: search it, compare, confirm."""
    company = _get_or_404(request, pk, Permission.COMPANY_EDIT)
    editable = company_list(user=request.user, permission=Permission.COMPANY_EDIT).exclude(
        pk=company.pk
    )
    form = company_forms.CompanyMergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        duplicate = editable.filter(pk=form.cleaned_data["duplicate"]).first()
        if duplicate is None:
            raise Http404
        try:
            company_merge(actor=request.user, survivor=company, duplicate=duplicate)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("%(duplicate)s was merged into %(name)s.")
                % {"duplicate": duplicate.name, "name": company.name},
            )
            return redirect("companies:detail", pk=company.pk)
    query = " ".join((request.GET.get("q") or "").split())[:100]
    chosen = request.POST.get("duplicate") or request.GET.get("duplicate") or ""
    candidates = []
    if query:
        candidates = list(
            CompanyFilterSet(data={"name": query}, queryset=editable)
            .qs.select_related("country")
            .order_by("name")[:20]
        )
    duplicate = None
    if chosen:
        try:
            duplicate = (
                editable.select_related("country")
                .prefetch_related("trading_names")
                .filter(pk=uuid.UUID(chosen))
                .first()
            )
        except ValueError:
            duplicate = None
    return render(
        request,
        "companies/company_merge.html",
        {
            "page_title": _("Merge a duplicate into %(name)s") % {"name": company.name},
            "breadcrumbs": _crumbs(
                (company.name, reverse("companies:detail", args=[company.pk])),
                (_("Merge"), None),
            ),
            "company": company,
            "query": query,
            "candidates": candidates,
            "duplicate": duplicate,
            "form": form,
        },
    )
