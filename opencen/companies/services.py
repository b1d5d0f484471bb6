"""Writes on companies: create, update with optimistic concurrency and history, the people of a
company, involvements in seizures, and merging duplicates.

Forms and the API turn their input into a :class:`CompanyInput` and call these services. Each
write is one transaction with its audit event, and refreshes the company's matching keys
(:func:`opencen.matching.indexing.company_index`) in that same transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from opencen.accounts.models import Unit
from opencen.accounts.permissions import Permission, Scope, has_permission, permission_scope
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.companies.choices import (
    CompanyInvolvementRole,
    CompanyKind,
    CompanyPersonRole,
    CompanyStatus,
)
from opencen.companies.models import (
    Company,
    CompanyAddress,
    CompanyEmail,
    CompanyPerson,
    CompanyPhone,
    CompanyVersion,
    SeizureCompany,
    TradingName,
)
from opencen.core.normalise import identifier_normalise, phone_e164
from opencen.reference.choices import HandlingCode
from opencen.reference.models import Country

# --- input ---------------------------------------------------------------------------------


@dataclass
class CompanyAddressInput:
    address: str
    city: str = ""
    country: Country | None = None


@dataclass
class CompanyInput:
    """Everything an officer records about a company (countries as objects)."""

    name: str
    legal_form: str = ""
    registration_number: str = ""
    tax_number: str = ""
    country: Country | None = None
    website: str = ""
    kind: str = ""
    status: str = CompanyStatus.ACTIVE
    notes: str = ""
    handling_code: str = HandlingCode.H0
    trading_names: list[str] = field(default_factory=list)
    addresses: list[CompanyAddressInput] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


class CompanyConflict(Exception):
    """The company was saved by someone else since the user read it."""

    def __init__(self, *, company: Company, expected_version: int, changes: dict):
        super().__init__(f"{company.name} is at version {company.version}")
        self.company = company
        self.expected_version = expected_version
        self.current_version = company.version
        self.changes = changes


# --- validation ----------------------------------------------------------------------------


def company_input_clean(data: CompanyInput) -> CompanyInput:
    """Check every field rule and tidy the values; raise one ValidationError whose keys are
    field paths (``name``, ``phones.1``, ``addresses.0.address``)."""
    errors: dict[str, list[str]] = {}

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(str(message))

    data.name = " ".join((data.name or "").split())
    if not data.name:
        add("name", _("Give the company's legal name."))
    for name in ("legal_form", "registration_number", "tax_number", "website"):
        setattr(data, name, (getattr(data, name) or "").strip())
    if data.kind and data.kind not in CompanyKind.values:
        add("kind", _("Unknown kind of company."))
    if data.status not in CompanyStatus.values:
        add("status", _("Unknown status."))
    if data.handling_code not in HandlingCode.values:
        add("handling_code", _("Unknown handling code."))
    if data.registration_number and not identifier_normalise(data.registration_number):
        add("registration_number", _("A registration number needs letters or digits."))
    if data.tax_number and not identifier_normalise(data.tax_number):
        add("tax_number", _("A tax number needs letters or digits."))
    if data.website:
        website = data.website if "://" in data.website else f"https://{data.website}"
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            add("website", _("Give a web address such as www.example.com."))
    data.trading_names = list(
        dict.fromkeys(n for n in (" ".join((t or "").split()) for t in data.trading_names) if n)
    )
    region = data.country.code if data.country else None
    cleaned_phones = []
    for index, number in enumerate(data.phones):
        if not (number or "").strip():
            continue
        if not phone_e164(number, region=region):
            add(f"phones.{index}", _("“%(number)s” is not a phone number.") % {"number": number})
        cleaned_phones.append(number.strip())
    data.phones = cleaned_phones
    cleaned_emails = []
    for index, email in enumerate(data.emails):
        email = (email or "").strip()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            add(f"emails.{index}", _("“%(email)s” is not an email address.") % {"email": email})
        cleaned_emails.append(email)
    data.emails = list(dict.fromkeys(cleaned_emails))
    for index, address in enumerate(data.addresses):
        address.address = (address.address or "").strip()
        address.city = (address.city or "").strip()
        if not address.address and not address.city:
            add(f"addresses.{index}.address", _("Give the address or remove the row."))
    if errors:
        raise ValidationError(errors)
    return data


# --- snapshots and history -----------------------------------------------------------------


def company_snapshot(company: Company) -> dict[str, Any]:
    """The whole content of a company as plain values (for versions and conflicts)."""
    return {
        "name": company.name,
        "legal_form": company.legal_form,
        "registration_number": company.registration_number,
        "tax_number": company.tax_number,
        "country": company.country_id,
        "website": company.website,
        "kind": company.kind,
        "status": company.status,
        "notes": company.notes,
        "handling_code": company.handling_code,
        "trading_names": [t.name for t in company.trading_names.order_by("id")],
        "addresses": [
            {"address": a.address, "city": a.city, "country": a.country_id}
            for a in company.addresses.order_by("id")
        ],
        "phones": [p.number for p in company.phones.order_by("id")],
        "emails": [e.email for e in company.emails.order_by("id")],
    }


def snapshot_changes(before: dict, after: dict) -> dict[str, list]:
    """``{field: [old, new]}`` for each top-level field that differs (lists compared whole)."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _record_version(*, company: Company, actor, changes: dict, comment: str = "") -> None:
    CompanyVersion.objects.create(
        company=company,
        version=company.version,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot=company_snapshot(company),
        changes=changes,
        comment=comment[:300],
    )


def _reindex(*company_ids) -> None:
    from opencen.matching.indexing import company_index

    company_index(list(company_ids))


# --- writes --------------------------------------------------------------------------------


def _apply_fields(company: Company, data: CompanyInput) -> None:
    for name in (
        "name",
        "legal_form",
        "registration_number",
        "tax_number",
        "country",
        "website",
        "kind",
        "status",
        "notes",
        "handling_code",
    ):
        setattr(company, name, getattr(data, name))
    company.registration_normalised = identifier_normalise(data.registration_number)
    company.tax_normalised = identifier_normalise(data.tax_number)


def _replace_children(company: Company, data: CompanyInput) -> None:
    company.trading_names.all().delete()
    company.addresses.all().delete()
    company.phones.all().delete()
    company.emails.all().delete()
    region = data.country.code if data.country else None
    TradingName.objects.bulk_create(
        [TradingName(company=company, name=name) for name in data.trading_names]
    )
    CompanyAddress.objects.bulk_create(
        [
            CompanyAddress(company=company, address=a.address, city=a.city, country=a.country)
            for a in data.addresses
        ]
    )
    CompanyPhone.objects.bulk_create(
        [
            CompanyPhone(company=company, number=n, e164=phone_e164(n, region=region))
            for n in data.phones
        ]
    )
    CompanyEmail.objects.bulk_create(
        [CompanyEmail(company=company, email=email) for email in data.emails]
    )
    getattr(company, "_prefetched_objects_cache", {}).clear()


@transaction.atomic
def company_create(*, actor, data: CompanyInput, unit: Unit | None = None) -> Company:
    """Record a new company for ``unit`` (the actor's by default)."""
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError({"unit": [_("You belong to no unit: ask an administrator.")]})
    if not has_permission(actor, Permission.COMPANY_EDIT):
        raise PermissionDenied(_("You may not record companies."))
    scope = permission_scope(actor, Permission.COMPANY_EDIT)
    if scope is not Scope.ALL and not unit.path.startswith(actor.unit.path):
        raise PermissionDenied(_("You may record companies only for your unit and below it."))
    company_input_clean(data)
    company = Company(unit=unit, unit_path=unit.path, created_by=actor, updated_by=actor)
    _apply_fields(company, data)
    company.save(force_insert=True)
    _replace_children(company, data)
    _record_version(company=company, actor=actor, changes={})
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CREATED,
        target=company,
        details={"unit": unit.code, "country": company.country_id},
    )
    _reindex(company.pk)
    return company


@transaction.atomic
def company_update(
    *, actor, company: Company, data: CompanyInput, expected_version: int
) -> Company:
    """Save new content over version ``expected_version``.

    Raises :class:`CompanyConflict` (with what changed since) when someone saved in between;
    nothing is written then. Saving the same content changes nothing (no new version)."""
    from opencen.companies.selectors import company_can

    if not company_can(user=actor, company=company, permission=Permission.COMPANY_EDIT):
        raise PermissionDenied(_("You may not change this company."))
    company_input_clean(data)
    current = Company.objects.select_for_update().get(pk=company.pk)
    if current.version != expected_version:
        stored = CompanyVersion.objects.filter(company=current, version=expected_version).first()
        changes = snapshot_changes(stored.snapshot, company_snapshot(current)) if stored else {}
        raise CompanyConflict(company=current, expected_version=expected_version, changes=changes)
    before = company_snapshot(current)
    _apply_fields(current, data)
    _replace_children(current, data)
    after = company_snapshot(current)
    changes = snapshot_changes(before, after)
    if not changes:
        # The child rows were written again with the same content: nothing to record.
        return Company.objects.get(pk=current.pk)
    current.version = expected_version + 1
    current.updated_by = actor
    current.save()
    _record_version(company=current, actor=actor, changes=changes)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=current,
        details={"version": current.version, "changes": changes},
    )
    _reindex(current.pk)
    return current


# --- people of a company -------------------------------------------------------------------


def _check_editable(actor, company: Company) -> None:
    from opencen.companies.selectors import company_can

    if not company_can(user=actor, company=company, permission=Permission.COMPANY_EDIT):
        raise PermissionDenied(_("You may not change this company."))


@transaction.atomic
def company_person_add(
    *,
    actor,
    company: Company,
    person,
    role: str,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
) -> CompanyPerson:
    """Record that ``person`` is (or was) the company's director, owner, shareholder..."""
    from opencen.persons.selectors import person_can

    _check_editable(actor, company)
    if not person_can(user=actor, person=person, permission=Permission.PERSON_VIEW):
        raise ValidationError({"person": [_("No such person in your scope.")]})
    if role not in CompanyPersonRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": [_("The end comes before the start.")]})
    if CompanyPerson.objects.filter(company=company, person=person, role=role).exists():
        raise ValidationError({"person": [_("This person already has this role here.")]})
    link = CompanyPerson.objects.create(
        company=company,
        person=person,
        role=role,
        started_on=started_on,
        ended_on=ended_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=company,
        details={"person_added": str(person.pk), "role": role},
    )
    return link


@transaction.atomic
def company_person_remove(*, actor, link: CompanyPerson) -> None:
    """Remove a person's role in a company."""
    _check_editable(actor, link.company)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=link.company,
        details={"person_removed": str(link.person_id), "role": link.role},
    )
    link.delete()


# --- involvements in seizures --------------------------------------------------------------


def _check_seizure_editable(actor, seizure) -> None:
    from opencen.seizures.choices import SeizureStatus
    from opencen.seizures.selectors import seizure_can

    if not seizure_can(user=actor, seizure=seizure, permission=Permission.SEIZURE_EDIT):
        raise PermissionDenied(_("You may not change this seizure."))
    if seizure.status == SeizureStatus.CLOSED:
        raise ValidationError(
            _("A closed seizure cannot be changed; ask a supervisor to reopen it.")
        )


@transaction.atomic
def seizure_company_add(*, actor, seizure, company: Company, role: str) -> SeizureCompany:
    """Record a company's part in a seizure (importer, shipper, carrier...)."""
    from opencen.companies.selectors import company_can

    _check_seizure_editable(actor, seizure)
    if not company_can(user=actor, company=company, permission=Permission.COMPANY_VIEW):
        raise ValidationError({"company": [_("No such company in your scope.")]})
    if role not in CompanyInvolvementRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    involvement, created = SeizureCompany.objects.get_or_create(
        seizure=seizure, company=company, role=role, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=seizure,
            details={"company_added": str(company.pk), "role": role},
        )
    return involvement


@transaction.atomic
def seizure_company_remove(*, actor, seizure, company: Company, role: str) -> None:
    """Remove a company's part in a seizure (nothing happens when there is none)."""
    _check_seizure_editable(actor, seizure)
    removed, _counts = SeizureCompany.objects.filter(
        seizure=seizure, company=company, role=role
    ).delete()
    if removed:
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=seizure,
            details={"company_removed": str(company.pk), "role": role},
        )


# --- merge ---------------------------------------------------------------------------------


@transaction.atomic
def company_merge(*, actor, survivor: Company, duplicate: Company) -> Company:
    """Fold ``duplicate`` into ``survivor``: its names become trading names; its numbers,
    addresses, phones, emails, people, seizure involvements and investigations move over; it
    then only points to the survivor (``merged_into``). Both get a version; one audit event."""
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("A company cannot be merged into itself."))
    survivor = Company.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Company.objects.select_for_update().get(pk=duplicate.pk)
    if survivor.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("One of these companies was already merged."))
    _check_editable(actor, survivor)
    _check_editable(actor, duplicate)
    before = company_snapshot(survivor)

    # Names: every name of the duplicate is kept as a trading name of the survivor.
    known = {survivor.name.casefold()} | {
        n.casefold() for n in survivor.trading_names.values_list("name", flat=True)
    }
    for name in [duplicate.name, *duplicate.trading_names.values_list("name", flat=True)]:
        if name.casefold() not in known:
            TradingName.objects.create(company=survivor, name=name)
            known.add(name.casefold())

    # Numbers and plain fields: fill what the survivor lacks; keep differing numbers in notes.
    kept_numbers = []
    for name, normalised in (
        ("registration_number", "registration_normalised"),
        ("tax_number", "tax_normalised"),
    ):
        theirs = getattr(duplicate, name)
        if not theirs:
            continue
        if not getattr(survivor, name):
            setattr(survivor, name, theirs)
            setattr(survivor, normalised, getattr(duplicate, normalised))
        elif getattr(survivor, normalised) != getattr(duplicate, normalised):
            label = Company._meta.get_field(name).verbose_name
            kept_numbers.append(f"{label}: {theirs}")
    for name in ("legal_form", "country", "website", "kind"):
        if not getattr(survivor, name) and getattr(duplicate, name):
            setattr(survivor, name, getattr(duplicate, name))
    note = _("Merged from %(name)s") % {"name": duplicate.name}
    if kept_numbers:
        note += f" ({'; '.join(kept_numbers)})"
    if duplicate.notes:
        note += f":\n{duplicate.notes}"
    survivor.notes = f"{survivor.notes}\n\n{note}".strip()
    # The stricter handling code of the two applies to the merged record.
    survivor.handling_code = max(survivor.handling_code, duplicate.handling_code)

    # Contacts, dropping exact repeats.
    have = {(a.address.casefold(), a.city.casefold()) for a in survivor.addresses.all()}
    for address in duplicate.addresses.all():
        if (address.address.casefold(), address.city.casefold()) not in have:
            address.company = survivor
            address.save(update_fields=["company"])
    have_phones = set(survivor.phones.values_list("e164", flat=True))
    duplicate.phones.exclude(e164__in=[p for p in have_phones if p]).update(company=survivor)
    have_emails = {e.casefold() for e in survivor.emails.values_list("email", flat=True)}
    for email in duplicate.emails.all():
        if email.email.casefold() not in have_emails:
            email.company = survivor
            email.save(update_fields=["company"])

    # Links: people, seizures, investigations (a link the survivor already has is dropped).
    moved = {"people": 0, "seizures": 0, "investigations": 0}
    for link in CompanyPerson.objects.filter(company=duplicate):
        if not CompanyPerson.objects.filter(
            company=survivor, person_id=link.person_id, role=link.role
        ).exists():
            link.company = survivor
            link.save(update_fields=["company"])
            moved["people"] += 1
    for involvement in SeizureCompany.objects.filter(company=duplicate):
        if not SeizureCompany.objects.filter(
            company=survivor, seizure_id=involvement.seizure_id, role=involvement.role
        ).exists():
            involvement.company = survivor
            involvement.save(update_fields=["company"])
            moved["seizures"] += 1
    for investigation in duplicate.investigations.all():
        investigation.companies.add(survivor)
        investigation.companies.remove(duplicate)
        moved["investigations"] += 1

    survivor.version = F("version") + 1
    survivor.updated_by = actor
    survivor.save()
    survivor.refresh_from_db()
    getattr(survivor, "_prefetched_objects_cache", {}).clear()
    changes = snapshot_changes(before, company_snapshot(survivor))
    _record_version(
        company=survivor,
        actor=actor,
        changes=changes,
        comment=_("Merged with %(name)s") % {"name": duplicate.name},
    )
    Company.objects.filter(pk=duplicate.pk).update(
        merged_into=survivor, version=F("version") + 1, updated_by=actor
    )
    duplicate.refresh_from_db()
    _record_version(
        company=duplicate,
        actor=actor,
        changes={"merged_into": [None, str(survivor.pk)]},
        comment=_("Merged into %(name)s") % {"name": survivor.name},
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORDS_MERGED,
        target=survivor,
        details={
            "merged": str(duplicate.pk),
            "merged_name": duplicate.name,
            "moved": moved,
            "changes": changes,
        },
    )
    _reindex(survivor.pk, duplicate.pk)
    return survivor
