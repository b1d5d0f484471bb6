"""Reads of users and units, scoped by what the reading user may manage."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from opencen.accounts.models import Unit, User
from opencen.accounts.permissions import Permission, Scope, permission_scope


def _managed_unit_filter(*, user: User, prefix: str) -> Q | None:
    """A filter limiting rows to the units ``user`` manages, or None when they manage all.

    Raises nothing: a user without the permission gets a filter that matches no row.
    """
    scope = permission_scope(user, Permission.USER_MANAGE)
    if scope is Scope.ALL:
        return None
    if scope is Scope.NONE or user.unit_id is None:
        return Q(pk__in=[])
    if scope is Scope.UNIT_TREE:
        return Q(**{f"{prefix}path__startswith": user.unit.path})
    return Q(**{f"{prefix}pk": user.unit_id})


def user_list(*, user: User, filters: dict | None = None) -> QuerySet[User]:
    """Users the given user may manage, with unit and roles loaded in a fixed number of queries.

    ``filters`` (all optional): ``q`` (words matched against username, names and email),
    ``unit`` (a Unit: that unit and the units below it), ``role`` (a role code), ``active``
    (True or False).
    """
    filters = filters or {}
    queryset = User.objects.select_related("unit").prefetch_related("role_assignments")
    scope_filter = _managed_unit_filter(user=user, prefix="unit__")
    if scope_filter is not None:
        queryset = queryset.filter(scope_filter)
    for word in (filters.get("q") or "").split():
        queryset = queryset.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    unit = filters.get("unit")
    if unit is not None:
        queryset = queryset.filter(unit__path__startswith=unit.path)
    role = filters.get("role")
    if role:
        queryset = queryset.filter(role_assignments__role=role)
    active = filters.get("active")
    if active is not None:
        queryset = queryset.filter(is_active=active)
    return queryset.order_by("last_name", "first_name", "username")


def unit_list(*, user: User) -> QuerySet[Unit]:
    """Units the given user may manage, in tree order, with their count of active users."""
    queryset = Unit.objects.select_related("parent").annotate(
        active_user_count=Count("users", filter=Q(users__is_active=True))
    )
    scope_filter = _managed_unit_filter(user=user, prefix="")
    if scope_filter is not None:
        queryset = queryset.filter(scope_filter)
    return queryset.order_by("path")


def unit_choices(*, include: Unit | None = None) -> QuerySet[Unit]:
    """Units offered in a form's unit or parent list: active ones, in tree order.

    ``include`` keeps an inactive unit in the list when a record already uses it.
    """
    condition = Q(is_active=True)
    if include is not None:
        condition |= Q(pk=include.pk)
    return Unit.objects.filter(condition).order_by("path")


def unit_tree(*, user: User) -> list[Unit]:
    """:func:`unit_list` as a list, each unit also given ``subtree_user_count``.

    That is the number of active users in the unit and every unit below it, summed here from
    the per-unit counts (one query whatever the size of the tree).
    """
    units = list(unit_list(user=user))
    by_path = {unit.path: unit for unit in units}
    for unit in units:
        unit.subtree_user_count = 0
    for unit in units:
        # Each ancestor path is a prefix of ours ending at a slash: HQ/, HQ/NORTH/, ...
        parts = unit.path.rstrip("/").split("/")
        for end in range(1, len(parts) + 1):
            ancestor = by_path.get("/".join(parts[:end]) + "/")
            if ancestor is not None:
                ancestor.subtree_user_count += unit.active_user_count
    return units


def username_taken(*, username: str, exclude: User | None = None) -> bool:
    """Whether another user has this username, whatever its case (``JSmith`` = ``jsmith``)."""
    taken = User.objects.filter(username__iexact=username.strip())
    if exclude is not None and exclude.pk is not None:
        taken = taken.exclude(pk=exclude.pk)
    return taken.exists()
