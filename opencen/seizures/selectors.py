"""Reads of seizures, always scoped by the user's role, unit and each seizure's handling code.

Scope (docs/permissions.md): a role with scope "all" reads every seizure marked H0 or H1, and
a seizure marked H2 or H3 only when the user's unit is the recording unit or above it. A role
with scope "unit and below" reads the seizures recorded by the user's unit and the units below
it, whatever their handling code.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet, Sum

from opencen.accounts.permissions import Permission, Scope, permission_scope
from opencen.core.querysets import path_prefix_q
from opencen.reference.choices import HandlingCode
from opencen.seizures.models import GoodsItem, RouteLeg, Seizure, SeizureTally

#: Handling codes that keep a seizure inside its unit's line of command.
RESTRICTED_HANDLING = (HandlingCode.H2, HandlingCode.H3)


def seizure_scope_q(
    *, user, permission: Permission = Permission.SEIZURE_VIEW, newest_first_scan: bool = False
) -> Q | None:
    """The filter of what ``user`` may reach with ``permission``; None means nothing.

    ``newest_first_scan`` words the unit test so that SQLite reads the time index rather
    than the unit-path index: faster for a page of the newest among many seizures, slower
    among few (the list page chooses by the count)."""
    scope = permission_scope(user, permission)
    unit_path = user.unit.path if getattr(user, "unit_id", None) else None
    if scope is Scope.NONE:
        return None
    if scope is Scope.ALL:
        visible = ~Q(handling_code__in=RESTRICTED_HANDLING)
        if unit_path:
            # Restricted seizures of this unit and below, and this unit is above the recorder.
            visible |= path_prefix_q("unit_path", unit_path)
        return visible
    if not unit_path:
        return None
    if scope is Scope.OWN_UNIT:
        return Q(unit_path=unit_path)
    return path_prefix_q("unit_path", unit_path, use_index=not newest_first_scan)


#: Above this many matching seizures, a newest-first page is read through the time index.
NEWEST_FIRST_SCAN_FROM = 2000


def seizure_list(
    *,
    user,
    permission: Permission = Permission.SEIZURE_VIEW,
    newest_first_scan: bool = False,
) -> QuerySet[Seizure]:
    """Seizures the user may read (or act on, with another permission), unordered filters
    to be applied by the caller's filterset."""
    scope = seizure_scope_q(user=user, permission=permission, newest_first_scan=newest_first_scan)
    if scope is None:
        return Seizure.objects.none()
    return Seizure.objects.filter(scope)


def seizure_count(*, user, permission: Permission = Permission.SEIZURE_VIEW) -> int:
    """How many seizures the user may read (unfiltered), exact, from the tally of seizures
    per unit path and handling code (a few rows) rather than counting the seizures."""
    scope = seizure_scope_q(user=user, permission=permission)
    if scope is None:
        return 0
    total = SeizureTally.objects.filter(scope).aggregate(total=Sum("seizures"))["total"]
    return total or 0


def seizure_get(*, user, pk, permission: Permission = Permission.SEIZURE_VIEW) -> Seizure:
    """One seizure with everything it holds; raises Seizure.DoesNotExist when out of scope."""
    return (
        seizure_list(user=user, permission=permission)
        .select_related(
            "unit", "place", "place__country", "validated_by", "created_by", "updated_by"
        )
        .prefetch_related(
            "offence_types",
            "detection_methods",
            "goods__commodity_section",
            "goods__commodity_type",
            "goods__unit",
            "goods__hs_code",
            "goods__currency",
            "concealments__method",
            "conveyances__type",
            "conveyances__vehicle_country",
            "route__country",
            "route__place",
            "related",
        )
        .get(pk=pk)
    )


def seizure_can(*, user, seizure: Seizure, permission: Permission) -> bool:
    """True when ``permission`` reaches this seizure for this user."""
    scope = seizure_scope_q(user=user, permission=permission)
    if scope is None:
        return False
    return Seizure.objects.filter(scope, pk=seizure.pk).exists()


def seizure_page_contents(ids: list) -> tuple[dict, dict]:
    """The goods and route of a page of seizures (already read through a scoped selector),
    as plain values in their order, one query each: ``goods[id]`` is a list of
    (commodity code, quantity, unit code), ``route[id]`` a list of country codes. No model
    instances: nothing points back at its seizure for Python's cycle collector to walk."""
    goods: dict = {pk: [] for pk in ids}
    route: dict = {pk: [] for pk in ids}
    if not ids:
        return goods, route
    for seizure_id, commodity, quantity, unit in (
        GoodsItem.objects.filter(seizure_id__in=ids)
        .order_by("seizure_id", "position", "id")
        .values_list("seizure_id", "commodity_type_id", "quantity", "unit_id")
    ):
        goods[seizure_id].append((commodity, quantity, unit))
    for seizure_id, country in (
        RouteLeg.objects.filter(seizure_id__in=ids)
        .order_by("seizure_id", "position", "id")
        .values_list("seizure_id", "country_id")
    ):
        route[seizure_id].append(country)
    return goods, route
