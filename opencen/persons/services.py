"""Writes on persons: create, update with optimistic concurrency and history, links to other
persons and to seizures, and merging two records of the same person.

Forms and the API turn their input into a :class:`PersonInput` (countries already looked up)
and call these services. Every write is audited and re-indexes the person's blocking keys for
matching in the same transaction.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.persons.choices import (
    AliasType,
    DataSubjectCategory,
    DocumentType,
    InvolvementRole,
    PersonLinkType,
    Sex,
)
from opencen.persons.models import (
    IdentityDocument,
    Person,
    PersonAddress,
    PersonAlias,
    PersonEmail,
    PersonLink,
    PersonPhone,
    PersonVersion,
    SeizurePerson,
)
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode

# --- input ---------------------------------------------------------------------------------


@dataclass
class AliasInput:
    name: str
    type: str = AliasType.ALIAS


@dataclass
class DocumentInput:
    type: str
    number: str
    country: ref.Country | None = None
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None


@dataclass
class AddressInput:
    address: str
    city: str = ""
    country: ref.Country | None = None


@dataclass
class PersonInput:
    """Everything an officer records about a person (countries as objects).

    ``birth_date`` is text as typed: ``1984``, ``1984-03`` or ``1984-03-02`` (or empty)."""

    given_names: str = ""
    family_name: str = ""
    name_original: str = ""
    name_latin: str = ""
    sex: str = Sex.UNKNOWN
    birth_date: str = ""
    birth_place: str = ""
    birth_country: ref.Country | None = None
    nationalities: list[ref.Country] = field(default_factory=list)
    occupation: str = ""
    description: str = ""
    category: str = DataSubjectCategory.SUSPECT
    notes: str = ""
    handling_code: str = HandlingCode.H0
    aliases: list[AliasInput] = field(default_factory=list)
    documents: list[DocumentInput] = field(default_factory=list)
    addresses: list[AddressInput] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


class PersonConflict(Exception):
    """The person was saved by someone else since the user read it."""

    def __init__(self, *, person: Person, expected_version: int, changes: dict):
        super().__init__(f"{person.pk} is at version {person.version}")
        self.person = person
        self.expected_version = expected_version
        self.current_version = person.version
        self.changes = changes


# --- normalisation -------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(text: str) -> tuple[int | None, int | None, int | None]:
    """``"1984"`` -> (1984, None, None), ``"1984-03"`` -> (1984, 3, None), ``"1984-03-02"``
    -> (1984, 3, 2); empty -> (None, None, None). Raises ValidationError with a readable
    message for anything else (or a date in the future)."""
    text = (text or "").strip()
    if not text:
        return None, None, None
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValidationError(
            _(
                "Write the birth date as a year (1984), a year and month (1984-03) or a full date "
                "(1984-03-02)."
            ),
            code="invalid",
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    today = timezone.localdate()
    if year < 1880 or year > today.year:
        raise ValidationError(
            _("The birth year must be between 1880 and %(year)s.") % {"year": today.year},
            code="invalid",
        )
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(_("The month must be between 01 and 12."), code="invalid")
    if day is not None:
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("%(year)s-%(month)02d has no day %(day)s.")
                % {"year": year, "month": month, "day": day},
                code="invalid",
            ) from None
        if date > today:
            raise ValidationError(_("The birth date cannot be in the future."), code="invalid")
    return year, month, day


def document_number_normalise(number: str) -> str:
    """Upper case, letters and digits only (``p 0123-4567`` -> ``P01234567``)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", number or "").upper() if ch.isalnum())


def phone_normalise(number: str, *, region: str | None = None) -> tuple[str, bool]:
    """(E.164 text, True) when ``number`` parses as a possible phone number, else (what was
    typed, False). ``region`` (alpha-2) reads numbers written without a country code."""
    text = (number or "").strip()
    region = (region or "").upper() or None
    if region == "XX":
        region = None
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text, False
    if not phonenumbers.is_possible_number(parsed):
        return text, False
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), True


def _clearly_not_a_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return digits < 4 or bool(re.search(r"[^\d\s+().\-/x#*extEXT]", text))


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter."""
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


#: The Arabic article joined to the word it precedes, read as "al-" (not a bare "l").
_ARABIC_ARTICLE = re.compile(r"(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2,})")
#: Greek letter pairs read as one Latin sound (omicron-upsilon is "ou", not "oy").
_GREEK_DIGRAPHS = {"ου": "ou", "ού": "ou", "Ου": "Ou", "Ού": "Ou", "ΟΥ": "OU"}


def transliterate(text: str) -> str:
    """Latin letters for a name in any script (Chinese characters kept as separate syllables)."""
    for digraph, latin in _GREEK_DIGRAPHS.items():
        text = text.replace(digraph, latin)
    text = _ARABIC_ARTICLE.sub("al-", text)
    parts = []
    for ch in text:
        if "CJK" in unicodedata.name(ch, ""):
            parts.append(f" {anyascii(ch).capitalize()} ")
        else:
            parts.append(anyascii(ch))
    latin = " ".join("".join(parts).split())
    return " ".join(word[:1].upper() + word[1:] for word in latin.split())


def review_due_for(category: str, *, start: datetime.date | None = None) -> datetime.date:
    """The review date of a person of ``category`` recorded or re-categorised on ``start``."""
    start = start or timezone.localdate()
    months = settings.REVIEW_MONTHS.get(category, 12)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _days_in_month(year, month))
    return datetime.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


# --- validation ----------------------------------------------------------------------------


def person_input_clean(data: PersonInput) -> dict[str, Any]:
    """Check every field rule; raise one ValidationError keyed by field path
    (``documents.0.number``). Answers the parsed birth date parts."""
    errors: dict[str, list[str]] = {}

    def add(path: str, message) -> None:
        errors.setdefault(path, []).append(str(message))

    for name in ("given_names", "family_name", "name_original", "name_latin"):
        setattr(data, name, " ".join((getattr(data, name) or "").split()))
    if not (data.given_names or data.family_name or data.name_original or data.name_latin):
        add("family_name", _("Give at least a family name, a given name or the name as written."))
    if data.sex not in Sex.values:
        add("sex", _("Unknown sex code."))
    if data.category not in DataSubjectCategory.values:
        add("category", _("Choose a data-subject category."))
    if data.handling_code not in HandlingCode.values:
        add("handling_code", _("Unknown handling code."))
    birth = (None, None, None)
    try:
        birth = parse_partial_date(data.birth_date)
    except ValidationError as error:
        for message in error.messages:
            add("birth_date", message)
    for index, alias in enumerate(data.aliases):
        alias.name = " ".join((alias.name or "").split())
        if not alias.name:
            add(f"aliases.{index}.name", _("Give the alias, or remove the row."))
        if alias.type not in AliasType.values:
            add(f"aliases.{index}.type", _("Unknown alias type."))
    for index, document in enumerate(data.documents):
        if document.type not in DocumentType.values:
            add(f"documents.{index}.type", _("Choose the type of document."))
        if not document_number_normalise(document.number):
            add(f"documents.{index}.number", _("Give the document number."))
        if document.issued_on and document.expires_on and document.expires_on < document.issued_on:
            add(f"documents.{index}.expires_on", _("The expiry date is before the issue date."))
    for index, address in enumerate(data.addresses):
        if not (address.address or "").strip():
            add(f"addresses.{index}.address", _("Give the address, or remove the row."))
    for index, phone in enumerate(data.phones):
        text = (phone or "").strip()
        if not text:
            add(f"phones.{index}", _("Give the number, or remove the row."))
        elif _clearly_not_a_phone(text):
            add(f"phones.{index}", _("“%(value)s” is not a phone number.") % {"value": text})
    for index, email in enumerate(data.emails):
        try:
            validate_email((email or "").strip())
        except ValidationError:
            add(f"emails.{index}", _("Enter a valid email address."))
    if errors:
        raise ValidationError(errors)
    return {"birth_year": birth[0], "birth_month": birth[1], "birth_day": birth[2]}


# --- snapshots and history -----------------------------------------------------------------


def person_snapshot(person: Person) -> dict[str, Any]:
    """The whole content of a person as plain values (for versions and conflicts)."""
    return {
        "given_names": person.given_names,
        "family_name": person.family_name,
        "name_original": person.name_original,
        "name_latin": person.name_latin,
        "sex": person.sex,
        "birth_date": person.birth_date_text,
        "birth_place": person.birth_place,
        "birth_country": person.birth_country_id,
        "nationalities": sorted(c.pk for c in person.nationalities.all()),
        "occupation": person.occupation,
        "description": person.description,
        "category": person.category,
        "review_due": person.review_due.isoformat() if person.review_due else None,
        "notes": person.notes,
        "handling_code": person.handling_code,
        "photo": str(person.photo_id) if person.photo_id else None,
        "aliases": [{"name": a.name, "type": a.type} for a in person.aliases.order_by("id")],
        "documents": [
            {
                "type": d.type,
                "number": d.number,
                "country": d.country_id,
                "issued_on": d.issued_on.isoformat() if d.issued_on else None,
                "expires_on": d.expires_on.isoformat() if d.expires_on else None,
            }
            for d in person.documents.order_by("id")
        ],
        "addresses": [
            {"address": a.address, "city": a.city, "country": a.country_id}
            for a in person.addresses.order_by("id")
        ],
        "phones": [p.e164 or p.number for p in person.phones.order_by("id")],
        "emails": [e.email for e in person.emails.order_by("id")],
    }


def snapshot_changes(before: dict, after: dict) -> dict[str, list]:
    """``{field: [old, new]}`` for each top-level field that differs."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _record_version(*, person: Person, actor, before: dict | None, comment: str = "") -> dict:
    getattr(person, "_prefetched_objects_cache", {}).clear()
    after = person_snapshot(person)
    changes = snapshot_changes(before, after) if before is not None else {}
    PersonVersion.objects.create(
        person=person,
        version=person.version,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot=after,
        changes=changes,
        comment=comment[:300],
    )
    return changes


def _reindex(person_ids) -> None:
    from opencen.matching.indexing import person_index

    person_index(list(person_ids))


# --- writes --------------------------------------------------------------------------------


def _phone_region(data: PersonInput) -> str | None:
    if data.nationalities:
        return data.nationalities[0].pk
    return settings.INSTALLATION_COUNTRY or None


def _apply(person: Person, data: PersonInput, birth: dict) -> None:
    person.given_names = data.given_names
    person.family_name = data.family_name
    person.name_original = data.name_original
    latin = data.name_latin
    if not latin and data.name_original and not is_latin(data.name_original):
        latin = transliterate(data.name_original)
    person.name_latin = latin
    person.sex = data.sex
    person.birth_year = birth["birth_year"]
    person.birth_month = birth["birth_month"]
    person.birth_day = birth["birth_day"]
    person.birth_place = data.birth_place
    person.birth_country = data.birth_country
    person.occupation = data.occupation
    person.description = data.description
    person.notes = data.notes
    person.handling_code = data.handling_code
    if person.category != data.category or person.review_due is None:
        person.review_due = review_due_for(data.category)
    person.category = data.category


def _replace_children(person: Person, data: PersonInput) -> None:
    person.aliases.all().delete()
    person.documents.all().delete()
    person.addresses.all().delete()
    person.phones.all().delete()
    person.emails.all().delete()
    PersonAlias.objects.bulk_create(
        PersonAlias(person=person, name=a.name, type=a.type) for a in data.aliases
    )
    IdentityDocument.objects.bulk_create(
        IdentityDocument(
            person=person,
            type=d.type,
            number=d.number.strip(),
            number_normalised=document_number_normalise(d.number),
            country=d.country,
            issued_on=d.issued_on,
            expires_on=d.expires_on,
        )
        for d in data.documents
    )
    PersonAddress.objects.bulk_create(
        PersonAddress(person=person, address=a.address.strip(), city=a.city, country=a.country)
        for a in data.addresses
    )
    region = _phone_region(data)
    PersonPhone.objects.bulk_create(
        PersonPhone(person=person, number=p.strip(), e164=phone_normalise(p, region=region)[0])
        for p in data.phones
    )
    PersonEmail.objects.bulk_create(
        PersonEmail(person=person, email=e.strip().lower()) for e in data.emails
    )
    person.nationalities.set(data.nationalities)


def _check_may_record(actor) -> None:
    if getattr(actor, "unit", None) is None:
        raise ValidationError({"unit": [_("You belong to no unit: ask an administrator.")]})
    if not has_permission(actor, Permission.PERSON_EDIT):
        raise PermissionDenied(_("You may not record persons."))


@transaction.atomic
def person_create(*, actor, data: PersonInput) -> Person:
    """Record a new person for the actor's unit."""
    _check_may_record(actor)
    birth = person_input_clean(data)
    unit = actor.unit
    person = Person(unit=unit, unit_path=unit.path, created_by=actor, updated_by=actor)
    _apply(person, data, birth)
    person.save(force_insert=True)
    _replace_children(person, data)
    _record_version(person=person, actor=actor, before=None)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CREATED,
        target=person,
        details={"unit": unit.code, "category": person.category},
    )
    _reindex([person.pk])
    return person


def _check_may_edit(actor, person: Person) -> None:
    from opencen.persons.selectors import person_can

    if not person_can(user=actor, person=person, permission=Permission.PERSON_EDIT):
        raise PermissionDenied(_("You may not change this person."))


@transaction.atomic
def person_update(*, actor, person: Person, data: PersonInput, version: int) -> Person:
    """Save new content over version ``version``.

    Raises :class:`PersonConflict` (with what changed since) when someone saved in between;
    nothing is written then. The version goes up only when something changed."""
    _check_may_edit(actor, person)
    birth = person_input_clean(data)
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != version:
        stored = PersonVersion.objects.filter(person=current, version=version).first()
        changes = snapshot_changes(stored.snapshot, person_snapshot(current)) if stored else {}
        raise PersonConflict(person=current, expected_version=version, changes=changes)
    before = person_snapshot(current)
    _apply(current, data, birth)
    current.updated_by = actor
    current.save()
    _replace_children(current, data)
    getattr(current, "_prefetched_objects_cache", {}).clear()
    after = person_snapshot(current)
    changes = snapshot_changes(before, after)
    if not changes:
        return current
    Person.objects.filter(pk=current.pk).update(version=F("version") + 1)
    current.refresh_from_db(fields=["version", "updated_at"])
    _record_version(person=current, actor=actor, before=before)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=current,
        details={"version": current.version, "changes": changes},
    )
    _reindex([current.pk])
    return current


@transaction.atomic
def person_photo_set(*, actor, person: Person, attachment) -> Person:
    """Make ``attachment`` (one of the person's own) the face photo; None removes it."""
    _check_may_edit(actor, person)
    current = Person.objects.select_for_update().get(pk=person.pk)
    before = person_snapshot(current)
    current.photo = attachment
    current.version = current.version + 1
    current.updated_by = actor
    current.save()
    changes = _record_version(person=current, actor=actor, before=before, comment="face photo")
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=current,
        details={"version": current.version, "changes": changes},
    )
    return current


# --- links ---------------------------------------------------------------------------------


@transaction.atomic
def person_link_add(
    *, actor, person: Person, other: Person, type: str, note: str = ""
) -> PersonLink:
    """Link two persons (family, associate...); the actor must change the first and see the
    second. A link already there is answered as it is."""
    from opencen.persons.selectors import person_can

    _check_may_edit(actor, person)
    if not person_can(user=actor, person=other, permission=Permission.PERSON_VIEW):
        raise PermissionDenied(_("You may not see that person."))
    if person.pk == other.pk:
        raise ValidationError({"other": [_("A person cannot be linked to themselves.")]})
    if type not in PersonLinkType.values:
        raise ValidationError({"type": [_("Choose the kind of link.")]})
    existing = PersonLink.objects.filter(
        person__in=(person, other), other__in=(person, other), type=type
    ).first()
    if existing:
        return existing
    link = PersonLink.objects.create(
        person=person, other=other, type=type, note=note[:300], created_by=actor
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=person,
        details={"link_added": {"other": str(other.pk), "type": type}},
    )
    return link


@transaction.atomic
def person_link_remove(*, actor, link: PersonLink) -> None:
    _check_may_edit(actor, link.person)
    details = {"link_removed": {"other": str(link.other_id), "type": link.type}}
    person = link.person
    link.delete()
    audit_record(
        actor=actor, event_type=AuditEventType.RECORD_CHANGED, target=person, details=details
    )


def _check_seizure_link(actor, seizure, person: Person) -> None:
    from opencen.persons.selectors import person_can
    from opencen.seizures.selectors import seizure_can

    if not seizure_can(user=actor, seizure=seizure, permission=Permission.SEIZURE_EDIT):
        raise PermissionDenied(_("You may not change this seizure."))
    if not person_can(user=actor, person=person, permission=Permission.PERSON_VIEW):
        raise PermissionDenied(_("You may not see this person."))


@transaction.atomic
def seizure_person_add(*, actor, seizure, person: Person, role: str) -> SeizurePerson:
    """Record that ``person`` took part in ``seizure`` with ``role`` (once per role)."""
    _check_seizure_link(actor, seizure, person)
    if role not in InvolvementRole.values:
        raise ValidationError({"role": [_("Choose the person's role in the seizure.")]})
    involvement, created = SeizurePerson.objects.get_or_create(
        seizure=seizure, person=person, role=role, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=seizure,
            details={"person_added": {"person": str(person.pk), "role": role}},
        )
    return involvement


@transaction.atomic
def seizure_person_remove(*, actor, seizure, person: Person, role: str) -> None:
    _check_seizure_link(actor, seizure, person)
    deleted, _rows = SeizurePerson.objects.filter(
        seizure=seizure, person=person, role=role
    ).delete()
    if deleted:
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target=seizure,
            details={"person_removed": {"person": str(person.pk), "role": role}},
        )


# --- merge ---------------------------------------------------------------------------------


def _names_of(person: Person) -> list[str]:
    names = [
        " ".join(p for p in (person.given_names, person.family_name) if p),
        person.name_original,
        person.name_latin,
    ]
    names += [a.name for a in person.aliases.all()]
    return [n for n in names if n]


@transaction.atomic
def person_merge(*, actor, survivor: Person, duplicate: Person) -> Person:
    """Fold ``duplicate`` into ``survivor``: every name of the duplicate becomes an alias
    (spelling variant) of the survivor; documents, addresses, phones, emails, nationalities,
    seizure involvements, person links, company roles and investigations move over (no row
    twice); the duplicate then only points to the survivor. Both get a version; one audit
    event names both."""
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("Choose two different persons."))
    _check_may_edit(actor, survivor)
    _check_may_edit(actor, duplicate)
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    if survivor.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("One of these persons was already merged into another."))
    before_survivor = person_snapshot(survivor)
    before_duplicate = person_snapshot(duplicate)

    known = {n.casefold() for n in _names_of(survivor)}
    new_aliases = []
    for alias in duplicate.aliases.all():
        if alias.name.casefold() not in known:
            new_aliases.append(PersonAlias(person=survivor, name=alias.name, type=alias.type))
            known.add(alias.name.casefold())
    for name in _names_of(duplicate):
        if name.casefold() not in known:
            new_aliases.append(PersonAlias(person=survivor, name=name, type=AliasType.SPELLING))
            known.add(name.casefold())
    PersonAlias.objects.bulk_create(new_aliases)

    documents = {(d.type, d.number_normalised, d.country_id) for d in survivor.documents.all()}
    for document in duplicate.documents.all():
        key = (document.type, document.number_normalised, document.country_id)
        if key in documents:
            document.delete()
        else:
            documents.add(key)
            IdentityDocument.objects.filter(pk=document.pk).update(person=survivor)
    addresses = {(a.address.casefold(), a.city.casefold()) for a in survivor.addresses.all()}
    for address in duplicate.addresses.all():
        key = (address.address.casefold(), address.city.casefold())
        if key not in addresses:
            addresses.add(key)
            PersonAddress.objects.filter(pk=address.pk).update(person=survivor)
    phones = {p.e164 for p in survivor.phones.all()}
    for phone in duplicate.phones.all():
        if phone.e164 not in phones:
            phones.add(phone.e164)
            PersonPhone.objects.filter(pk=phone.pk).update(person=survivor)
    emails = {e.email.casefold() for e in survivor.emails.all()}
    for email in duplicate.emails.all():
        if email.email.casefold() not in emails:
            emails.add(email.email.casefold())
            PersonEmail.objects.filter(pk=email.pk).update(person=survivor)
    survivor.nationalities.add(*duplicate.nationalities.all())
    if not survivor.birth_year and duplicate.birth_year:
        survivor.birth_year = duplicate.birth_year
        survivor.birth_month = duplicate.birth_month
        survivor.birth_day = duplicate.birth_day
    for name in ("birth_place", "occupation", "description"):
        if not getattr(survivor, name) and getattr(duplicate, name):
            setattr(survivor, name, getattr(duplicate, name))
    if survivor.birth_country_id is None:
        survivor.birth_country_id = duplicate.birth_country_id
    if survivor.photo_id is None and duplicate.photo_id:
        survivor.photo_id = duplicate.photo_id

    involvements = set(
        SeizurePerson.objects.filter(person=survivor).values_list("seizure_id", "role")
    )
    for involvement in SeizurePerson.objects.filter(person=duplicate):
        if (involvement.seizure_id, involvement.role) in involvements:
            involvement.delete()
        else:
            involvements.add((involvement.seizure_id, involvement.role))
            SeizurePerson.objects.filter(pk=involvement.pk).update(person=survivor)

    pairs = {
        (frozenset((link.person_id, link.other_id)), link.type)
        for link in PersonLink.objects.filter(person=survivor)
        | PersonLink.objects.filter(other=survivor)
    }
    for link in PersonLink.objects.filter(person=duplicate) | PersonLink.objects.filter(
        other=duplicate
    ):
        ends = [survivor.pk if pk == duplicate.pk else pk for pk in (link.person_id, link.other_id)]
        key = (frozenset(ends), link.type)
        if ends[0] == ends[1] or key in pairs:
            link.delete()
            continue
        pairs.add(key)
        PersonLink.objects.filter(pk=link.pk).update(person_id=ends[0], other_id=ends[1])

    from opencen.companies.models import CompanyPerson

    roles = set(CompanyPerson.objects.filter(person=survivor).values_list("company_id", "role"))
    for role in CompanyPerson.objects.filter(person=duplicate):
        if (role.company_id, role.role) in roles:
            role.delete()
        else:
            roles.add((role.company_id, role.role))
            CompanyPerson.objects.filter(pk=role.pk).update(person=survivor)
    for investigation in duplicate.investigations.all():
        investigation.persons.add(survivor)
        investigation.persons.remove(duplicate)

    survivor.version += 1
    survivor.updated_by = actor
    survivor.save()
    duplicate.merged_into = survivor
    duplicate.version += 1
    duplicate.updated_by = actor
    duplicate.save()
    comment_survivor = f"merged with {duplicate.display_name} ({duplicate.pk})"
    comment_duplicate = f"merged into {survivor.display_name} ({survivor.pk})"
    _record_version(person=survivor, actor=actor, before=before_survivor, comment=comment_survivor)
    _record_version(
        person=duplicate, actor=actor, before=before_duplicate, comment=comment_duplicate
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORDS_MERGED,
        target=survivor,
        details={
            "survivor": str(survivor.pk),
            "duplicate": str(duplicate.pk),
            "duplicate_name": duplicate.display_name,
            "aliases_added": [a.name for a in new_aliases],
        },
    )
    _reindex([survivor.pk, duplicate.pk])
    return survivor
