"""The data-protection review: persons due for review, kept with a justification or erased.

Supervisors (``person.review``) of the unit and below. Rules live in
:mod:`opencen.persons.retention`; these views only show and ask.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.core.permissions_views import permission_required
from opencen.core.querysets import CountedPaginator
from opencen.persons.models import Person
from opencen.persons.retention import (
    MAX_JUSTIFICATION,
    QUEUE_HORIZON_DAYS,
    REVIEW_PURPOSE,
    person_erase,
    person_retain,
    review_get,
    review_queue,
)

PAGE_SIZE = 50


class RetainForm(forms.Form):
    justification = forms.CharField(
        label=gettext_lazy("Why is the record still needed?"),
        max_length=MAX_JUSTIFICATION,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=gettext_lazy("A case reference, a court order, an open investigation..."),
    )


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for erasure"),
        max_length=MAX_JUSTIFICATION,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that the personal data is erased for good."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


def _crumbs(*items) -> list[dict]:
    trail = [
        (gettext_lazy("Persons"), reverse("persons:list")),
        (gettext_lazy("Data review"), reverse("persons:review")),
        *items,
    ]
    return [{"label": label, "url": url} for label, url in trail]


def _get_or_404(request: HttpRequest, pk) -> Person:
    try:
        return review_get(user=request.user, pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


@require_GET
@permission_required(Permission.PERSON_REVIEW)
def review_queue_view(request: HttpRequest) -> HttpResponse:
    """Persons whose review is past or due within 30 days, oldest first."""
    queue = review_queue(user=request.user).annotate(seizure_count=Count("involvements"))
    total = queue.count()
    page = CountedPaginator(queue, PAGE_SIZE, count=total).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        event_type=AuditEventType.SEARCH,
        target_type="persons.person",
        purpose=REVIEW_PURPOSE,
        details={
            "review_queue": total,
            "page": page.number,
            "shown": [str(person.pk) for person in page.object_list],
        },
    )
    return render(
        request,
        "persons/review_queue.html",
        {
            "page_title": _("Review of persons on file"),
            "breadcrumbs": _crumbs(),
            "page_obj": page,
            "persons": page.object_list,
            "total": total,
            "today": timezone.localdate(),
            "horizon": QUEUE_HORIZON_DAYS,
            "retain_form": RetainForm(),
        },
    )


@require_POST
@permission_required(Permission.PERSON_REVIEW)
def review_retain_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = _get_or_404(request, pk)
    form = RetainForm(request.POST)
    justification = (
        form.data.get("justification", "")
        if not form.is_valid()
        else (form.cleaned_data["justification"])
    )
    try:
        person = person_retain(actor=request.user, person=person, justification=justification)
    except ValidationError as error:
        messages.error(
            request,
            _("%(name)s was not kept: %(reasons)s")
            % {"name": person.display_name, "reasons": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("%(name)s is kept; next review on %(date)s.")
            % {"name": person.display_name, "date": person.review_due.isoformat()},
        )
    return redirect("persons:review")


@require_http_methods(["GET", "POST"])
@permission_required(Permission.PERSON_REVIEW)
def review_erase_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Confirm, then erase (a tombstone keeps the seizure involvements)."""
    person = _get_or_404(request, pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person_erase(actor=request.user, person=person, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("The personal data was erased. The seizures keep the involvement, without a name."),
        )
        return redirect("persons:review")
    if request.method == "GET":
        audit_record(
            actor=request.user,
            event_type=AuditEventType.RECORD_VIEWED,
            target_type="persons.person",
            target_id=str(person.pk),
            target_label=f"person {person.pk} ({person.category})",
            purpose=REVIEW_PURPOSE,
            details={"page": "erasure confirmation"},
        )
    involvements = list(
        person.involvements.select_related("seizure").order_by("-seizure__occurred_at")[:50]
    )
    return render(
        request,
        "persons/review_erase.html",
        {
            "page_title": _("Erase %(name)s") % {"name": person.display_name},
            "breadcrumbs": _crumbs((_("Erase"), None)),
            "person": person,
            "form": form,
            "involvements": involvements,
        },
        status=400 if request.method == "POST" else 200,
    )
