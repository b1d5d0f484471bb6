"""Pages reviewing likely duplicates: pairs of persons (or companies) best first, each with a
link to the merge page and a "not a duplicate" action. See :mod:`opencen.matching.duplicates`."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import purpose_required
from opencen.audit.services import audit_record
from opencen.core.permissions_views import permission_required
from opencen.matching import duplicates
from opencen.matching.screening import explanation_text

PAIRS_PER_PAGE = 25
TITLES = {
    duplicates.PERSONS: gettext_lazy("Possible duplicate persons"),
    duplicates.COMPANIES: gettext_lazy("Possible duplicate companies"),
}


def _optional_url(name: str, *args, query: str = "") -> str | None:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url


#: The merge page of each app names the other record in its query string.
MERGE_PARAMETER = {duplicates.PERSONS: "other", duplicates.COMPANIES: "duplicate"}


def _merge_url(kind_name: str, pair) -> str | None:
    """The merge page of the app that owns the records, opened on the first record with the
    second as the other one (the page lets the officer choose and confirm)."""
    app = "persons" if kind_name == duplicates.PERSONS else "companies"
    return _optional_url(
        f"{app}:merge", pair.first_id, query=f"{MERGE_PARAMETER[kind_name]}={pair.second_id}"
    )


def _review(request: HttpRequest, kind_name: str) -> HttpResponse:
    waiting = duplicates.duplicates_catch_up(kind_name)
    pairs = duplicates.duplicate_list(user=request.user, kind_name=kind_name)
    if kind_name == duplicates.PERSONS:
        pairs = pairs.prefetch_related(
            "first__nationalities",
            "second__nationalities",
            "first__documents",
            "second__documents",
        )
    else:
        pairs = pairs.select_related("first__country", "second__country")
    page_obj = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    app = "persons" if kind_name == duplicates.PERSONS else "companies"
    for pair in page_obj.object_list:
        pair.merge_url = _merge_url(kind_name, pair)
        pair.first_url = _optional_url(f"{app}:detail", pair.first_id)
        pair.second_url = _optional_url(f"{app}:detail", pair.second_id)
        pair.explanation_text = explanation_text(pair.explanation)
        pair.percent = round(pair.score * 100)
    if page_obj.object_list:
        # The page shows who the pairs are: a consultation of those records.
        audit_record(
            actor=request.user,
            event_type=AuditEventType.SEARCH,
            target_type=duplicates.KINDS[kind_name].target_type,
            target_label=str(TITLES[kind_name]),
            details={
                "view": "duplicates",
                "page": page_obj.number,
                "pairs": [[str(p.first_id), str(p.second_id)] for p in page_obj.object_list],
            },
        )
    context = {
        "page_title": TITLES[kind_name],
        "breadcrumbs": [
            {
                "label": _("Persons") if app == "persons" else _("Companies"),
                "url": _optional_url(f"{app}:list"),
            },
            {"label": _("Possible duplicates"), "url": None},
        ],
        "kind": kind_name,
        "waiting": waiting,
        "never_searched": waiting is None,
        "page_obj": page_obj,
        "pairs": page_obj.object_list,
        "dismiss_url_name": f"matching:duplicates-{kind_name}-dismiss",
    }
    return render(request, "matching/duplicates.html", context)


def _dismiss(request: HttpRequest, kind_name: str, pk: int) -> HttpResponse:
    pair = duplicates.duplicate_dismiss(actor=request.user, kind_name=kind_name, pair_id=pk)
    if pair is None:
        raise Http404
    messages.success(
        request,
        _("%(first)s and %(second)s are marked as not the same: the pair is no longer listed.")
        % {"first": pair.first, "second": pair.second},
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse(f"matching:duplicates-{kind_name}")
    return redirect(back)


@require_GET
@permission_required(Permission.PERSON_EDIT)
@purpose_required("person")
def person_duplicates(request: HttpRequest) -> HttpResponse:
    """Likely duplicate persons in the user's scope, best first."""
    return _review(request, duplicates.PERSONS)


@require_POST
@permission_required(Permission.PERSON_EDIT)
@purpose_required("person")
def person_duplicate_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Not a duplicate: the pair is stored as dismissed (audited) and no longer listed."""
    return _dismiss(request, duplicates.PERSONS, pk)


@require_GET
@permission_required(Permission.COMPANY_EDIT)
@purpose_required("company")
def company_duplicates(request: HttpRequest) -> HttpResponse:
    """Likely duplicate companies in the user's scope, best first."""
    return _review(request, duplicates.COMPANIES)


@require_POST
@permission_required(Permission.COMPANY_EDIT)
@purpose_required("company")
def company_duplicate_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _dismiss(request, duplicates.COMPANIES, pk)
