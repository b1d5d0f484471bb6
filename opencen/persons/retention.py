"""Data protection: the review of persons on file, retention with a justification, erasure.

Every person has a data-subject category and a review date (``review_due``), set from the
category's review period (``settings.REVIEW_MONTHS``) when recorded or re-categorised. When the
date comes, a supervisor of the unit (or above) decides:

- **retain**: the record stays, with a written justification; the review date moves on by the
  category's period from today. Audited with the justification.
- **erase**: the person's personal data is removed for good (see :func:`person_erase`).

``opencen retention apply`` erases the persons whose review date passed more than
``RETENTION_GRACE_DAYS`` ago (default 0) and whom nobody retained.

What erasure keeps — a *tombstone*: the person row with its id, unit, category and handling
code, and its involvements in seizures with their roles. So a seizure keeps "one courier, one
organiser" and the statistics by role, category and unit stay true, while nothing on the row
or around it names or describes the person. Everything else goes: names, sex, birth date and
place, nationalities, occupation, description, notes, aliases, identity documents, addresses,
phones, emails, the face photo and any other attachment of the person (files included), links
to other persons, roles in companies, links to investigations, the saved versions (history),
the matching keys and possible-duplicate pairs. Records merged into the person are erased
with it. Audit events of the erasure hold metadata only: person id, category, unit, who and
why — never a name.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.persons.choices import Sex
from opencen.persons.models import Person
from opencen.persons.selectors import person_list
from opencen.persons.services import review_due_for

#: The review queue shows persons due within this many days (and every one overdue).
QUEUE_HORIZON_DAYS = 30
#: Shortest justification accepted for keeping a person past review.
MIN_JUSTIFICATION = 10
MAX_JUSTIFICATION = 2000
#: Purpose stored on the audit events of the review.
REVIEW_PURPOSE = "Data-protection review"

#: A tombstone: the personal data was erased.
ERASED_Q = Q(erased_at__isnull=False)


def is_erased(person: Person) -> bool:
    return person.erased_at is not None


def grace_days() -> int:
    return int(getattr(settings, "RETENTION_GRACE_DAYS", 0))


# --- reads ------------------------------------------------------------------------------------


def review_queue(*, user, today: datetime.date | None = None) -> QuerySet[Person]:
    """Persons the user reviews (``person.review``: supervisors, unit and below) whose review is
    past or due within QUEUE_HORIZON_DAYS, oldest review date first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=QUEUE_HORIZON_DAYS)
    return (
        person_list(user=user, permission=Permission.PERSON_REVIEW)
        .filter(review_due__isnull=False, review_due__lte=horizon)
        .select_related("unit")
        .order_by("review_due", "family_name", "id")
    )


def review_get(*, user, pk) -> Person:
    """One person the user may review; raises Person.DoesNotExist otherwise."""
    return (
        person_list(user=user, permission=Permission.PERSON_REVIEW)
        .filter(review_due__isnull=False)
        .select_related("unit")
        .get(pk=pk)
    )


def persons_past_retention(*, today: datetime.date | None = None) -> QuerySet[Person]:
    """Persons whose review date passed more than the grace period ago (nobody retained them:
    retaining moves the date on), survivors only (merged records go with their survivor)."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=grace_days())
    return Person.objects.filter(
        merged_into__isnull=True, review_due__isnull=False, review_due__lt=limit
    ).order_by("review_due", "id")


# --- retain -----------------------------------------------------------------------------------


def _check_reviewer(actor, person: Person) -> None:
    if (
        not person_list(user=actor, permission=Permission.PERSON_REVIEW)
        .filter(pk=person.pk)
        .exists()
    ):
        raise PermissionDenied(_("You may not review this person."))


@transaction.atomic
def person_retain(*, actor, person: Person, justification: str) -> Person:
    """Keep a person past review: the review date moves on by the category's period from today;
    audited with the justification (no name in the event)."""
    _check_reviewer(actor, person)
    justification = (justification or "").strip()
    if len(justification) < MIN_JUSTIFICATION:
        raise ValidationError(
            {"justification": [_("Say why the record is still needed (a case, a court order...).")]}
        )
    if len(justification) > MAX_JUSTIFICATION:
        raise ValidationError(
            {"justification": [_("Keep the justification under 2,000 characters.")]}
        )
    person = Person.objects.select_for_update().get(pk=person.pk)
    previous = person.review_due
    person.review_due = review_due_for(person.category, start=timezone.localdate())
    Person.objects.filter(pk=person.pk).update(
        review_due=person.review_due, updated_by=actor, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target_type="persons.person",
        target_id=str(person.pk),
        target_label=_metadata_label(person),
        purpose=REVIEW_PURPOSE,
        details={
            "retention": "retained",
            "justification": justification,
            "category": person.category,
            "unit": person.unit.code,
            "review_due": [
                previous.isoformat() if previous else None,
                person.review_due.isoformat(),
            ],
        },
    )
    return person


# --- erase ------------------------------------------------------------------------------------


@dataclass
class ErasureResult:
    person_id: str
    category: str
    unit: str
    merged_records: int
    removed: dict[str, int]


def _metadata_label(person: Person) -> str:
    """How audit events name a person under review: id and category, never the name."""
    return f"person {person.pk} ({person.category})"


def _erase_one(person: Person, *, actor, files: list) -> dict[str, int]:
    """Remove everything personal around one person row; answers the counts removed."""
    from opencen.attachments.models import Attachment
    from opencen.companies.models import CompanyPerson
    from opencen.matching.models import PersonKey, PersonProfile
    from opencen.matching.models_screening import PersonDuplicate
    from opencen.persons.models import (
        IdentityDocument,
        PersonAddress,
        PersonAlias,
        PersonEmail,
        PersonLink,
        PersonPhone,
        PersonVersion,
    )

    removed: dict[str, int] = {}

    def count(name: str, deleted: tuple[int, dict]) -> None:
        removed[name] = removed.get(name, 0) + deleted[0]

    count("aliases", PersonAlias.objects.filter(person=person).delete())
    count("documents", IdentityDocument.objects.filter(person=person).delete())
    count("addresses", PersonAddress.objects.filter(person=person).delete())
    count("phones", PersonPhone.objects.filter(person=person).delete())
    count("emails", PersonEmail.objects.filter(person=person).delete())
    count(
        "person_links",
        PersonLink.objects.filter(Q(person=person) | Q(other=person)).delete(),
    )
    count("company_roles", CompanyPerson.objects.filter(person=person).delete())
    through = Person.investigations.through
    count("investigation_links", through.objects.filter(person_id=person.pk).delete())
    count("versions", PersonVersion.objects.filter(person=person).delete())
    PersonKey.objects.filter(person_id=person.pk).delete()
    PersonProfile.objects.filter(person_id=person.pk).delete()
    PersonDuplicate.objects.filter(Q(first=person) | Q(second=person)).delete()
    person.nationalities.clear()
    # The face photo and any file of the person: rows now, files once the erasure is committed.
    attachments = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    )
    # A photo held by another record (a seizure's picture) is only unset, never deleted.
    for attachment in attachments:
        files.extend(
            field
            for field in (attachment.original, attachment.thumbnail, attachment.display)
            if field
        )
    Person.objects.filter(pk=person.pk).update(photo=None)
    ids = [attachment.pk for attachment in attachments]
    removed["attachments"] = len(ids)
    Attachment.objects.filter(pk__in=ids).delete()
    Person.objects.filter(pk=person.pk).update(
        given_names="",
        family_name="",
        name_original="",
        name_latin="",
        sex=Sex.UNKNOWN,
        birth_year=None,
        birth_month=None,
        birth_day=None,
        birth_place="",
        birth_country=None,
        occupation="",
        description="",
        notes="",
        review_due=None,
        erased_at=timezone.now(),
        version=F("version") + 1,
        updated_by=actor if getattr(actor, "is_authenticated", False) else None,
        updated_at=timezone.now(),
    )
    return {name: value for name, value in removed.items() if value}


def _merged_chain(person: Person) -> list[Person]:
    """Every record merged into ``person``, directly or through another merged record."""
    found: list[Person] = []
    frontier = [person.pk]
    while frontier:
        batch = list(Person.objects.filter(merged_into_id__in=frontier))
        found.extend(batch)
        frontier = [p.pk for p in batch]
    return found


@transaction.atomic
def person_erase(
    *, actor, person: Person, reason: str, source: str = "review", check: bool = True
) -> ErasureResult:
    """Erase a person's personal data, keeping a tombstone (see the module docstring).

    ``actor`` is the supervisor (``check`` their right to review the person) or None for the
    retention command. One audit event, metadata only."""
    if check:
        _check_reviewer(actor, person)
    reason = (reason or "").strip()[:MAX_JUSTIFICATION]
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    if is_erased(person):
        return ErasureResult(str(person.pk), person.category, person.unit.code, 0, {})
    files: list = []
    merged = _merged_chain(person)
    removed: dict[str, int] = {}
    for record in [person, *merged]:
        for name, value in _erase_one(record, actor=actor, files=files).items():
            removed[name] = removed.get(name, 0) + value
    result = ErasureResult(
        person_id=str(person.pk),
        category=person.category,
        unit=person.unit.code,
        merged_records=len(merged),
        removed=removed,
    )
    audit_record(
        actor=actor,
        actor_username="" if actor is not None else "retention",
        event_type=AuditEventType.RECORD_ERASED,
        target_type="persons.person",
        target_id=result.person_id,
        target_label=f"person {result.person_id} (erased)",
        purpose=REVIEW_PURPOSE,
        details={
            "source": source,
            "reason": reason,
            "category": result.category,
            "unit": result.unit,
            "merged_records": [str(p.pk) for p in merged],
            "removed": removed,
        },
    )
    transaction.on_commit(lambda: _delete_files(files))
    return result


def _delete_files(files) -> None:
    for field in files:
        with contextlib.suppress(OSError):  # a missing file is already gone
            field.storage.delete(field.name)


# --- the retention run ---------------------------------------------------------------------------


@dataclass
class RetentionSummary:
    due: int
    erased: int
    by_category: dict[str, int]


def retention_apply(
    *, dry_run: bool = False, batch_size: int = 200, today: datetime.date | None = None
) -> RetentionSummary:
    """Erase every person past retention, one transaction per person, in batches; idempotent
    (an erased person has no review date, so a second run finds nothing)."""
    candidates = persons_past_retention(today=today)
    due = candidates.count()
    by_category: dict[str, int] = {}
    if dry_run:
        for category in candidates.values_list("category", flat=True):
            by_category[category] = by_category.get(category, 0) + 1
        return RetentionSummary(due=due, erased=0, by_category=by_category)
    erased = 0
    while True:
        # Erased persons lose their review date, so each batch is the next one.
        ids = list(persons_past_retention(today=today).values_list("pk", flat=True)[:batch_size])
        if not ids:
            break
        for person in Person.objects.filter(pk__in=ids).select_related("unit"):
            result = person_erase(
                actor=None,
                person=person,
                reason=_("Review date passed without a decision to retain."),
                source="retention",
                check=False,
            )
            by_category[result.category] = by_category.get(result.category, 0) + 1
            erased += 1
    return RetentionSummary(due=due, erased=erased, by_category=by_category)
