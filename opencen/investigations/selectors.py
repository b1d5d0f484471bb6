"""Reads of alerts and investigations, always scoped by the user's role, unit and handling code.

Who reads an investigation (docs/permissions.md):

- its team: the supervisor named on it and the officers assigned to it, wherever they sit;
- managers: users holding ``investigation.manage`` (supervisors) for the owning unit and the
  units below it, whatever the handling code;
- other readers with ``investigation.view``: investigations marked H0 or H1 within their scope
  (the unit tree for officers and supervisors, every unit for analysts). H2 and H3 ones (H2 is
  the default) stay with the team and the managers.

Who acts on it: managers and the named supervisor change, assign and move its status; the
team and managers add journal entries and link records.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from opencen.accounts.permissions import Permission, Scope, permission_scope
from opencen.core.querysets import path_prefix_q
from opencen.investigations.choices import CaseStatus
from opencen.investigations.models import Investigation
from opencen.reference.choices import HandlingCode

RESTRICTED_HANDLING = (HandlingCode.H2, HandlingCode.H3)
OPEN_STATUSES = (CaseStatus.OPEN, CaseStatus.ACTIVE, CaseStatus.SUSPENDED)


def _unit_path(user) -> str | None:
    return user.unit.path if getattr(user, "unit_id", None) else None


def team_q(user) -> Q:
    """Investigations where ``user`` is the named supervisor or an assigned officer."""
    assigned = Investigation.officers.through.objects.filter(
        investigation_id=OuterRef("pk"), user_id=user.pk
    )
    return Q(supervisor_id=user.pk) | Q(Exists(assigned))


def manage_q(user) -> Q | None:
    """Investigations ``user`` manages as a supervisor of the owning unit (or above)."""
    scope = permission_scope(user, Permission.INVESTIGATION_MANAGE)
    unit_path = _unit_path(user)
    if scope is Scope.NONE:
        return None
    if scope is Scope.ALL:
        return Q()
    if not unit_path:
        return None
    if scope is Scope.OWN_UNIT:
        return Q(unit_path=unit_path)
    return path_prefix_q("unit_path", unit_path)


def investigation_scope_q(*, user) -> Q | None:
    """The filter of what ``user`` may read; None means nothing."""
    scope = permission_scope(user, Permission.INVESTIGATION_VIEW)
    if scope is Scope.NONE:
        return None
    visible = team_q(user)
    managed = manage_q(user)
    if managed is not None:
        visible |= managed
    unrestricted = ~Q(handling_code__in=RESTRICTED_HANDLING)
    unit_path = _unit_path(user)
    if scope is Scope.ALL:
        visible |= unrestricted
    elif unit_path and scope is Scope.OWN_UNIT:
        visible |= unrestricted & Q(unit_path=unit_path)
    elif unit_path:
        visible |= unrestricted & path_prefix_q("unit_path", unit_path)
    return visible


def investigation_list(*, user) -> QuerySet[Investigation]:
    """Investigations the user may read, unordered (the caller's filterset orders them)."""
    scope = investigation_scope_q(user=user)
    if scope is None:
        return Investigation.objects.none()
    return Investigation.objects.filter(scope)


def investigation_get(*, user, pk) -> Investigation:
    """One investigation with its people; raises Investigation.DoesNotExist out of scope."""
    return (
        investigation_list(user=user)
        .select_related("unit", "supervisor", "created_by", "updated_by")
        .prefetch_related("officers")
        .get(pk=pk)
    )


def investigation_mine(*, user) -> QuerySet[Investigation]:
    """Open investigations assigned to ``user`` or supervised by them: overdue first, then by
    due date (none last), then newest."""
    if permission_scope(user, Permission.INVESTIGATION_VIEW) is Scope.NONE:
        return Investigation.objects.none()
    today = timezone.localdate()
    return (
        Investigation.objects.filter(team_q(user), status__in=OPEN_STATUSES)
        .select_related("unit", "supervisor")
        .prefetch_related("officers")
        .annotate(
            overdue=Case(
                When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            no_due=Case(
                When(due_on__isnull=True, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("overdue", "no_due", "due_on", "-created_at")
    )


def investigation_can_manage(*, user, investigation: Investigation) -> bool:
    """May ``user`` change, assign and move the status of ``investigation``?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if permission_scope(user, Permission.INVESTIGATION_VIEW) is Scope.NONE:
        return False
    if investigation.supervisor_id == user.pk:
        return True
    managed = manage_q(user)
    return (
        managed is not None and Investigation.objects.filter(managed, pk=investigation.pk).exists()
    )


def investigation_can_work(*, user, investigation: Investigation) -> bool:
    """May ``user`` add journal entries and link records (the team and the managers)?"""
    if investigation_can_manage(user=user, investigation=investigation):
        return True
    if permission_scope(user, Permission.INVESTIGATION_VIEW) is Scope.NONE:
        return False
    return investigation.officers.filter(pk=user.pk).exists()


def investigation_is_overdue(investigation: Investigation, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return bool(
        investigation.due_on
        and investigation.due_on < today
        and investigation.status in OPEN_STATUSES
    )
