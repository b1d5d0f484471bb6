"""Investigation pages: list, "My investigations", detail with journal, create, edit, assign,
status buttons and links to persons, companies and seizures.

Views are thin: selectors read (scoped to the user), services and the workflow write. An
investigation out of the user's scope answers 404, as if it did not exist.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import CheckboxSelectMultiple
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencen.accounts.permissions import Permission, has_permission
from opencen.attachments.models import Attachment
from opencen.attachments.services import attachments_add
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.core.permissions_views import permission_required
from opencen.core.querysets import CountedPaginator
from opencen.investigations import forms as investigation_forms
from opencen.investigations.choices import CaseStatus, CaseTransition, Priority
from opencen.investigations.filtersets import InvestigationFilterSet
from opencen.investigations.models import Investigation, JournalEntry
from opencen.investigations.selectors import (
    investigation_can_manage,
    investigation_can_work,
    investigation_get,
    investigation_is_overdue,
    investigation_list,
    investigation_mine,
)
from opencen.investigations.services import (
    InvestigationConflict,
    assignable_users,
    investigation_assign,
    investigation_create,
    investigation_link,
    investigation_unlink,
    investigation_update,
    journal_add,
    supervisor_candidates,
)
from opencen.investigations.workflow import RULES, available_transitions, investigation_transition

PAGE_SIZE = 50
STATUS_BADGES = {
    CaseStatus.OPEN: "text-bg-primary",
    CaseStatus.ACTIVE: "text-bg-success",
    CaseStatus.SUSPENDED: "text-bg-warning",
    CaseStatus.CLOSED: "text-bg-dark",
}
PRIORITY_BADGES = {
    Priority.LOW: "text-bg-light border",
    Priority.NORMAL: "text-bg-secondary",
    Priority.HIGH: "text-bg-warning",
    Priority.URGENT: "text-bg-danger",
}
TRANSITION_BUTTONS = {
    CaseTransition.ACTIVATE: "btn-success",
    CaseTransition.SUSPEND: "btn-outline-warning",
    CaseTransition.RESUME: "btn-success",
    CaseTransition.CLOSE: "btn-outline-secondary",
    CaseTransition.REOPEN: "btn-outline-secondary",
}
#: Most records offered by the link search.
LINK_SEARCH_LIMIT = 10


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(gettext_lazy("Investigations"), reverse("investigations:list")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _get_or_404(request: HttpRequest, pk) -> Investigation:
    try:
        return investigation_get(user=request.user, pk=pk)
    except Investigation.DoesNotExist:
        raise Http404 from None


def _badges() -> dict:
    return {"status_badges": STATUS_BADGES, "priority_badges": PRIORITY_BADGES}


# --- list and "My investigations" -----------------------------------------------------------


def _style_filters(form) -> None:
    form.fields["q"].widget.attrs.update(
        {
            "class": "form-control form-control-sm",
            "type": "search",
            "placeholder": _("Reference or title"),
        }
    )
    for name in ("status", "priority"):
        form.fields[name].widget = CheckboxSelectMultiple(choices=form.fields[name].choices)
        form.fields[name].widget.attrs["class"] = "form-check-input"
    form.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"
    form.fields["kind"].widget.choices = [("", _("Any")), *list(form.fields["kind"].choices)[1:]]
    form.fields["ordering"].widget.choices = [
        ("", _("Newest first")),
        ("due_on", _("Due date")),
        ("reference", _("Reference")),
        ("-priority", _("Priority")),
    ]
    form.fields["ordering"].widget.attrs["class"] = "form-select form-select-sm"
    for name in ("mine", "overdue"):
        form.fields[name].widget.attrs["class"] = "form-check-input"


@require_GET
@permission_required(Permission.INVESTIGATION_VIEW)
def investigation_list_view(request: HttpRequest) -> HttpResponse:
    """Alerts and investigations in scope, filtered and paged; htmx gets the results only."""
    queryset = (
        investigation_list(user=request.user)
        .select_related("unit", "supervisor")
        .prefetch_related("officers")
    )
    filterset = InvestigationFilterSet(
        data=request.GET or None, queryset=queryset, user=request.user
    )
    _style_filters(filterset.form)
    results = filterset.qs
    if not request.GET.get("ordering"):
        results = results.order_by("-created_at", "-id")
    total = results.count()
    page = CountedPaginator(results, PAGE_SIZE, count=total).get_page(request.GET.get("page"))
    used = [
        name
        for name in filterset.form.fields
        if name != "ordering" and request.GET.get(name) not in (None, "")
    ]
    context = {
        "page_title": _("Investigations"),
        "filterset": filterset,
        "form": filterset.form,
        "filtered": bool(used),
        "filter_count": len(used),
        "page_obj": page,
        "total": total,
        "investigations": page.object_list,
        "today": timezone.localdate(),
        "can_manage": has_permission(request.user, Permission.INVESTIGATION_MANAGE),
        **_badges(),
    }
    partial = bool(request.htmx) and request.htmx.target == "investigation-results"
    template = (
        "investigations/_list_results.html" if partial else "investigations/investigation_list.html"
    )
    return render(request, template, context)


@require_GET
@permission_required(Permission.INVESTIGATION_VIEW)
def investigation_mine_view(request: HttpRequest) -> HttpResponse:
    """Open investigations assigned to me or supervised by me, overdue first."""
    investigations = list(investigation_mine(user=request.user)[:200])
    return render(
        request,
        "investigations/investigation_mine.html",
        {
            "page_title": _("My investigations"),
            "breadcrumbs": _crumbs((_("My investigations"), None)),
            "investigations": investigations,
            "today": timezone.localdate(),
            "overdue_count": sum(1 for i in investigations if investigation_is_overdue(i)),
            "can_manage": has_permission(request.user, Permission.INVESTIGATION_MANAGE),
            **_badges(),
        },
    )


# --- detail -------------------------------------------------------------------------------


def _linked(request: HttpRequest, investigation: Investigation) -> dict:
    """Linked records the user may see, and how many others are out of their scope."""
    from opencen.companies.selectors import company_list
    from opencen.persons.selectors import person_list
    from opencen.seizures.selectors import seizure_list

    user = request.user
    persons_all = list(investigation.persons.values_list("pk", flat=True))
    companies_all = list(investigation.companies.values_list("pk", flat=True))
    seizures_all = list(investigation.seizures.values_list("pk", flat=True))
    persons = list(person_list(user=user).filter(pk__in=persons_all).order_by("family_name"))
    companies = list(company_list(user=user).filter(pk__in=companies_all).order_by("name"))
    seizures = list(seizure_list(user=user).filter(pk__in=seizures_all).order_by("-occurred_at"))
    return {
        "linked_persons": persons,
        "linked_companies": companies,
        "linked_seizures": seizures,
        "hidden_links": (
            len(persons_all)
            - len(persons)
            + len(companies_all)
            - len(companies)
            + len(seizures_all)
            - len(seizures)
        ),
    }


def _journal(request: HttpRequest, investigation: Investigation) -> list[dict]:
    """The journal, newest first, each entry with its attachments (two queries)."""
    from django.contrib.contenttypes.models import ContentType

    entries = list(
        investigation.journal.select_related("created_by").order_by("-created_at", "-id")
    )
    files: dict[str, list[Attachment]] = {}
    if entries:
        attached = Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(JournalEntry),
            object_id__in=[str(entry.pk) for entry in entries],
            withdrawn_at__isnull=True,
        ).order_by("created_at")
        for attachment in attached:
            files.setdefault(attachment.object_id, []).append(attachment)
    return [{"entry": entry, "files": files.get(str(entry.pk), [])} for entry in entries]


def _detail_context(request: HttpRequest, investigation: Investigation, **extra) -> dict:
    can_manage = investigation_can_manage(user=request.user, investigation=investigation)
    can_work = can_manage or investigation_can_work(user=request.user, investigation=investigation)
    buttons = [
        {
            "name": str(transition),
            "label": transition.label,
            "needs_comment": RULES[transition].needs_comment,
            "css": TRANSITION_BUTTONS[transition],
            "url": reverse("investigations:transition", args=[investigation.pk, transition.value]),
        }
        for transition in available_transitions(user=request.user, investigation=investigation)
    ]
    context = {
        "page_title": investigation.title,
        "breadcrumbs": _crumbs((investigation.reference, None)),
        "investigation": investigation,
        "officers": list(investigation.officers.all()),
        "overdue": investigation_is_overdue(investigation),
        "buttons": buttons,
        "can_manage": can_manage,
        "can_work": can_work,
        "journal": _journal(request, investigation),
        "journal_form": investigation_forms.JournalEntryForm() if can_work else None,
        "link_form": investigation_forms.LinkForm() if can_work else None,
        **_badges(),
        **_linked(request, investigation),
    }
    context.update(extra)
    return context


@require_GET
@permission_required(Permission.INVESTIGATION_VIEW)
def investigation_detail_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    investigation = _get_or_404(request, pk)
    context = _detail_context(request, investigation)
    if context["linked_persons"] or context["linked_companies"]:
        # The page names persons and companies: the consultation is recorded, for this case.
        audit_record(
            actor=request.user,
            event_type=AuditEventType.RECORD_VIEWED,
            target=investigation,
            purpose=investigation.reference,
            details={
                "persons": [str(p.pk) for p in context["linked_persons"]],
                "companies": [str(c.pk) for c in context["linked_companies"]],
            },
        )
    return render(request, "investigations/investigation_detail.html", context)


# --- create and edit ------------------------------------------------------------------------


def _form_page(request, form, *, investigation=None, conflict=None, status=200):
    if investigation is None:
        title = _("New investigation or alert")
        crumbs = _crumbs((title, None))
    else:
        title = _("Edit %(reference)s") % {"reference": investigation.reference}
        crumbs = _crumbs(
            (investigation.reference, reverse("investigations:detail", args=[investigation.pk])),
            (_("Edit"), None),
        )
    return render(
        request,
        "investigations/investigation_form.html",
        {
            "page_title": title,
            "breadcrumbs": crumbs,
            "form": form,
            "investigation": investigation,
            "conflict": conflict,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.INVESTIGATION_MANAGE)
def investigation_create_view(request: HttpRequest) -> HttpResponse:
    form = investigation_forms.InvestigationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            investigation = investigation_create(actor=request.user, data=form.to_input())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(reference)s is open. Assign officers to it.")
                % {"reference": investigation.reference},
            )
            return redirect("investigations:assign", pk=investigation.pk)
    return _form_page(request, form)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.INVESTIGATION_VIEW)
def investigation_edit_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Edit with optimistic concurrency: a save over a stale version keeps what was typed and
    says who changed it meanwhile."""
    investigation = _get_or_404(request, pk)
    if not investigation_can_manage(user=request.user, investigation=investigation):
        raise PermissionDenied
    initial = {
        "kind": investigation.kind,
        "title": investigation.title,
        "summary": investigation.summary,
        "priority": investigation.priority,
        "due_on": investigation.due_on,
        "handling_code": investigation.handling_code,
        "version": investigation.version,
    }
    form = investigation_forms.InvestigationForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or investigation.version
        try:
            investigation = investigation_update(
                actor=request.user,
                investigation=investigation,
                data=form.to_input(),
                expected_version=expected,
            )
        except InvestigationConflict as stale:
            conflict = {
                "current_version": stale.current_version,
                "updated_by": stale.investigation.updated_by,
                "updated_at": stale.investigation.updated_at,
            }
            # Saving again overwrites knowingly: the form now carries the current version.
            data = request.POST.copy()
            data["version"] = stale.current_version
            form = investigation_forms.InvestigationForm(data, initial=initial)
            form.is_valid()
            return _form_page(
                request, form, investigation=investigation, conflict=conflict, status=409
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("%(reference)s was saved.") % {"reference": investigation.reference}
            )
            return redirect("investigations:detail", pk=investigation.pk)
    return _form_page(request, form, investigation=investigation, conflict=conflict)


# --- assign ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(Permission.INVESTIGATION_VIEW)
def investigation_assign_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    investigation = _get_or_404(request, pk)
    if not investigation_can_manage(user=request.user, investigation=investigation):
        raise PermissionDenied
    supervisors = supervisor_candidates(actor=request.user, investigation=investigation)
    officers = assignable_users(actor=request.user, investigation=investigation)
    form = investigation_forms.AssignForm(
        request.POST or None,
        supervisors=supervisors,
        officers=officers,
        initial={
            "supervisor": investigation.supervisor_id,
            "officers": [o.pk for o in investigation.officers.all()],
            "version": investigation.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            investigation = investigation_assign(
                actor=request.user,
                investigation=investigation,
                supervisor=form.cleaned_data["supervisor"],
                officers=form.cleaned_data["officers"],
                expected_version=form.cleaned_data.get("version") or investigation.version,
            )
        except InvestigationConflict:
            form.add_error(
                None,
                _("Someone changed this investigation meanwhile; check and save again."),
            )
            form.data = form.data.copy()
            form.data["version"] = Investigation.objects.get(pk=investigation.pk).version
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(reference)s: assignment saved.") % {"reference": investigation.reference},
            )
            return redirect("investigations:detail", pk=investigation.pk)
    return render(
        request,
        "investigations/investigation_assign.html",
        {
            "page_title": _("Assign %(reference)s") % {"reference": investigation.reference},
            "breadcrumbs": _crumbs(
                (
                    investigation.reference,
                    reverse("investigations:detail", args=[investigation.pk]),
                ),
                (_("Assign"), None),
            ),
            "investigation": investigation,
            "form": form,
        },
    )


# --- status -----------------------------------------------------------------------------------


@require_POST
@permission_required(Permission.INVESTIGATION_VIEW)
def investigation_transition_view(
    request: HttpRequest, pk: uuid.UUID, transition: str
) -> HttpResponse:
    if transition not in CaseTransition.values:
        raise Http404
    investigation = _get_or_404(request, pk)
    form = investigation_forms.TransitionCommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    action = CaseTransition(transition)
    try:
        investigation = investigation_transition(
            actor=request.user, investigation=investigation, transition=action, comment=comment
        )
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
            % {
                "reference": investigation.reference,
                "status": investigation.get_status_display().lower(),
            },
        )
    return redirect("investigations:detail", pk=investigation.pk)


# --- journal ----------------------------------------------------------------------------------


@require_POST
@permission_required(Permission.INVESTIGATION_VIEW)
def journal_add_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Add a journal entry, with files; on an error the page comes back with what was typed."""
    investigation = _get_or_404(request, pk)
    if not investigation_can_work(user=request.user, investigation=investigation):
        raise PermissionDenied
    form = investigation_forms.JournalEntryForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            entry = journal_add(
                actor=request.user,
                investigation=investigation,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            files = form.cleaned_data.get("files") or []
            if files:
                result = attachments_add(actor=request.user, owner=entry, files=files)
                if result.added:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d file attached.",
                            "%(count)d files attached.",
                            len(result.added),
                        )
                        % {"count": len(result.added)},
                    )
                for refusal in result.rejected:
                    messages.error(request, _("Not attached: %(refusal)s") % {"refusal": refusal})
            messages.success(request, _("The entry was added to the journal."))
            return redirect(reverse("investigations:detail", args=[investigation.pk]) + "#journal")
    context = _detail_context(request, investigation, journal_form=form)
    return render(request, "investigations/investigation_detail.html", context, status=400)


# --- links ------------------------------------------------------------------------------------


def _link_candidates(request: HttpRequest, investigation: Investigation, kind: str, text: str):
    """Up to LINK_SEARCH_LIMIT records of ``kind`` in the user's scope matching ``text``."""
    text = text.strip()[:200]
    if len(text) < 2:
        return []
    if kind == "seizure":
        from opencen.seizures.selectors import seizure_list

        return list(
            seizure_list(user=request.user)
            .filter(reference__icontains=text)
            .order_by("-occurred_at")[:LINK_SEARCH_LIMIT]
        )
    if kind == "person":
        from opencen.persons.filtersets import name_q
        from opencen.persons.selectors import person_list

        found = list(
            person_list(user=request.user)
            .filter(name_q(text))
            .order_by("family_name")[:LINK_SEARCH_LIMIT]
        )
    elif kind == "company":
        from opencen.companies.selectors import company_list

        found = list(
            company_list(user=request.user)
            .filter(name__icontains=text)
            .order_by("name")[:LINK_SEARCH_LIMIT]
        )
    else:
        return []
    # A search of persons or companies is a consultation: recorded, for this case.
    audit_record(
        actor=request.user,
        event_type=AuditEventType.SEARCH,
        target=investigation,
        purpose=investigation.reference,
        details={"kind": kind, "query": text, "results": len(found)},
    )
    return found


@require_GET
@permission_required(Permission.INVESTIGATION_VIEW)
def link_search_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Records to link, as the officer types (an htmx fragment)."""
    investigation = _get_or_404(request, pk)
    if not investigation_can_work(user=request.user, investigation=investigation):
        raise PermissionDenied
    kind = request.GET.get("kind", "person")
    if kind not in ("person", "company", "seizure"):
        kind = "person"
    text = request.GET.get("record", "")
    return render(
        request,
        "investigations/_link_candidates.html",
        {
            "investigation": investigation,
            "kind": kind,
            "text": text.strip(),
            "candidates": _link_candidates(request, investigation, kind, text),
        },
    )


@require_POST
@permission_required(Permission.INVESTIGATION_VIEW)
def link_add_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    investigation = _get_or_404(request, pk)
    kind = request.POST.get("kind", "")
    try:
        investigation_link(
            actor=request.user,
            investigation=investigation,
            kind=kind,
            pk=request.POST.get("record_id", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Linked to %(reference)s.") % {"reference": investigation.reference}
        )
    return redirect(reverse("investigations:detail", args=[investigation.pk]) + "#links")


@require_POST
@permission_required(Permission.INVESTIGATION_VIEW)
def link_remove_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    investigation = _get_or_404(request, pk)
    try:
        investigation_unlink(
            actor=request.user,
            investigation=investigation,
            kind=request.POST.get("kind", ""),
            pk=request.POST.get("record_id", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The link was removed; the record itself is unchanged."))
    return redirect(reverse("investigations:detail", args=[investigation.pk]) + "#links")
