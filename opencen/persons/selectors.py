"""Reads of persons, always scoped by the user's role, unit and each person's handling code.

The same rule as for seizures (docs/permissions.md): a role with scope "all" reads every
person marked H0 or H1, and one marked H2 or H3 only from the recording unit or above it; a
role with scope "unit and below" reads the persons recorded by the user's unit and the units
below it. Persons merged into another are not listed: they only point to the survivor.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencen.accounts.permissions import Permission, Scope, permission_scope
from opencen.core.querysets import path_prefix_q
from opencen.persons.models import Person
from opencen.reference.choices import HandlingCode

RESTRICTED_HANDLING = (HandlingCode.H2, HandlingCode.H3)


def record_scope_q(*, user, permission: Permission) -> Q | None:
    """The filter of the unit-owned records (``unit_path``, ``handling_code``) that ``user``
    reaches with ``permission``; None means nothing. Shared by persons and companies."""
    scope = permission_scope(user, permission)
    unit_path = user.unit.path if getattr(user, "unit_id", None) else None
    if scope is Scope.NONE:
        return None
    if scope is Scope.ALL:
        visible = ~Q(handling_code__in=RESTRICTED_HANDLING)
        if unit_path:
            visible |= path_prefix_q("unit_path", unit_path)
        return visible
    if not unit_path:
        return None
    if scope is Scope.OWN_UNIT:
        return Q(unit_path=unit_path)
    return path_prefix_q("unit_path", unit_path)


def person_list(*, user, permission: Permission = Permission.PERSON_VIEW) -> QuerySet[Person]:
    """Persons the user may read (or act on, with another permission), neither merged away
    nor erased (an erased person is a tombstone kept for statistics only)."""
    scope = record_scope_q(user=user, permission=permission)
    if scope is None:
        return Person.objects.none()
    return Person.objects.filter(scope, merged_into__isnull=True, erased_at__isnull=True)


def person_can(*, user, person: Person, permission: Permission) -> bool:
    """True when ``permission`` reaches this person for this user."""
    return person_list(user=user, permission=permission).filter(pk=person.pk).exists()


def person_get(*, user, pk, permission: Permission = Permission.PERSON_VIEW) -> Person:
    """One person with everything the detail page shows; raises Person.DoesNotExist when out
    of scope (or merged away)."""
    return (
        person_list(user=user, permission=permission)
        .select_related("unit", "birth_country", "photo", "created_by", "updated_by")
        .prefetch_related(
            "nationalities",
            "aliases",
            "documents__country",
            "addresses__country",
            "phones",
            "emails",
        )
        .get(pk=pk)
    )


def person_merged_target(*, user, pk) -> Person | None:
    """The survivor a merged-away person now points to, when the user may see it."""
    merged = Person.objects.filter(pk=pk, merged_into__isnull=False).only("merged_into").first()
    if merged is None:
        return None
    return person_list(user=user).filter(pk=merged.merged_into_id).first()
