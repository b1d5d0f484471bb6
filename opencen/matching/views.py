"""Pages of the matching app: possible matches shown while a new person or company is typed
(htmx fragments), and a search page for persons and companies ranked by match score.

Every search is audited (the asked name is personal data: the event keeps it, as the list
searches do), with the purpose of consultation when one is mandatory.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import purpose_required, remembered_purpose
from opencen.audit.services import audit_record
from opencen.core.permissions_views import permission_required
from opencen.matching.search import (
    CompanyQuery,
    Match,
    PersonQuery,
    company_matches,
    person_matches,
)

#: Matches shown beside a form being typed, and the least score shown there.
CANDIDATES_SHOWN = 5
CANDIDATES_THRESHOLD = 0.6
#: Results of the search page.
SEARCH_LIMIT = 25
MAX_TEXT = 300

_DOCUMENT_FIELD = re.compile(r"^documents-\d+-number$")
_ALIAS_FIELD = re.compile(r"^aliases-\d+-name$")


def _text(params: QueryDict, name: str) -> str:
    return (params.get(name) or "").strip()[:MAX_TEXT]


def person_query_from(params: QueryDict) -> PersonQuery:
    """A person query from a search form, the API's parameters, or the new-person form's
    fields (given and family names, name as written and in Latin letters, aliases,
    nationalities, document rows)."""
    typed = " ".join(p for p in (_text(params, "given_names"), _text(params, "family_name")) if p)
    names = [
        _text(params, "name"),
        typed,
        _text(params, "name_latin"),
        _text(params, "name_original"),
    ]
    names += [_text(params, key) for key in sorted(params) if _ALIAS_FIELD.match(key)]
    names = [n for n in names if n]
    documents = [_text(params, "document_number")]
    documents += [_text(params, key) for key in sorted(params) if _DOCUMENT_FIELD.match(key)]
    documents = [d[:64] for d in documents if d]
    nationalities = [
        code.strip().upper()[:2]
        for code in [*params.getlist("nationalities"), *params.getlist("nationality")]
        if code and code.strip()
    ]
    return PersonQuery(
        name=names[0] if names else "",
        other_names=tuple(names[1:6]),
        birth_date=_text(params, "birth_date")[:20],
        nationalities=tuple(dict.fromkeys(nationalities)),
        document_number=documents[0] if documents else "",
        other_documents=tuple(documents[1:6]),
        sex=_text(params, "sex")[:10],
    )


def company_query_from(params: QueryDict) -> CompanyQuery:
    return CompanyQuery(
        name=_text(params, "name"),
        country=_text(params, "country")[:2].upper(),
        registration_number=_text(params, "registration_number")[:64],
        tax_number=_text(params, "tax_number")[:64],
    )


def _asked(query) -> dict:
    """What was asked, for the audit event (empty values left out)."""
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in query.__dict__.items()
        if value
    }


def _audit_search(request: HttpRequest, *, target_type: str, query, found: list[Match], where):
    audit_record(
        actor=request.user,
        event_type=AuditEventType.SEARCH,
        target_type=target_type,
        details={"matching": where, "query": _asked(query), "results": len(found)},
    )


def _detail_url(kind: str, pk) -> str:
    try:
        return reverse("persons:detail" if kind == "person" else "companies:detail", args=[pk])
    except NoReverseMatch:
        return ""


def _with_urls(matches: list[Match]) -> list[dict]:
    return [
        {
            "id": m.id,
            "score": m.score,
            "percent": round(m.score * 100),
            "name": m.name,
            "explanation": m.explanation,
            "url": _detail_url(m.kind, m.id),
        }
        for m in matches
    ]


def _purpose_missing(request: HttpRequest, kind: str) -> bool:
    return settings.PURPOSE_REQUIRED and not remembered_purpose(request, kind)


def _purpose_url(request: HttpRequest, kind: str) -> str:
    # The page the fragment sits in is where the user comes back to.
    back = request.headers.get("HX-Current-URL", "") or reverse("core:home")
    return f"{reverse('audit:purpose')}?{urlencode({'kind': kind, 'next': back})}"


def _seizure_link(request: HttpRequest, kind: str) -> dict | None:
    """The seizure the record being typed is to be linked to (the form's hidden
    ``link_seizure`` and ``link_role``), so that an existing match can be linked instead."""
    if not request.GET.get("link_seizure"):
        return None
    from opencen.seizures.involvements import seizure_link_from_request

    if kind == "person":
        from opencen.persons.choices import InvolvementRole as roles
    else:
        from opencen.companies.choices import CompanyInvolvementRole as roles
    # The form's hidden fields come here in the query string (hx-include), not in a POST.
    asked = SimpleNamespace(
        GET={"seizure": request.GET.get("link_seizure"), "role": request.GET.get("link_role")},
        POST={},
        user=request.user,
    )
    link = seizure_link_from_request(asked, roles)
    if link is None:
        return None
    try:
        slug = "persons" if kind == "person" else "companies"
        link["add_url"] = reverse("seizures:involvement-add", args=[link["seizure"].pk, slug])
    except NoReverseMatch:
        return None
    return link


def _candidates(request: HttpRequest, *, kind: str) -> HttpResponse:
    if kind == "person":
        query = person_query_from(request.GET)
        asked = bool(query.names or query.documents)
    else:
        query = company_query_from(request.GET)
        asked = bool(query.name or query.registration_number or query.tax_number)
    context = {"kind": kind, "asked": asked, "matches": [], "link": _seizure_link(request, kind)}
    if asked and _purpose_missing(request, kind):
        context["purpose_url"] = _purpose_url(request, kind)
        return render(request, "matching/_candidates.html", context)
    if asked:
        finder = person_matches if kind == "person" else company_matches
        found = finder(
            user=request.user, query=query, limit=CANDIDATES_SHOWN, threshold=CANDIDATES_THRESHOLD
        )
        purpose = remembered_purpose(request, kind)
        audit_record(
            actor=request.user,
            event_type=AuditEventType.SEARCH,
            target_type="persons.person" if kind == "person" else "companies.company",
            purpose=purpose,
            details={"matching": "on entry", "query": _asked(query), "results": len(found)},
        )
        context["matches"] = _with_urls(found)
    return render(request, "matching/_candidates.html", context)


@require_GET
@permission_required(Permission.PERSON_VIEW)
def person_candidates_view(request: HttpRequest) -> HttpResponse:
    """Possible existing persons for what is being typed on the person form (htmx)."""
    return _candidates(request, kind="person")


@require_GET
@permission_required(Permission.COMPANY_VIEW)
def company_candidates_view(request: HttpRequest) -> HttpResponse:
    """Possible existing companies for what is being typed on the company form (htmx)."""
    return _candidates(request, kind="company")


# Search pages --------------------------------------------------------------------------------


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Any spelling or script, in any order."),
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True}),
    )
    birth_date = forms.CharField(
        label=_("Birth date"),
        max_length=10,
        required=False,
        help_text=_("1984, 1984-03 or 1984-03-02"),
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "YYYY-MM-DD"}),
    )
    nationality = forms.CharField(
        label=_("Nationality"),
        max_length=2,
        required=False,
        help_text=_("Two-letter country code, e.g. SD"),
        widget=forms.TextInput(attrs={"class": "form-control", "size": 3}),
    )
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and not (data.get("document_number") or "").strip():
            raise forms.ValidationError(_("Give a name or a document number."))
        return data


class CompanySearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Legal or trading name; the legal form does not matter."),
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True}),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("Two-letter country code, e.g. ZA"),
        widget=forms.TextInput(attrs={"class": "form-control", "size": 3}),
    )
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    tax_number = forms.CharField(
        label=_("Tax number"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self):
        data = super().clean()
        given = [(data.get(n) or "").strip() for n in ("name", "registration_number", "tax_number")]
        if not any(given):
            raise forms.ValidationError(_("Give a name, a registration or a tax number."))
        return data


def _search_page(request: HttpRequest, *, kind: str) -> HttpResponse:
    form_class = PersonSearchForm if kind == "person" else CompanySearchForm
    form = form_class(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        if kind == "person":
            query = person_query_from(request.GET)
            found = person_matches(user=request.user, query=query, limit=SEARCH_LIMIT)
        else:
            query = company_query_from(request.GET)
            found = company_matches(user=request.user, query=query, limit=SEARCH_LIMIT)
        _audit_search(
            request,
            target_type="persons.person" if kind == "person" else "companies.company",
            query=query,
            found=found,
            where="search page",
        )
        results = _with_urls(found)
    if kind == "person":
        title, list_url, list_label = _("Find a person"), "persons:list", _("Persons")
    else:
        title, list_url, list_label = _("Find a company"), "companies:list", _("Companies")
    try:
        crumbs = [{"label": list_label, "url": reverse(list_url)}, {"label": title, "url": ""}]
    except NoReverseMatch:
        crumbs = []
    context = {
        "page_title": title,
        "breadcrumbs": crumbs,
        "form": form,
        "kind": kind,
        "results": results,
    }
    template = "matching/_search_results.html" if request.htmx else "matching/search.html"
    return render(request, template, context)


@require_GET
@permission_required(Permission.PERSON_VIEW)
@purpose_required("person")
def person_search_view(request: HttpRequest) -> HttpResponse:
    """Persons ranked by how well they match a name (any spelling or script), birth date,
    nationality or document number."""
    return _search_page(request, kind="person")


@require_GET
@permission_required(Permission.COMPANY_VIEW)
@purpose_required("company")
def company_search_view(request: HttpRequest) -> HttpResponse:
    """Companies ranked by how well they match a name, country, registration or tax number."""
    return _search_page(request, kind="company")
