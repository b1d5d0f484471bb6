"""The permission matrix: which role may do what, and over which scope.

This module is the single source of truth; ``docs/permissions.md`` shows the same table and a
test keeps the two in step. Views, API permissions and services ask :func:`has_permission`.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from opencen.accounts.choices import Role


class Permission(StrEnum):
    """Something a user may do. Values are stable: they appear in docs and API errors."""

    HOME_VIEW = "home.view"
    REFERENCE_VIEW = "reference.view"
    REFERENCE_MANAGE = "reference.manage"
    USER_MANAGE = "accounts.manage"
    AUDIT_VIEW = "audit.view"
    SEIZURE_VIEW = "seizure.view"
    SEIZURE_EDIT = "seizure.edit"
    SEIZURE_VALIDATE = "seizure.validate"
    PERSON_VIEW = "person.view"
    PERSON_EDIT = "person.edit"
    PERSON_REVIEW = "person.review"
    COMPANY_VIEW = "company.view"
    COMPANY_EDIT = "company.edit"
    INVESTIGATION_VIEW = "investigation.view"
    INVESTIGATION_MANAGE = "investigation.manage"
    ANALYSIS_RUN = "analysis.run"
    EXPORT = "data.export"
    EXCHANGE_MANAGE = "exchange.manage"


class Scope(StrEnum):
    """Which records a permission reaches."""

    ALL = "all"  # every record of the installation (still limited by handling code)
    UNIT_TREE = "unit_tree"  # records of the user's unit and the units below it
    OWN_UNIT = "own_unit"  # records of the user's own unit only
    NONE = "none"


DESCRIPTIONS: dict[Permission, str] = {
    Permission.HOME_VIEW: _("See the home page and the counts of what exists"),
    Permission.REFERENCE_VIEW: _("Read the code lists (countries, units, places...)"),
    Permission.REFERENCE_MANAGE: _("Add, change and deactivate code-list entries"),
    Permission.USER_MANAGE: _("Manage users, their roles and the organisational units"),
    Permission.AUDIT_VIEW: _("Browse the audit log"),
    Permission.SEIZURE_VIEW: _("Read seizures"),
    Permission.SEIZURE_EDIT: _("Record and change seizures"),
    Permission.SEIZURE_VALIDATE: _("Validate or return submitted seizures"),
    Permission.PERSON_VIEW: _("Read suspects (each view is audited)"),
    Permission.PERSON_EDIT: _("Record and change suspects"),
    Permission.PERSON_REVIEW: _(
        "Review persons due for review: keep them (with a justification) or erase them"
    ),
    Permission.COMPANY_VIEW: _("Read companies (each view is audited)"),
    Permission.COMPANY_EDIT: _("Record and change companies"),
    Permission.INVESTIGATION_VIEW: _(
        "Read alerts and investigations (H2 and H3 ones only when assigned or managing)"
    ),
    Permission.INVESTIGATION_MANAGE: _("Open investigations and assign officers"),
    Permission.ANALYSIS_RUN: _("Run analysis, link charts, watch rules and screening"),
    Permission.EXPORT: _("Export lists to CSV and Excel"),
    Permission.EXCHANGE_MANAGE: _("Run exchange with partner installations"),
}

_ALL_ROLES = {r: Scope.ALL for r in Role}

#: permission -> {role: scope}. A role absent from a row does not have that permission.
MATRIX: dict[Permission, dict[Role, Scope]] = {
    Permission.HOME_VIEW: _ALL_ROLES,
    Permission.REFERENCE_VIEW: _ALL_ROLES,
    Permission.REFERENCE_MANAGE: {Role.ADMINISTRATOR: Scope.ALL},
    Permission.USER_MANAGE: {Role.ADMINISTRATOR: Scope.ALL},
    Permission.AUDIT_VIEW: {Role.ADMINISTRATOR: Scope.ALL},
    Permission.SEIZURE_VIEW: {
        Role.OFFICER: Scope.UNIT_TREE,
        Role.SUPERVISOR: Scope.UNIT_TREE,
        Role.ANALYST: Scope.ALL,
        Role.LIAISON: Scope.ALL,
    },
    Permission.SEIZURE_EDIT: {Role.OFFICER: Scope.UNIT_TREE, Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.SEIZURE_VALIDATE: {Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.PERSON_VIEW: {
        Role.OFFICER: Scope.UNIT_TREE,
        Role.SUPERVISOR: Scope.UNIT_TREE,
        Role.ANALYST: Scope.ALL,
    },
    Permission.PERSON_EDIT: {Role.OFFICER: Scope.UNIT_TREE, Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.PERSON_REVIEW: {Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.COMPANY_VIEW: {
        Role.OFFICER: Scope.UNIT_TREE,
        Role.SUPERVISOR: Scope.UNIT_TREE,
        Role.ANALYST: Scope.ALL,
    },
    Permission.COMPANY_EDIT: {Role.OFFICER: Scope.UNIT_TREE, Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.INVESTIGATION_VIEW: {
        Role.OFFICER: Scope.UNIT_TREE,
        Role.SUPERVISOR: Scope.UNIT_TREE,
        Role.ANALYST: Scope.ALL,
    },
    Permission.INVESTIGATION_MANAGE: {Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.ANALYSIS_RUN: {Role.ANALYST: Scope.ALL, Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.EXPORT: {Role.ANALYST: Scope.ALL, Role.SUPERVISOR: Scope.UNIT_TREE},
    Permission.EXCHANGE_MANAGE: {Role.LIAISON: Scope.ALL},
}

_SCOPE_ORDER = [Scope.NONE, Scope.OWN_UNIT, Scope.UNIT_TREE, Scope.ALL]


def permission_scope(user, permission: Permission) -> Scope:
    """The widest scope any of the user's roles gives for ``permission``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope.NONE
    granted = MATRIX[permission]
    best = Scope.NONE
    for role in user.roles:
        scope = granted.get(Role(role), Scope.NONE) if role in Role.values else Scope.NONE
        if _SCOPE_ORDER.index(scope) > _SCOPE_ORDER.index(best):
            best = scope
    return best


def has_permission(user, permission: Permission) -> bool:
    """True when at least one of the user's roles grants ``permission``."""
    return permission_scope(user, permission) is not Scope.NONE


def user_permissions(user) -> set[Permission]:
    return {p for p in Permission if has_permission(user, p)}
