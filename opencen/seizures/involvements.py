"""Persons and companies involved in a seizure: the search an officer types into, adding and
removing an involvement from the seizure page, and replacing the whole set from the API.

Writes go through the persons and companies services (each audited, in one transaction);
reads through their selectors, so a person or company out of the user's scope is never
offered, shown or accepted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.companies.choices import CompanyInvolvementRole
from opencen.companies.models import Company, SeizureCompany
from opencen.companies.selectors import company_list, seizure_company_involvements
from opencen.companies.services import seizure_company_add, seizure_company_remove
from opencen.core.permissions_views import permission_required
from opencen.persons.choices import InvolvementRole
from opencen.persons.models import Person, SeizurePerson
from opencen.persons.selectors import person_list
from opencen.seizures.choices import SeizureStatus
from opencen.seizures.models import Seizure
from opencen.seizures.selectors import seizure_can, seizure_list

SEARCH_LIMIT = 10
#: URL slugs of the two kinds of involvement.
KINDS = {"persons": "person", "companies": "company"}

# --- search -------------------------------------------------------------------------------


def seizure_link_from_request(request: HttpRequest, roles: type) -> dict | None:
    """The seizure (and role) a record being created is to be linked to, from
    ``?seizure=<id>&role=<code>`` (or the form's hidden ``link_seizure``/``link_role``), when
    the user may edit that seizure; else None. ``roles`` is the role choices of the record."""
    pk = request.GET.get("seizure") or request.POST.get("link_seizure") or ""
    role = request.GET.get("role") or request.POST.get("link_role") or ""
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        return None
    seizure = (
        seizure_list(user=request.user, permission=Permission.SEIZURE_EDIT).filter(pk=pk).first()
    )
    if seizure is None:
        return None
    if role not in roles.values:
        role = roles.OTHER
    return {"seizure": seizure, "role": role, "role_label": roles(role).label}


def _words(text: str) -> list[str]:
    return [w for w in (text or "").split() if len(w) <= 100][:4]


def person_search(user, text: str, *, limit: int = SEARCH_LIMIT) -> list[Person]:
    """Persons in the user's scope with every word typed in their names or aliases, as the
    beginning of a name part (the person list's name filter, led by the matching keys); at
    most ``limit``."""
    from opencen.persons.filtersets import name_q

    words = _words(text)
    if not words or len("".join(words)) < 2:
        return []
    queryset = person_list(user=user).filter(name_q(" ".join(words)))
    return list(queryset.prefetch_related("nationalities").order_by("family_name")[:limit])


def company_search(user, text: str, *, limit: int = SEARCH_LIMIT) -> list[Company]:
    """Companies in the user's scope whose legal name contains every word typed."""
    words = _words(text)
    if not words or len("".join(words)) < 2:
        return []
    queryset = company_list(user=user)
    for word in words:
        queryset = queryset.filter(name__icontains=word)
    return list(queryset.select_related("country").order_by("name")[:limit])


# --- services -----------------------------------------------------------------------------


def _check_seizure_editable(actor, seizure: Seizure) -> None:
    if not seizure_can(user=actor, seizure=seizure, permission=Permission.SEIZURE_EDIT):
        raise PermissionDenied(_("You may not change this seizure."))
    if seizure.status == SeizureStatus.CLOSED:
        raise ValidationError(
            _("A closed seizure cannot be changed; ask a supervisor to reopen it.")
        )


@transaction.atomic
def seizure_person_link(*, actor, seizure: Seizure, person: Person, role: str) -> None:
    """Add a person's involvement: the persons app's service when it offers one."""
    try:
        from opencen.persons.services import seizure_person_add
    except ImportError:
        seizure_person_add = None
    if seizure_person_add is not None:
        seizure_person_add(actor=actor, seizure=seizure, person=person, role=role)
        return
    _check_seizure_editable(actor, seizure)
    if not person_list(user=actor).filter(pk=person.pk).exists():
        raise ValidationError({"person": [_("No such person in your scope.")]})
    if role not in InvolvementRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    _link, created = SeizurePerson.objects.get_or_create(
        seizure=seizure, person=person, role=role, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=seizure,
            details={"person_added": str(person.pk), "role": role},
        )


@transaction.atomic
def seizure_person_unlink(*, actor, seizure: Seizure, person: Person, role: str) -> None:
    """Remove a person's involvement: the persons app's service when it offers one."""
    try:
        from opencen.persons.services import seizure_person_remove
    except ImportError:
        seizure_person_remove = None
    if seizure_person_remove is not None:
        seizure_person_remove(actor=actor, seizure=seizure, person=person, role=role)
        return
    _check_seizure_editable(actor, seizure)
    removed, _counts = SeizurePerson.objects.filter(
        seizure=seizure, person=person, role=role
    ).delete()
    if removed:
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=seizure,
            details={"person_removed": str(person.pk), "role": role},
        )


@dataclass(frozen=True)
class Involvement:
    """One (record, role) pair of a seizure."""

    record: Person | Company
    role: str


@transaction.atomic
def seizure_involvements_set(
    *,
    actor,
    seizure: Seizure,
    persons: list[Involvement] | None = None,
    companies: list[Involvement] | None = None,
) -> None:
    """Make the seizure's persons (and/or companies) exactly those given; None leaves that
    set as it is. Each addition and removal is its own audited write."""
    if persons is not None:
        wanted = {(i.record.pk, i.role): i for i in persons}
        current = {
            (link.person_id, link.role): link
            for link in SeizurePerson.objects.filter(seizure=seizure).select_related("person")
        }
        for key in current.keys() - wanted.keys():
            link = current[key]
            seizure_person_unlink(actor=actor, seizure=seizure, person=link.person, role=link.role)
        for key in wanted.keys() - current.keys():
            item = wanted[key]
            seizure_person_link(actor=actor, seizure=seizure, person=item.record, role=item.role)
    if companies is not None:
        wanted = {(i.record.pk, i.role): i for i in companies}
        current = {
            (link.company_id, link.role): link
            for link in SeizureCompany.objects.filter(seizure=seizure).select_related("company")
        }
        for key in current.keys() - wanted.keys():
            link = current[key]
            seizure_company_remove(
                actor=actor, seizure=seizure, company=link.company, role=link.role
            )
        for key in wanted.keys() - current.keys():
            item = wanted[key]
            seizure_company_add(actor=actor, seizure=seizure, company=item.record, role=item.role)


# --- reads for the seizure page and API ---------------------------------------------------


def seizure_person_involvements(*, user, seizure: Seizure):
    """The persons involved in a seizure, those the user may read."""
    return (
        SeizurePerson.objects.filter(seizure=seizure, person__in=person_list(user=user))
        .select_related("person")
        .order_by("role", "person__family_name")
    )


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def involvements_context(*, request: HttpRequest, seizure: Seizure) -> dict:
    """What the "Persons and companies" section of the seizure page shows."""
    user = request.user
    can_edit = seizure.status != SeizureStatus.CLOSED and seizure_can(
        user=user, seizure=seizure, permission=Permission.SEIZURE_EDIT
    )
    may_persons = has_permission(user, Permission.PERSON_VIEW)
    may_companies = has_permission(user, Permission.COMPANY_VIEW)
    persons = list(seizure_person_involvements(user=user, seizure=seizure)) if may_persons else []
    companies = (
        list(seizure_company_involvements(user=user, seizure=seizure)) if may_companies else []
    )
    for link in persons:
        link.url = _url("persons:detail", link.person_id)
    for link in companies:
        link.url = _url("companies:detail", link.company_id)
    return {
        "seizure": seizure,
        "involved_persons": persons,
        "involved_companies": companies,
        "may_persons": may_persons,
        "may_companies": may_companies,
        "involvements_can_edit": can_edit,
        "person_roles": InvolvementRole.choices,
        "company_roles": CompanyInvolvementRole.choices,
        "person_create_url": (
            _url("persons:create") if has_permission(user, Permission.PERSON_EDIT) else ""
        ),
        "company_create_url": (
            _url("companies:create") if has_permission(user, Permission.COMPANY_EDIT) else ""
        ),
    }


# --- views --------------------------------------------------------------------------------


def _seizure_or_404(request: HttpRequest, pk, permission=Permission.SEIZURE_VIEW) -> Seizure:
    seizure = seizure_list(user=request.user, permission=permission).filter(pk=pk).first()
    if seizure is None:
        raise Http404
    return seizure


def back_to_involvements(seizure: Seizure) -> HttpResponse:
    """Back to the seizure page's "Persons and companies" section."""
    return redirect(reverse("seizures:detail", args=[seizure.pk]) + "#involvements")


@require_GET
@permission_required(Permission.SEIZURE_EDIT)
def involvement_options_view(request: HttpRequest, pk: uuid.UUID, kind: str) -> HttpResponse:
    """Search as you type: up to 10 persons or companies in scope whose name contains what
    was typed, each with a button that links it with the chosen role."""
    if kind not in KINDS:
        raise Http404
    kind = KINDS[kind]
    seizure = _seizure_or_404(request, pk, Permission.SEIZURE_EDIT)
    text = request.GET.get("q", "")[:200]
    if kind == "person":
        results = (
            person_search(request.user, text)
            if has_permission(request.user, Permission.PERSON_VIEW)
            else []
        )
    else:
        results = (
            company_search(request.user, text)
            if has_permission(request.user, Permission.COMPANY_VIEW)
            else []
        )
    return render(
        request,
        "seizures/involvements_options.html",
        {"seizure": seizure, "kind": kind, "results": results, "text": text.strip()},
    )


def _record(request: HttpRequest, kind: str, raw_id: str):
    try:
        pk = uuid.UUID(str(raw_id))
    except ValueError:
        return None
    if kind == "person":
        return person_list(user=request.user).filter(pk=pk).first()
    return company_list(user=request.user).filter(pk=pk).first()


@require_POST
@permission_required(Permission.SEIZURE_EDIT)
def involvement_add_view(request: HttpRequest, pk: uuid.UUID, kind: str) -> HttpResponse:
    """Link a person or company (``record``) to the seizure with a ``role``."""
    if kind not in KINDS:
        raise Http404
    kind = KINDS[kind]
    seizure = _seizure_or_404(request, pk, Permission.SEIZURE_EDIT)
    record = _record(request, kind, request.POST.get("record", ""))
    role = request.POST.get("role", "")
    if record is None:
        messages.error(request, _("Choose an entry from the search results."))
        return back_to_involvements(seizure)
    try:
        if kind == "person":
            seizure_person_link(actor=request.user, seizure=seizure, person=record, role=role)
        else:
            seizure_company_add(actor=request.user, seizure=seizure, company=record, role=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was linked to this seizure.") % {"name": record})
    return back_to_involvements(seizure)


@require_POST
@permission_required(Permission.SEIZURE_EDIT)
def involvement_remove_view(request: HttpRequest, pk: uuid.UUID, kind: str) -> HttpResponse:
    """Remove one involvement (``record`` and ``role``)."""
    if kind not in KINDS:
        raise Http404
    kind = KINDS[kind]
    seizure = _seizure_or_404(request, pk, Permission.SEIZURE_EDIT)
    record = _record(request, kind, request.POST.get("record", ""))
    role = request.POST.get("role", "")
    if record is None:
        raise Http404
    try:
        if kind == "person":
            seizure_person_unlink(actor=request.user, seizure=seizure, person=record, role=role)
        else:
            seizure_company_remove(actor=request.user, seizure=seizure, company=record, role=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is no longer linked.") % {"name": record})
    return back_to_involvements(seizure)
