"""Writes on alerts and investigations: open, change, assign, journal, links.

Every write checks who may do it (the selectors' rules), saves inside one transaction and
writes its audit event there. Status changes live in :mod:`opencen.investigations.workflow`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.accounts.models import Unit
from opencen.accounts.permissions import MATRIX, Permission, Scope, permission_scope
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.investigations.choices import CaseKind, CaseStatus, JournalKind, Priority
from opencen.investigations.models import Investigation, InvestigationSequence, JournalEntry
from opencen.investigations.selectors import investigation_can_manage, investigation_can_work
from opencen.reference.choices import HandlingCode

User = get_user_model()

#: Fields a supervisor changes with :func:`investigation_update` (and their audit names).
CONTENT_FIELDS = ("kind", "title", "summary", "priority", "due_on", "handling_code")
TITLE_MAX = 300
TEXT_MAX = 20000


@dataclass
class InvestigationInput:
    """What a supervisor types when opening or changing an alert or investigation."""

    title: str
    kind: str = CaseKind.INVESTIGATION
    summary: str = ""
    priority: str = Priority.NORMAL
    due_on: datetime.date | None = None
    handling_code: str = HandlingCode.H2
    extra: dict = field(default_factory=dict)


class InvestigationConflict(Exception):
    """The investigation was saved by someone else since the user read it."""

    def __init__(self, *, investigation: Investigation, expected_version: int):
        super().__init__(f"{investigation.reference} is at version {investigation.version}")
        self.investigation = investigation
        self.expected_version = expected_version
        self.current_version = investigation.version


# --- validation ----------------------------------------------------------------------------


def investigation_input_clean(data: InvestigationInput) -> InvestigationInput:
    """Check and tidy what was typed; one ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    data.title = (data.title or "").strip()
    data.summary = (data.summary or "").strip()
    if not data.title:
        errors["title"] = [_("Give the investigation a title.")]
    elif len(data.title) > TITLE_MAX:
        errors["title"] = [_("Keep the title under 300 characters.")]
    if len(data.summary) > TEXT_MAX:
        errors["summary"] = [_("The summary is too long (20,000 characters at most).")]
    if data.kind not in CaseKind.values:
        errors["kind"] = [_("Choose alert or investigation.")]
    if data.priority not in Priority.values:
        errors["priority"] = [_("Choose a priority.")]
    if data.handling_code not in HandlingCode.values:
        errors["handling_code"] = [_("Choose a handling code.")]
    if errors:
        raise ValidationError(errors)
    return data


def assignable_users(*, actor, investigation: Investigation | None = None):
    """Active users who may be assigned: they hold ``investigation.view`` and sit in the
    actor's unit tree or the investigation's."""
    roles = list(MATRIX[Permission.INVESTIGATION_VIEW])
    paths = [actor.unit.path] if getattr(actor, "unit_id", None) else []
    if investigation is not None:
        paths.append(investigation.unit_path)
    if not paths:
        return User.objects.none()
    where = Q()
    for path in paths:
        where |= Q(unit__path__startswith=path)
    return (
        User.objects.filter(where, is_active=True, role_assignments__role__in=roles)
        .select_related("unit")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def supervisor_candidates(*, actor, investigation: Investigation | None = None):
    """Active supervisors whose unit owns the investigation's unit (they could manage it)."""
    unit_path = investigation.unit_path if investigation else actor.unit.path
    roles = list(MATRIX[Permission.INVESTIGATION_MANAGE])
    ancestors = [unit_path[: i + 1] for i, char in enumerate(unit_path) if char == "/"]
    return (
        User.objects.filter(
            is_active=True, role_assignments__role__in=roles, unit__path__in=ancestors
        )
        .select_related("unit")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# --- reference numbers ---------------------------------------------------------------------

PREFIXES = {CaseKind.INVESTIGATION: "INV", CaseKind.ALERT: "ALR"}


def investigation_reference_allocate(*, unit: Unit, kind: str, year: int) -> str:
    """``<office code>-INV-<year>-<4-digit sequence>`` (ALR for alerts), safe when two
    supervisors save at once: the sequence row is updated in the caller's transaction."""
    prefix = PREFIXES.get(CaseKind(kind), "INV")
    sequence, _created = InvestigationSequence.objects.get_or_create(
        office_code=unit.code, prefix=prefix, year=year
    )
    InvestigationSequence.objects.filter(pk=sequence.pk).update(last_value=F("last_value") + 1)
    sequence.refresh_from_db(fields=["last_value"])
    return f"{unit.code}-{prefix}-{year}-{sequence.last_value:04d}"


# --- writes --------------------------------------------------------------------------------


def _snapshot(investigation: Investigation) -> dict:
    values = {name: getattr(investigation, name) for name in CONTENT_FIELDS}
    if values["due_on"] is not None:
        values["due_on"] = values["due_on"].isoformat()
    return values


def _check_people(*, actor, investigation, supervisor, officers) -> None:
    errors: dict[str, list[str]] = {}
    if supervisor is not None:
        allowed = supervisor_candidates(actor=actor, investigation=investigation)
        if not allowed.filter(pk=supervisor.pk).exists():
            errors["supervisor"] = [
                _("%(name)s is not a supervisor of this unit or a unit above it.")
                % {"name": supervisor.get_full_name() or supervisor.username}
            ]
    allowed_officers = set(
        assignable_users(actor=actor, investigation=investigation).values_list("pk", flat=True)
    )
    refused = [o for o in officers if o.pk not in allowed_officers]
    if refused:
        errors["officers"] = [
            _("These users cannot be assigned here: %(names)s.")
            % {"names": ", ".join(o.get_full_name() or o.username for o in refused)}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def investigation_create(
    *,
    actor,
    data: InvestigationInput,
    unit: Unit | None = None,
    supervisor=None,
    officers=(),
) -> Investigation:
    """Open an alert or investigation for ``unit`` (the actor's by default); the actor is its
    supervisor unless another is named."""
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError({"unit": [_("You belong to no unit: ask an administrator.")]})
    scope = permission_scope(actor, Permission.INVESTIGATION_MANAGE)
    if scope is Scope.NONE:
        raise PermissionDenied(_("You may not open investigations."))
    if scope is not Scope.ALL and not unit.path.startswith(actor.unit.path):
        raise PermissionDenied(
            _("You may open investigations only for your unit and those below it.")
        )
    investigation_input_clean(data)
    investigation = Investigation(
        unit=unit,
        unit_path=unit.path,
        status=CaseStatus.OPEN,
        created_by=actor,
        updated_by=actor,
        reference=investigation_reference_allocate(
            unit=unit, kind=data.kind, year=timezone.localdate().year
        ),
    )
    for name in CONTENT_FIELDS:
        setattr(investigation, name, getattr(data, name))
    supervisor = supervisor or actor
    officers = list(officers)
    _check_people(actor=actor, investigation=investigation, supervisor=supervisor, officers=[])
    investigation.supervisor = supervisor
    investigation.save(force_insert=True)
    if officers:
        _check_people(actor=actor, investigation=investigation, supervisor=None, officers=officers)
        investigation.officers.set(officers)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CREATED,
        target=investigation,
        details={
            "reference": investigation.reference,
            "unit": unit.code,
            **_snapshot(investigation),
            "supervisor": supervisor.username,
            "officers": sorted(o.username for o in officers),
        },
    )
    return investigation


def _claim_version(investigation: Investigation, expected_version: int) -> Investigation:
    """Move the version on, or raise InvestigationConflict when someone saved since."""
    claimed = Investigation.objects.filter(pk=investigation.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = Investigation.objects.get(pk=investigation.pk)
        raise InvestigationConflict(investigation=current, expected_version=expected_version)
    return Investigation.objects.select_related("unit").get(pk=investigation.pk)


@transaction.atomic
def investigation_update(
    *, actor, investigation: Investigation, data: InvestigationInput, expected_version: int
) -> Investigation:
    """Save new content over version ``expected_version``; raises InvestigationConflict when
    someone saved in between (nothing is written then)."""
    if not investigation_can_manage(user=actor, investigation=investigation):
        raise PermissionDenied(_("You may not change this investigation."))
    investigation_input_clean(data)
    investigation = _claim_version(investigation, expected_version)
    before = _snapshot(investigation)
    for name in CONTENT_FIELDS:
        setattr(investigation, name, getattr(data, name))
    investigation.updated_by = actor
    investigation.save()
    after = _snapshot(investigation)
    changes = {k: [before[k], after[k]] for k in CONTENT_FIELDS if before[k] != after[k]}
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=investigation,
        details={"version": investigation.version, "changes": changes},
    )
    return investigation


@transaction.atomic
def investigation_assign(
    *,
    actor,
    investigation: Investigation,
    supervisor,
    officers,
    expected_version: int | None = None,
) -> Investigation:
    """Name the supervisor and the assigned officers (replacing the previous ones); audited
    with who was added and removed."""
    if not investigation_can_manage(user=actor, investigation=investigation):
        raise PermissionDenied(_("You may not assign officers to this investigation."))
    officers = list(officers)
    if supervisor is None:
        raise ValidationError({"supervisor": [_("Name the supervisor.")]})
    _check_people(
        actor=actor, investigation=investigation, supervisor=supervisor, officers=officers
    )
    version = investigation.version if expected_version is None else expected_version
    investigation = _claim_version(investigation, version)
    previous_supervisor = investigation.supervisor
    previous = set(investigation.officers.values_list("username", flat=True))
    investigation.supervisor = supervisor
    investigation.updated_by = actor
    investigation.save()
    investigation.officers.set(officers)
    current = {o.username for o in officers}
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=investigation,
        details={
            "version": investigation.version,
            "assignment": {
                "supervisor": [
                    previous_supervisor.username if previous_supervisor else None,
                    supervisor.username,
                ],
                "officers_added": sorted(current - previous),
                "officers_removed": sorted(previous - current),
            },
        },
    )
    return investigation


@transaction.atomic
def journal_add(*, actor, investigation: Investigation, kind: str, text: str) -> JournalEntry:
    """Add one journal entry (never changed afterwards); by the team or a manager."""
    if not investigation_can_work(user=actor, investigation=investigation):
        raise PermissionDenied(_("Only the officers of this investigation add to its journal."))
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if kind not in JournalKind.values:
        errors["kind"] = [_("Choose the kind of entry.")]
    if not text:
        errors["text"] = [_("Write the entry.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("The entry is too long (20,000 characters at most).")]
    if errors:
        raise ValidationError(errors)
    entry = JournalEntry.objects.create(
        investigation=investigation, kind=kind, text=text, created_by=actor
    )
    Investigation.objects.filter(pk=investigation.pk).update(updated_at=timezone.now())
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CREATED,
        target=entry,
        target_label=f"{investigation.reference}: {entry.get_kind_display()}",
        details={"investigation": str(investigation.pk), "kind": kind, "length": len(text)},
    )
    return entry


# --- links to persons, companies and seizures ----------------------------------------------

#: kind -> (relation on Investigation, permission to see the record, selector path)
LINK_KINDS = ("person", "company", "seizure")


def _visible_record(*, user, kind: str, pk):
    """The record of ``kind`` with id ``pk`` if ``user`` may see it, else None."""
    try:
        if kind == "person":
            from opencen.persons.selectors import person_list

            return person_list(user=user).filter(pk=pk).first()
        if kind == "company":
            from opencen.companies.selectors import company_list

            return company_list(user=user).filter(pk=pk).first()
        if kind == "seizure":
            from opencen.seizures.selectors import seizure_list

            return seizure_list(user=user).filter(pk=pk).first()
    except (ValueError, ValidationError):  # not a valid id
        return None
    return None


def _relation(investigation: Investigation, kind: str):
    return {
        "person": investigation.persons,
        "company": investigation.companies,
        "seizure": investigation.seizures,
    }[kind]


@transaction.atomic
def investigation_link(*, actor, investigation: Investigation, kind: str, pk) -> object:
    """Link a person, company or seizure the actor may see; audited. Linking twice is a
    no-op."""
    if kind not in LINK_KINDS:
        raise ValidationError({"kind": [_("Link a person, a company or a seizure.")]})
    if not investigation_can_work(user=actor, investigation=investigation):
        raise PermissionDenied(_("You may not change what this investigation concerns."))
    record = _visible_record(user=actor, kind=kind, pk=pk)
    if record is None:
        raise ValidationError({kind: [_("No such record in your scope.")]})
    relation = _relation(investigation, kind)
    if relation.filter(pk=record.pk).exists():
        return record
    relation.add(record)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=investigation,
        details={"linked": {"type": kind, "id": str(record.pk)}},
    )
    return record


@transaction.atomic
def investigation_unlink(*, actor, investigation: Investigation, kind: str, pk) -> None:
    """Remove a link (the record itself is untouched); audited."""
    if kind not in LINK_KINDS:
        raise ValidationError({"kind": [_("Link a person, a company or a seizure.")]})
    if not investigation_can_work(user=actor, investigation=investigation):
        raise PermissionDenied(_("You may not change what this investigation concerns."))
    relation = _relation(investigation, kind)
    try:
        record = relation.filter(pk=pk).first()
    except (ValueError, ValidationError):
        record = None
    if record is None:
        return
    relation.remove(record)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=investigation,
        details={"unlinked": {"type": kind, "id": str(record.pk)}},
    )
