"""Person pages: list, detail, entry and edit, history, links, face photo and merge.

Views are thin: selectors read (scoped to the user), services write. A person out of the
user's scope answers 404, as if it did not exist. Opening a person and searching persons are
audited and, where the installation requires it, ask for a purpose first.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import Select
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import purpose_required
from opencen.audit.services import audit_record
from opencen.core.forms import expected_version
from opencen.core.permissions_views import permission_required
from opencen.core.querysets import CountedPaginator
from opencen.persons import forms as person_forms
from opencen.persons.choices import DataSubjectCategory, InvolvementRole, Sex
from opencen.persons.filtersets import PersonFilterSet, name_q
from opencen.persons.models import Person, PersonLink, SeizurePerson
from opencen.persons.selectors import person_can, person_get, person_list, person_merged_target
from opencen.persons.services import (
    PersonConflict,
    person_create,
    person_link_add,
    person_link_remove,
    person_merge,
    person_photo_set,
    person_update,
    seizure_person_add,
    seizure_person_remove,
)
from opencen.seizures.forms import CodeLists

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PURPOSE_KIND = "person"


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(gettext_lazy("Persons"), reverse("persons:list")), *items]
    return [{"label": label, "url": url} for label, url in trail]


def _get_or_404(request: HttpRequest, pk, permission=Permission.PERSON_VIEW) -> Person:
    try:
        return person_get(user=request.user, pk=pk, permission=permission)
    except Person.DoesNotExist:
        raise Http404 from None


def _is_partial(request: HttpRequest, target: str) -> bool:
    return bool(request.htmx) and request.htmx.target == target


def _page_size(request: HttpRequest) -> int:
    value = request.GET.get("per_page", "")
    return min(int(value), MAX_PAGE_SIZE) if value.isdigit() and int(value) > 0 else PAGE_SIZE


# --- list ---------------------------------------------------------------------------------


def _filter_widgets(filterset: PersonFilterSet, code_lists: CodeLists) -> None:
    form = filterset.form
    countries = code_lists.sorted_choices(code_lists.countries, with_code=True)
    for name in ("nationality", "country"):
        form.fields[name].widget = Select(choices=[("", _("Any")), *countries])
    form.fields["commodity_type"].widget = Select(
        choices=[("", _("Any")), *code_lists.commodity_choices()]
    )
    form.fields["category"].widget = Select(choices=[("", _("Any")), *DataSubjectCategory.choices])
    form.fields["sex"].widget = Select(choices=[("", _("Any")), *Sex.choices])
    for name in ("created_after", "created_before", "seized_after", "seized_before"):
        form.fields[name].widget.input_type = "date"
    form.fields["ordering"].widget.choices = [
        ("", _("Name")),
        ("-created_at", _("Newest first")),
        ("created_at", _("Oldest first")),
        ("birth_year", _("Oldest born first")),
        ("-birth_year", _("Youngest first")),
    ]
    form.fields["name"].widget.attrs.update(
        {"placeholder": _("Any name, alias or spelling"), "type": "search"}
    )
    form.fields["document_number"].widget.attrs.update({"placeholder": "P01234567"})
    for field in form.fields.values():
        if isinstance(field.widget, Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        else:
            field.widget.attrs["class"] = "form-control form-control-sm"


def _list_queryset(user):
    return (
        person_list(user=user)
        .select_related("unit", "birth_country")
        .prefetch_related("nationalities", "documents")
    )


@require_GET
@permission_required(Permission.PERSON_VIEW)
@purpose_required(PURPOSE_KIND)
def person_list_view(request: HttpRequest) -> HttpResponse:
    """Persons in scope, filtered, sorted and paged; a search is audited. An htmx request
    from the filter form gets the results only."""
    code_lists = CodeLists()
    filterset = PersonFilterSet(data=request.GET or None, queryset=_list_queryset(request.user))
    _filter_widgets(filterset, code_lists)
    results = filterset.qs
    if not request.GET.get("ordering"):
        results = results.order_by("family_name", "given_names", "id")
    paginator = CountedPaginator(results, _page_size(request), count=filterset.qs.count())
    page = paginator.get_page(request.GET.get("page"))
    used = [
        name
        for name in filterset.form.fields
        if name != "ordering" and request.GET.get(name) not in (None, "")
    ]
    if used and filterset.is_valid():
        audit_record(
            actor=request.user,
            event_type=AuditEventType.SEARCH,
            target_type="persons.person",
            details={
                "filters": {name: request.GET.get(name, "")[:200] for name in used},
                "results": paginator.count,
            },
        )
    context = {
        "page_title": _("Persons"),
        "filterset": filterset,
        "form": filterset.form,
        "filtered": bool(used),
        "filter_count": len(used),
        "page_obj": page,
        "total": paginator.count,
        "persons": page.object_list,
        "any_person": bool(page.object_list) or bool(used),
    }
    template = (
        "persons/_list_results.html"
        if _is_partial(request, "person-results")
        else "persons/person_list.html"
    )
    return render(request, template, context)


# --- detail -------------------------------------------------------------------------------


@require_GET
@permission_required(Permission.PERSON_VIEW)
@purpose_required(PURPOSE_KIND)
def person_detail_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Everything on file about one person; each opening is audited."""
    try:
        person = person_get(user=request.user, pk=pk)
    except Person.DoesNotExist:
        survivor = person_merged_target(user=request.user, pk=pk)
        if survivor is None:
            raise Http404 from None
        messages.info(request, _("This record was merged into the one shown."))
        return redirect("persons:detail", pk=survivor.pk)
    audit_record(actor=request.user, event_type=AuditEventType.RECORD_VIEWED, target=person)
    can_edit = person_can(user=request.user, person=person, permission=Permission.PERSON_EDIT)
    involvements = (
        SeizurePerson.objects.filter(person=person)
        .filter(seizure__in=_visible_seizures(request.user))
        .select_related("seizure", "seizure__place")
        .prefetch_related("seizure__goods__commodity_type")
        .order_by("-seizure__occurred_at")
    )
    visible = person_list(user=request.user)
    links = [
        {"link": link, "other": link.other if link.person_id == person.pk else link.person}
        for link in (
            PersonLink.objects.filter(person=person, other__in=visible)
            | PersonLink.objects.filter(other=person, person__in=visible)
        ).select_related("person", "other")
    ]
    context = {
        "page_title": person.display_name,
        "breadcrumbs": _crumbs((person.display_name, None)),
        "person": person,
        "can_edit": can_edit,
        "involvements": involvements,
        "links": links,
        "companies": _company_roles(request.user, person),
        "investigations": _investigations(request.user, person),
        "seizure_form": person_forms.SeizureLinkForm() if can_edit else None,
        "link_form": person_forms.PersonLinkForm() if can_edit else None,
        "photo_visible": bool(person.photo_id) and person.photo.withdrawn_at is None,
    }
    return render(request, "persons/person_detail.html", context)


def _visible_seizures(user):
    from opencen.seizures.selectors import seizure_list

    return seizure_list(user=user).values("pk")


def _company_roles(user, person: Person) -> list:
    try:
        from opencen.companies.models import CompanyPerson
        from opencen.companies.selectors import company_list
    except ImportError:  # pragma: no cover - the company database is its own app
        return []
    return list(
        CompanyPerson.objects.filter(person=person, company__in=company_list(user=user))
        .select_related("company")
        .order_by("company__name")
    )


def _investigations(user, person: Person) -> list:
    from opencen.investigations.selectors import investigation_list

    return list(investigation_list(user=user).filter(persons=person)[:50])


# --- create and edit ----------------------------------------------------------------------


def _form_page(request: HttpRequest, full_form, *, person=None, conflict=None, link=None):
    if person is None:
        title = _("New person")
        crumbs = _crumbs((title, None))
    else:
        title = _("Edit %(name)s") % {"name": person.display_name}
        crumbs = _crumbs(
            (person.display_name, reverse("persons:detail", args=[person.pk])), (_("Edit"), None)
        )
    return render(
        request,
        "persons/person_form.html",
        {
            "page_title": title,
            "breadcrumbs": crumbs,
            "full_form": full_form,
            "form": full_form.main,
            "sections": full_form.sections(),
            "person": person,
            "conflict": conflict,
            "link": link,
            "matches_url": _matches_url(),
        },
    )


def _matches_url() -> str:
    try:
        return reverse("matching:person-candidates")
    except Exception:
        return ""


@require_http_methods(["GET", "POST"])
@permission_required(Permission.PERSON_EDIT)
def person_create_view(request: HttpRequest) -> HttpResponse:
    """A new person; while the names are typed, possible existing matches are shown. From a
    seizure (``?seizure=<id>&role=<code>``) the new person comes back linked to it."""
    from opencen.seizures.involvements import back_to_involvements, seizure_link_from_request

    link = seizure_link_from_request(request, InvolvementRole)
    full_form = person_forms.FullPersonForm(
        code_lists=CodeLists(), data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and full_form.is_valid():
        try:
            with transaction.atomic():
                person = person_create(actor=request.user, data=full_form.to_input())
                if link:
                    seizure_person_add(
                        actor=request.user,
                        seizure=link["seizure"],
                        person=person,
                        role=link["role"],
                    )
        except ValidationError as error:
            full_form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s was recorded.") % {"name": person.display_name})
            if link:
                return back_to_involvements(link["seizure"])
            return redirect("persons:detail", pk=person.pk)
    return _form_page(request, full_form, link=link)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.PERSON_EDIT)
def person_edit_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Edit with optimistic concurrency: a save over a stale version shows what changed
    since, keeps what the user typed and overwrites nothing."""
    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    data = request.POST if request.method == "POST" else None
    full_form = person_forms.FullPersonForm(code_lists=CodeLists(), data=data, person=person)
    conflict = None
    if request.method == "POST" and full_form.is_valid():
        expected = expected_version(request, full_form.main, person.version)
        try:
            person = person_update(
                actor=request.user, person=person, data=full_form.to_input(), version=expected
            )
        except PersonConflict as stale:
            conflict = {
                "current_version": stale.current_version,
                "expected_version": stale.expected_version,
                "updated_by": stale.person.updated_by,
                "updated_at": stale.person.updated_at,
                "rows": describe_changes(stale.changes),
            }
        except ValidationError as error:
            full_form.add_service_errors(error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": person.display_name})
            return redirect("persons:detail", pk=person.pk)
    return _form_page(request, full_form, person=person, conflict=conflict)


@require_GET
@permission_required(Permission.PERSON_EDIT)
def form_row_view(request: HttpRequest, kind: str) -> HttpResponse:
    """A new empty row of a section (``?index=N``), with the "add" button moved to N+1.
    ``?remove=1`` answers nothing: the page drops the row."""
    if kind not in person_forms.ROW_FORMS:
        raise Http404
    if request.GET.get("remove"):
        return HttpResponse("")
    index = request.GET.get("index", "")
    index = int(index) if index.isdigit() and len(index) < 4 else 0
    form = person_forms.ROW_FORMS[kind](prefix=f"{kind}-{index}", code_lists=CodeLists())
    return render(
        request,
        "persons/_form_row_added.html",
        {
            "row": form,
            "kind": kind,
            "next_index": index + 1,
            "add_label": person_forms.SECTIONS[kind][1],
        },
    )


# --- history ------------------------------------------------------------------------------

FIELD_LABELS = {
    "given_names": gettext_lazy("Given names"),
    "family_name": gettext_lazy("Family name"),
    "name_original": gettext_lazy("Full name as written"),
    "name_latin": gettext_lazy("Full name in Latin letters"),
    "sex": gettext_lazy("Sex"),
    "birth_date": gettext_lazy("Birth date"),
    "birth_place": gettext_lazy("Birth place"),
    "birth_country": gettext_lazy("Birth country"),
    "nationalities": gettext_lazy("Nationalities"),
    "occupation": gettext_lazy("Occupation"),
    "description": gettext_lazy("Physical description"),
    "category": gettext_lazy("Data-subject category"),
    "review_due": gettext_lazy("Review due"),
    "notes": gettext_lazy("Notes"),
    "handling_code": gettext_lazy("Handling code"),
    "photo": gettext_lazy("Face photo"),
    "aliases": gettext_lazy("Aliases"),
    "documents": gettext_lazy("Identity documents"),
    "addresses": gettext_lazy("Addresses"),
    "phones": gettext_lazy("Phones"),
    "emails": gettext_lazy("Emails"),
}


def describe_value(field: str, value) -> list[str]:
    """A stored value as readable lines (one per row for sections)."""
    if value in (None, "", []):
        return []
    if field == "aliases":
        return [f"{a.get('name')} ({a.get('type')})" for a in value]
    if field == "documents":
        return [
            " ".join(
                str(part)
                for part in (d.get("type"), d.get("number"), d.get("country"), d.get("expires_on"))
                if part
            )
            for d in value
        ]
    if field == "addresses":
        return [
            ", ".join(str(p) for p in (a.get("address"), a.get("city"), a.get("country")) if p)
            for a in value
        ]
    if isinstance(value, list):
        return [", ".join(str(v) for v in value)]
    return [str(value)]


def describe_changes(changes: dict) -> list[dict]:
    rows = []
    for field, label in FIELD_LABELS.items():
        if field not in changes:
            continue
        old, new = changes[field]
        rows.append(
            {
                "field": field,
                "label": label,
                "old": describe_value(field, old),
                "new": describe_value(field, new),
            }
        )
    return rows


@require_GET
@permission_required(Permission.PERSON_VIEW)
@purpose_required(PURPOSE_KIND)
def person_history_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = _get_or_404(request, pk)
    versions = person.versions.select_related("changed_by").order_by("-version")
    entries = [
        {"version": version, "rows": describe_changes(version.changes)} for version in versions
    ]
    return render(
        request,
        "persons/person_history.html",
        {
            "page_title": _("History of %(name)s") % {"name": person.display_name},
            "breadcrumbs": _crumbs(
                (person.display_name, reverse("persons:detail", args=[person.pk])),
                (_("History"), None),
            ),
            "person": person,
            "entries": entries,
        },
    )


# --- links --------------------------------------------------------------------------------


def _back_to(person: Person, anchor: str) -> HttpResponse:
    return redirect(reverse("persons:detail", args=[person.pk]) + anchor)


@require_POST
@permission_required(Permission.PERSON_EDIT)
def person_seizure_add_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Link the person to a seizure named by its reference, with a role."""
    from opencen.seizures.selectors import seizure_list

    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    form = person_forms.SeizureLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the seizure reference and the person's role."))
        return _back_to(person, "#seizures")
    reference = form.cleaned_data["reference"].strip().upper()
    seizure = seizure_list(user=request.user).filter(reference=reference).first()
    if seizure is None:
        messages.error(
            request, _("No seizure %(reference)s in your scope.") % {"reference": reference}
        )
        return _back_to(person, "#seizures")
    try:
        seizure_person_add(
            actor=request.user, seizure=seizure, person=person, role=form.cleaned_data["role"]
        )
    except PermissionDenied:
        messages.error(request, _("You may not change seizure %(ref)s.") % {"ref": reference})
    else:
        messages.success(
            request, _("Linked to seizure %(reference)s.") % {"reference": seizure.reference}
        )
    return _back_to(person, "#seizures")


@require_POST
@permission_required(Permission.PERSON_EDIT)
def person_seizure_remove_view(request: HttpRequest, pk: uuid.UUID, link: int) -> HttpResponse:
    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    involvement = SeizurePerson.objects.filter(pk=link, person=person).first()
    if involvement is None:
        raise Http404
    try:
        seizure_person_remove(
            actor=request.user,
            seizure=involvement.seizure,
            person=person,
            role=involvement.role,
        )
    except PermissionDenied:
        messages.error(request, _("You may not change this seizure."))
    else:
        messages.success(request, _("The link to the seizure was removed."))
    return _back_to(person, "#seizures")


@require_GET
@permission_required(Permission.PERSON_VIEW)
def person_lookup_view(request: HttpRequest) -> HttpResponse:
    """Up to 10 persons in scope whose names hold the words typed (``?q=``), as choices for
    a link or a merge (``?for=<id>`` leaves that person out)."""
    text = (request.GET.get("q") or request.GET.get("lookup") or "").replace("\x00", "").strip()
    persons = []
    if len(text) >= 2:
        persons = list(
            person_list(user=request.user)
            .filter(name_q(text))
            .exclude(pk=_uuid_or_none(request.GET.get("for")))
            .order_by("family_name", "given_names")[:10]
        )
    return render(
        request,
        "persons/_lookup_results.html",
        {"persons": persons, "text": text, "mode": request.GET.get("mode", "link")},
    )


def _uuid_or_none(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


@require_POST
@permission_required(Permission.PERSON_EDIT)
def person_link_add_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    form = person_forms.PersonLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the other person and the kind of link."))
        return _back_to(person, "#links")
    other = person_list(user=request.user).filter(pk=form.cleaned_data["other"]).first()
    if other is None:
        messages.error(request, _("That person is not in your scope."))
        return _back_to(person, "#links")
    try:
        person_link_add(
            actor=request.user,
            person=person,
            other=other,
            type=form.cleaned_data["type"],
            note=form.cleaned_data.get("note") or "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Linked to %(name)s.") % {"name": other.display_name})
    return _back_to(person, "#links")


@require_POST
@permission_required(Permission.PERSON_EDIT)
def person_link_remove_view(request: HttpRequest, pk: uuid.UUID, link: int) -> HttpResponse:
    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    found = (
        PersonLink.objects.filter(pk=link, person=person)
        | PersonLink.objects.filter(pk=link, other=person)
    ).first()
    if found is None:
        raise Http404
    # A link stored on the other end: removing it changes that person too.
    if found.person_id != person.pk and not person_can(
        user=request.user, person=found.person, permission=Permission.PERSON_EDIT
    ):
        raise PermissionDenied
    person_link_remove(actor=request.user, link=found)
    messages.success(request, _("The link was removed."))
    return _back_to(person, "#links")


# --- face photo ---------------------------------------------------------------------------


@require_POST
@permission_required(Permission.PERSON_EDIT)
def person_photo_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Upload a face photo (kept as a restricted attachment of the person) or remove it."""
    from opencen.attachments.services import attachment_add
    from opencen.attachments.validators import AttachmentRejected

    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    if request.POST.get("remove"):
        person_photo_set(actor=request.user, person=person, attachment=None)
        messages.success(request, _("The face photo was removed."))
        return _back_to(person, "")
    upload = request.FILES.get("photo")
    if upload is None:
        messages.error(request, _("Choose a photo to upload."))
        return _back_to(person, "")
    try:
        attachment = attachment_add(
            actor=request.user, owner=person, uploaded_file=upload, caption=_("Face photo")
        )
    except AttachmentRejected as rejected:
        messages.error(request, str(rejected))
        return _back_to(person, "")
    if attachment.kind != "image":
        messages.error(request, _("A face photo must be an image (JPEG or PNG)."))
        return _back_to(person, "")
    person_photo_set(actor=request.user, person=person, attachment=attachment)
    messages.success(request, _("The face photo was saved."))
    return _back_to(person, "")


# --- merge --------------------------------------------------------------------------------


MERGE_ROWS = (
    ("display_name", gettext_lazy("Name")),
    ("name_original", gettext_lazy("Name as written")),
    ("birth_date_text", gettext_lazy("Birth date")),
    ("sex", gettext_lazy("Sex")),
    ("birth_place", gettext_lazy("Birth place")),
    ("category", gettext_lazy("Category")),
)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.PERSON_EDIT)
def person_merge_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Merge this person with another (``?other=<id>``): both side by side, then confirm.
    Needs the right to change both; the merged record only points to the one kept."""
    person = _get_or_404(request, pk, Permission.PERSON_EDIT)
    other_id = _uuid_or_none(request.POST.get("other") or request.GET.get("other"))
    other = None
    if other_id is not None and other_id != person.pk:
        try:
            other = person_get(user=request.user, pk=other_id, permission=Permission.PERSON_EDIT)
        except Person.DoesNotExist:
            raise Http404 from None
    form = person_forms.MergeForm(request.POST or None)
    if request.method == "POST" and other is not None and form.is_valid():
        survivor, duplicate = (
            (person, other) if form.cleaned_data["survivor"] == "this" else (other, person)
        )
        try:
            survivor = person_merge(actor=request.user, survivor=survivor, duplicate=duplicate)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(duplicate)s was merged into %(survivor)s.")
                % {"duplicate": duplicate.display_name, "survivor": survivor.display_name},
            )
            return redirect("persons:detail", pk=survivor.pk)
    sides = []
    for record in (person, other) if other is not None else (person,):
        sides.append(
            {
                "person": record,
                "seizures": SeizurePerson.objects.filter(person=record).count(),
                "documents": list(record.documents.all()),
                "aliases": list(record.aliases.all()),
            }
        )
    return render(
        request,
        "persons/person_merge.html",
        {
            "page_title": _("Merge %(name)s with another record") % {"name": person.display_name},
            "breadcrumbs": _crumbs(
                (person.display_name, reverse("persons:detail", args=[person.pk])),
                (_("Merge"), None),
            ),
            "person": person,
            "other": other,
            "sides": sides,
            "form": form,
        },
    )
