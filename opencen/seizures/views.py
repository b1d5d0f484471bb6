"""Seizure pages: list, detail, quick and full entry, edit, history and workflow buttons.

Views are thin: selectors read (scoped to the user), services and the workflow write. A
seizure out of the user's scope answers 404, as if it did not exist.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import CheckboxSelectMultiple, Select
from django.forms.utils import flatatt
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencen.accounts.models import Unit
from opencen.accounts.permissions import Permission
from opencen.core.forms import expected_version
from opencen.core.permissions_views import permission_required
from opencen.core.querysets import CountedPaginator, UncountedPaginator
from opencen.reference import models as ref
from opencen.seizures import forms as seizure_forms
from opencen.seizures.choices import Direction, SeizureStatus, SeizureTransition
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.models import Seizure
from opencen.seizures.selectors import (
    NEWEST_FIRST_SCAN_FROM,
    seizure_can,
    seizure_count,
    seizure_get,
    seizure_list,
    seizure_page_contents,
)
from opencen.seizures.services import SeizureConflict, seizure_create, seizure_update
from opencen.seizures.templatetags.seizure_format import quantity as quantity_format
from opencen.seizures.workflow import RULES, available_transitions, seizure_transition

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
#: Filters whose values are codes of a code list: shown as selects on the list page.
SELECT_FILTERS = (
    "commodity_section",
    "commodity_type",
    "detection_method",
    "concealment_method",
    "conveyance_type",
    "country",
)
STATUS_BADGES = {
    SeizureStatus.DRAFT: "text-bg-secondary",
    SeizureStatus.SUBMITTED: "text-bg-primary",
    SeizureStatus.VALIDATED: "text-bg-success",
    SeizureStatus.RETURNED: "text-bg-warning",
    SeizureStatus.CLOSED: "text-bg-dark",
}
TRANSITION_BUTTONS = {
    SeizureTransition.SUBMIT: "btn-primary",
    SeizureTransition.VALIDATE: "btn-success",
    SeizureTransition.RETURN: "btn-outline-danger",
    SeizureTransition.CLOSE: "btn-outline-secondary",
    SeizureTransition.REOPEN: "btn-outline-secondary",
}


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(gettext_lazy("Seizures"), reverse("seizures:list")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _get_or_404(request: HttpRequest, pk, permission=Permission.SEIZURE_VIEW) -> Seizure:
    try:
        return seizure_get(user=request.user, pk=pk, permission=permission)
    except Seizure.DoesNotExist:
        raise Http404 from None


def _is_partial(request: HttpRequest, target: str) -> bool:
    return bool(request.htmx) and request.htmx.target == target


# --- list ---------------------------------------------------------------------------------


def _option_html(value, label, selected: bool) -> str:
    return format_html(
        '<option value="{}"{}>{}</option>', value, " selected" if selected else "", label
    )


@functools.lru_cache(maxsize=64)
def _options_html(choices: tuple) -> str:
    """The options of a code-list select, none selected: the same choices come back at every
    visit (see :func:`seizure_forms.filter_choices`), their markup is written once."""
    return "\n".join(_choice_html(value, label, set()) for value, label in choices)


def _choice_html(value, label, selected: set[str]) -> str:
    if isinstance(label, (list, tuple)):  # an optgroup
        return "\n".join(
            [
                format_html('<optgroup label="{}">', value),
                *(_option_html(sub, sub_label, str(sub) in selected) for sub, sub_label in label),
                "</optgroup>",
            ]
        )
    return _option_html(value, label, str(value) in selected)


class _FilterSelect(Select):
    """A select written in Python rather than one template per option: the filter selects
    hold hundreds of options (countries) and the list page is rendered at every visit.

    ``choices`` are the options after the first, empty one labelled ``empty_label``."""

    def __init__(self, *, choices: tuple, empty_label: str, attrs=None):
        super().__init__(attrs=attrs)
        self.option_choices = tuple(choices)
        self.empty_label = empty_label

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        parts = [
            format_html('<select name="{}"{}>', name, flatatt(attrs)),
            _option_html("", self.empty_label, "" in selected),
        ]
        if selected - {""}:
            parts += [_choice_html(v, label, selected) for v, label in self.option_choices]
        elif self.option_choices:
            parts.append(_options_html(self.option_choices))
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 (every part is escaped above)


def _filter_widgets(filterset: SeizureFilterSet, code_lists=None) -> None:
    """Selects of active code-list entries for the code filters (labels in the user's
    language; countries carry their code, as officers often know it). ``code_lists`` is
    accepted for callers that still pass one; the choices come from a per-process cache."""
    form = filterset.form
    any_label = _("Any")
    for name, choices in seizure_forms.filter_choices().items():
        form.fields[name].widget = _FilterSelect(choices=choices, empty_label=any_label)
    units = Unit.objects.filter(is_active=True).order_by("path").values_list("code", "name")
    form.fields["unit"].widget = _FilterSelect(
        choices=tuple((code, f"{code} · {name}") for code, name in units), empty_label=any_label
    )
    form.fields["occurred_after"].widget.input_type = "date"
    form.fields["occurred_before"].widget.input_type = "date"
    # The ordering widget reads comma-separated values: keep it, relabel its options.
    form.fields["ordering"].widget.choices = [
        ("", _("Newest first")),
        ("occurred_at", _("Oldest first")),
        ("reference", _("Reference")),
        ("-reference", _("Reference, descending")),
        ("status", _("Status")),
    ]
    form.fields["direction"].widget = _FilterSelect(
        choices=tuple((value, str(label)) for value, label in Direction.choices),
        empty_label=any_label,
    )
    form.fields["q"].widget.attrs.update(
        {"placeholder": _("Reference, narrative, goods, container, AWB..."), "type": "search"}
    )
    form.fields["status"].widget = CheckboxSelectMultiple(choices=SeizureStatus.choices)
    for name, field in form.fields.items():
        if name == "status":
            field.widget.attrs["class"] = "form-check-input"
        elif isinstance(field.widget, Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        else:
            field.widget.attrs["class"] = "form-control form-control-sm"


def _page_size(request: HttpRequest) -> int:
    value = request.GET.get("per_page", "")
    return min(int(value), MAX_PAGE_SIZE) if value.isdigit() and int(value) > 0 else PAGE_SIZE


#: The columns a list row shows of the seizure itself (its goods and route: ``_list_rows``).
LIST_COLUMNS = (
    "pk",
    "reference",
    "occurred_at",
    "status",
    "unit__code",
    "unit__name",
    "place_id",
    "place__label",
    "place__translations",
    "latitude",
    "longitude",
)


def _list_queryset(user, *, newest_first_scan: bool = False):
    """Seizures in scope, for the filters. The page's columns (``LIST_COLUMNS``) are chosen
    only for the page read, so that counting the matches joins no other table."""
    return seizure_list(user=user, newest_first_scan=newest_first_scan)


@dataclass(frozen=True, slots=True)
class SeizureRow:
    """What one row of the list shows, as plain values (the page renders fast)."""

    pk: uuid.UUID
    reference: str
    url: str
    date: str  # in the user's time zone, Y-m-d
    datetime: str  # ISO 8601, for <time datetime>
    unit_code: str
    unit_name: str
    place_code: str | None
    place_label: str
    place_label_short: str
    position: str  # latitude, longitude (3 decimals) when there is no place
    status_label: str
    status_badge: str
    commodity_label: str | None  # of the first goods item; None when there are no goods
    quantity: str
    quantity_unit: str
    more_goods: str  # "+2 more", or ""
    route: tuple[str, ...]  # country codes, in order

    def __getitem__(self, name: str):
        # The template engine tries ``row[name]`` before ``getattr``: answer it directly
        # rather than by an exception (a thousand lookups per page).
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


def _labels(model, codes: set[str]) -> dict[str, str]:
    """Labels in the user's language of some entries of a code list, each computed once."""
    if not codes:
        return {}
    rows = model.objects.filter(code__in=codes).values_list("code", "label", "translations")
    return {code: ref.localize_label(label, translations) for code, label, translations in rows}


def _list_rows(seizures: list[dict]) -> list[SeizureRow]:
    """The page's rows: its seizures with their first goods item, count of goods and route,
    read in a fixed number of queries whatever the page size."""
    if not seizures:
        return []
    goods, routes = seizure_page_contents([seizure["pk"] for seizure in seizures])
    first_goods = {pk: items[0] for pk, items in goods.items() if items}
    commodities = _labels(ref.CommodityType, {item[0] for item in first_goods.values()})
    places: dict[str, tuple[str, str]] = {}  # label and shortened label, once per place
    for seizure in seizures:
        if seizure["place_id"] and seizure["place_id"] not in places:
            label = ref.localize_label(seizure["place__label"], seizure["place__translations"])
            places[seizure["place_id"]] = (label, Truncator(label).chars(22))
    statuses = {status.value: str(status.label) for status in SeizureStatus}
    # One reversal for the page; each row's link differs only by its id.
    url_pattern = reverse("seizures:detail", args=[_URL_PLACEHOLDER])
    rows = []
    for seizure in seizures:
        pk = seizure["pk"]
        occurred = timezone.localtime(seizure["occurred_at"])
        item = first_goods.get(pk)
        count = len(goods[pk])
        place_code = seizure["place_id"]
        place_label, place_label_short = places.get(place_code, ("", ""))
        position = ""
        if not place_code and seizure["latitude"] is not None:
            position = (
                f"{floatformat(seizure['latitude'], 3)}, {floatformat(seizure['longitude'], 3)}"
            )
        rows.append(
            SeizureRow(
                pk=pk,
                reference=seizure["reference"],
                url=url_pattern.replace(str(_URL_PLACEHOLDER), str(pk)),
                date=occurred.date().isoformat(),
                datetime=occurred.isoformat(),
                unit_code=seizure["unit__code"],
                unit_name=seizure["unit__name"],
                place_code=place_code,
                place_label=place_label,
                place_label_short=place_label_short,
                position=position,
                status_label=statuses.get(seizure["status"], seizure["status"]),
                status_badge=STATUS_BADGES.get(seizure["status"], "text-bg-dark"),
                commodity_label=(None if item is None else commodities.get(item[0], item[0] or "")),
                quantity="" if item is None else quantity_format(item[1]),
                quantity_unit="" if item is None else (item[2] or ""),
                more_goods=(
                    ngettext("+%(counter)s more", "+%(counter)s more", count - 1)
                    % {"counter": count - 1}
                    if count > 1
                    else ""
                ),
                route=tuple(routes[pk]),
            )
        )
    return rows


_URL_PLACEHOLDER = uuid.UUID(int=0)


#: ``?count=1`` on a filtered list counts the matches in the page itself (without scripts).
COUNT_PARAM = "count"


@require_GET
@permission_required(Permission.SEIZURE_VIEW)
def seizure_list_view(request: HttpRequest) -> HttpResponse:
    """Seizures in scope, filtered, sorted and paged. An htmx request from the filter form
    gets the results only.

    The total of an unfiltered list is exact and immediate (the tally per unit and handling
    code). A filtered list shows its rows at once and its total when counted: the page asks
    :func:`seizure_count_view` for it (``?count=1`` counts in the page, for no scripts)."""
    data = request.GET or None
    filterset = SeizureFilterSet(data=data, queryset=_list_queryset(request.user))
    partial = _is_partial(request, "seizure-results")
    if not partial:  # the results alone show no filter form
        _filter_widgets(filterset)
    filtered = filterset.is_filtered()
    total = None if filtered else seizure_count(user=request.user)
    newest_first = not request.GET.get("ordering")
    # Many seizures in scope: read the newest through the time index instead of sorting.
    scan = (
        newest_first
        and (total if total is not None else seizure_count(user=request.user))
        > NEWEST_FIRST_SCAN_FROM
    )
    if scan:
        filterset_read = SeizureFilterSet(
            data=data,
            queryset=_list_queryset(request.user, newest_first_scan=True),
            newest_first_scan=True,
        )
    else:
        filterset_read = filterset
    results = filterset_read.qs.values(*LIST_COLUMNS)
    if newest_first:
        results = results.order_by("-occurred_at", "-id")
    if filtered and request.GET.get(COUNT_PARAM):
        total = filterset.qs.count()
    page = None
    if total is None:
        page = UncountedPaginator(results, _page_size(request)).get_page(request.GET.get("page"))
        if not page.object_list and page.number > 1:
            page = None  # past the end: count, and show the last page
            total = filterset.qs.count()
        elif not page.has_next():
            total = page.end_index()  # the last page: the total is known without counting
    if page is None:
        page = CountedPaginator(results, _page_size(request), count=total).get_page(
            request.GET.get("page")
        )
    used = [
        name
        for name in filterset.form.fields
        if name != "ordering" and request.GET.get(name) not in (None, "")
    ]
    context = {
        "page_title": _("Seizures"),
        "filterset": filterset,
        "form": filterset.form,
        "filtered": bool(used),
        "filter_count": len(used),
        "page_obj": page,
        "total": total,
        "counted": total is not None,
        "seizures": _list_rows(list(page.object_list)),
        "any_seizure": True,
    }
    if not page.object_list and not used:
        context["any_seizure"] = False
    template = "seizures/_list_results.html" if partial else "seizures/seizure_list.html"
    return render(request, template, context)


@require_GET
@permission_required(Permission.SEIZURE_VIEW)
def seizure_count_view(request: HttpRequest) -> HttpResponse:
    """The exact number of seizures in scope matching the list's filters: a fragment the
    list page loads after its rows."""
    filterset = SeizureFilterSet(data=request.GET or None, queryset=seizure_list(user=request.user))
    filtered = filterset.is_filtered()
    total = filterset.qs.count() if filtered else seizure_count(user=request.user)
    return render(request, "seizures/_list_count.html", {"total": total, "filtered": filtered})


# --- detail -------------------------------------------------------------------------------


def _attachments_context(request: HttpRequest, seizure: Seizure) -> dict:
    """The photos panel, when the attachments app is installed."""
    try:
        from opencen.attachments.views import attachment_panel_context
    except ImportError:  # pragma: no cover - attachments arrive as their own app
        return {"attachments_enabled": False}
    from django.apps import apps

    if not apps.is_installed("opencen.attachments"):  # pragma: no cover
        return {"attachments_enabled": False}
    context = attachment_panel_context(request=request, owner=seizure)
    context["attachments_enabled"] = True
    context["attachments_upload_url"] = reverse("seizures:attachments", args=[seizure.pk])
    return context


@require_GET
@permission_required(Permission.SEIZURE_VIEW)
def seizure_detail_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    seizure = _get_or_404(request, pk)
    transitions = available_transitions(user=request.user, seizure=seizure)
    can_edit = seizure.status != SeizureStatus.CLOSED and seizure_can(
        user=request.user, seizure=seizure, permission=Permission.SEIZURE_EDIT
    )
    code_lists = seizure_forms.CodeLists()
    buttons = [
        {
            "name": str(transition),
            "label": transition.label,
            "needs_comment": RULES[transition].needs_comment,
            "css": TRANSITION_BUTTONS[transition],
            "url": reverse("seizures:transition", args=[seizure.pk, transition.value]),
        }
        for transition in transitions
    ]
    context = {
        "page_title": seizure.reference,
        "breadcrumbs": _crumbs((seizure.reference, None)),
        "seizure": seizure,
        "status_badge": STATUS_BADGES[seizure.status],
        "buttons": buttons,
        "can_edit": can_edit,
        "comment_form": seizure_forms.TransitionCommentForm(),
        "code_lists": code_lists,
    }
    context.update(_attachments_context(request, seizure))
    return render(request, "seizures/seizure_detail.html", context)


# --- quick form ---------------------------------------------------------------------------


def _submit_after_save(request: HttpRequest, seizure: Seizure) -> None:
    """Submit a just-saved seizure; if it is not complete, say what is missing (it stays a
    draft, nothing typed is lost)."""
    try:
        seizure_transition(actor=request.user, seizure=seizure, transition=SeizureTransition.SUBMIT)
    except ValidationError as error:
        messages.warning(
            request,
            _("%(reference)s was saved but not submitted: %(reasons)s")
            % {"reference": seizure.reference, "reasons": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("%(reference)s was saved and submitted for validation.")
            % {"reference": seizure.reference},
        )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.SEIZURE_EDIT)
def seizure_create_quick_view(request: HttpRequest) -> HttpResponse:
    """One screen for busy posts: the statistical essentials, saved as a draft or submitted."""
    code_lists = seizure_forms.CodeLists()
    form = seizure_forms.QuickSeizureForm(
        request.POST or None,
        code_lists=code_lists,
        initial={"occurred_at": seizure_forms.now_minute(), "direction": "import"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            seizure = seizure_create(actor=request.user, data=form.to_input())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if "submit" in request.POST:
                _submit_after_save(request, seizure)
            else:
                messages.success(
                    request,
                    _("%(reference)s was saved as a draft.") % {"reference": seizure.reference},
                )
            return redirect("seizures:detail", pk=seizure.pk)
    return render(
        request,
        "seizures/quick_form.html",
        {
            "page_title": _("Quick seizure record"),
            "breadcrumbs": _crumbs((_("Quick record"), None)),
            "form": form,
        },
    )


# --- full form and edit -------------------------------------------------------------------


def _full_form_page(request: HttpRequest, full_form, *, seizure=None, conflict=None):
    if seizure is None:
        title = _("New seizure")
        crumbs = _crumbs((title, None))
    else:
        title = _("Edit %(reference)s") % {"reference": seizure.reference}
        crumbs = _crumbs(
            (seizure.reference, reverse("seizures:detail", args=[seizure.pk])), (_("Edit"), None)
        )
    return render(
        request,
        "seizures/seizure_form.html",
        {
            "page_title": title,
            "breadcrumbs": crumbs,
            "full_form": full_form,
            "form": full_form.main,
            "seizure": seizure,
            "conflict": conflict,
            "sections": [
                {
                    "kind": kind,
                    "title": seizure_forms.FIELD_LABELS[kind],
                    "rowset": full_form.rowsets[kind],
                    "errors": full_form.section_errors.get(kind, []),
                    "add_label": ADD_LABELS[kind],
                    "add_url": reverse("seizures:form-row", args=[kind]),
                }
                for kind in seizure_forms.SECTIONS
            ],
        },
        status=409 if conflict else 200,
    )


ADD_LABELS = {
    "goods": gettext_lazy("Add goods item"),
    "concealments": gettext_lazy("Add concealment"),
    "conveyances": gettext_lazy("Add conveyance"),
    "route": gettext_lazy("Add route leg"),
}


@require_http_methods(["GET", "POST"])
@permission_required(Permission.SEIZURE_EDIT)
def seizure_create_view(request: HttpRequest) -> HttpResponse:
    """The full form; "Save draft" works at any point once the essentials are there."""
    code_lists = seizure_forms.CodeLists()
    full_form = seizure_forms.FullSeizureForm(
        code_lists=code_lists, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and full_form.is_valid():
        try:
            seizure = seizure_create(actor=request.user, data=full_form.to_input())
        except ValidationError as error:
            full_form.add_service_errors(error)
        else:
            if "submit" in request.POST:
                _submit_after_save(request, seizure)
            else:
                messages.success(
                    request,
                    _("%(reference)s was saved as a draft.") % {"reference": seizure.reference},
                )
            return redirect("seizures:detail", pk=seizure.pk)
    return _full_form_page(request, full_form)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.SEIZURE_EDIT)
def seizure_edit_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Edit with optimistic concurrency: a save over a stale version shows what changed
    since, keeps what the user typed and overwrites nothing."""
    seizure = _get_or_404(request, pk, Permission.SEIZURE_EDIT)
    if seizure.status == SeizureStatus.CLOSED:
        messages.warning(
            request, _("A closed seizure cannot be changed; ask a supervisor to reopen it.")
        )
        return redirect("seizures:detail", pk=seizure.pk)
    code_lists = seizure_forms.CodeLists()
    data = request.POST if request.method == "POST" else None
    full_form = seizure_forms.FullSeizureForm(code_lists=code_lists, data=data, seizure=seizure)
    conflict = None
    if request.method == "POST" and full_form.is_valid():
        expected = expected_version(request, full_form.main, seizure.version)
        data_input = full_form.to_input()
        try:
            seizure = seizure_update(
                actor=request.user, seizure=seizure, data=data_input, expected_version=expected
            )
        except SeizureConflict as stale:
            conflict = {
                "current_version": stale.current_version,
                "expected_version": stale.expected_version,
                "updated_by": stale.seizure.updated_by,
                "updated_at": stale.seizure.updated_at,
                "rows": seizure_forms.describe_changes(
                    stale.changes, code_lists, mine=seizure_forms.input_snapshot(data_input)
                ),
            }
        except ValidationError as error:
            full_form.add_service_errors(error)
        else:
            if "submit" in request.POST and seizure.status in (
                SeizureStatus.DRAFT,
                SeizureStatus.RETURNED,
            ):
                _submit_after_save(request, seizure)
            else:
                messages.success(
                    request, _("%(reference)s was saved.") % {"reference": seizure.reference}
                )
            return redirect("seizures:detail", pk=seizure.pk)
    return _full_form_page(request, full_form, seizure=seizure, conflict=conflict)


# --- form helpers for htmx ----------------------------------------------------------------


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def form_row_view(request: HttpRequest, kind: str) -> HttpResponse:
    """A new empty row of a section (``?index=N``), with the "add" button moved to N+1.
    ``?remove=1`` answers nothing: the page drops the row."""
    if kind not in seizure_forms.ROW_FORMS:
        raise Http404
    if request.GET.get("remove"):
        return HttpResponse("")
    index = request.GET.get("index", "")
    index = int(index) if index.isdigit() and len(index) < 5 else 0
    form = seizure_forms.ROW_FORMS[kind](
        prefix=f"{kind}-{index}", code_lists=seizure_forms.CodeLists()
    )
    return render(
        request,
        "seizures/_form_row_added.html",
        {
            "row": form,
            "kind": kind,
            "next_index": index + 1,
            "add_label": ADD_LABELS[kind],
            "add_url": reverse("seizures:form-row", args=[kind]),
        },
    )


def _param_ending(request: HttpRequest, suffix: str) -> str:
    """The first query value whose name ends with ``suffix`` (rows prefix their names)."""
    for key, value in request.GET.items():
        if key == suffix or key.endswith(f"-{suffix}"):
            return value
    return ""


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def unit_options_view(request: HttpRequest) -> HttpResponse:
    """The <option>s of the unit select for the chosen commodity (the current unit stays
    chosen when allowed)."""
    code_lists = seizure_forms.CodeLists()
    commodity = _param_ending(request, "commodity_type")
    current = _param_ending(request, "unit")
    choices = code_lists.unit_choices(commodity)
    if len(choices) == 1:
        current = choices[0][0]
    return render(
        request,
        "seizures/_unit_options.html",
        {"choices": choices, "current": current},
    )


@require_GET
@permission_required(Permission.SEIZURE_VIEW)
def place_options_view(request: HttpRequest) -> HttpResponse:
    """Up to 20 <option>s for the places datalist: code, IATA, UN/LOCODE, name or city."""
    text = request.GET.get("q") or _param_ending(request, "place")
    return render(
        request,
        "seizures/_place_options.html",
        {"places": seizure_forms.place_search(text)},
    )


# --- history ------------------------------------------------------------------------------


@require_GET
@permission_required(Permission.SEIZURE_VIEW)
def seizure_history_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    seizure = _get_or_404(request, pk)
    code_lists = seizure_forms.CodeLists()
    versions = seizure.versions.select_related("changed_by").order_by("-version")
    entries = [
        {
            "version": version,
            "rows": seizure_forms.describe_changes(version.changes, code_lists),
        }
        for version in versions
    ]
    return render(
        request,
        "seizures/seizure_history.html",
        {
            "page_title": _("History of %(reference)s") % {"reference": seizure.reference},
            "breadcrumbs": _crumbs(
                (seizure.reference, reverse("seizures:detail", args=[seizure.pk])),
                (_("History"), None),
            ),
            "seizure": seizure,
            "entries": entries,
        },
    )


# --- workflow -----------------------------------------------------------------------------


@require_POST
@permission_required(Permission.SEIZURE_VIEW)
def seizure_transition_view(request: HttpRequest, pk: uuid.UUID, transition: str) -> HttpResponse:
    """One workflow button: submit, validate, return (with a comment), close, reopen."""
    if transition not in SeizureTransition.values:
        raise Http404
    seizure = _get_or_404(request, pk)
    form = seizure_forms.TransitionCommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    action = SeizureTransition(transition)
    try:
        seizure = seizure_transition(
            actor=request.user, seizure=seizure, transition=action, comment=comment
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(
            request,
            _("%(action)s did not happen: %(reasons)s")
            % {"action": action.label, "reasons": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("%(reference)s is now %(status)s.")
            % {"reference": seizure.reference, "status": seizure.get_status_display().lower()},
        )
    return redirect("seizures:detail", pk=seizure.pk)


# --- photos -------------------------------------------------------------------------------


@require_POST
@permission_required(Permission.SEIZURE_EDIT)
def seizure_attachments_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Several photos or documents at once, through the attachments services."""
    seizure = _get_or_404(request, pk)
    if not seizure_can(user=request.user, seizure=seizure, permission=Permission.SEIZURE_EDIT):
        raise PermissionDenied
    from opencen.attachments.views import attachments_upload_handle

    attachments_upload_handle(request, seizure)
    return redirect(reverse("seizures:detail", args=[seizure.pk]) + "#photos")
