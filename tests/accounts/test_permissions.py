"""has_permission and permission_scope for each role, several roles, and edge cases."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from opencen.accounts.choices import Role
from opencen.accounts.models import User
from opencen.accounts.permissions import (
    MATRIX,
    Permission,
    Scope,
    has_permission,
    permission_scope,
    user_permissions,
)

P = Permission
#: Independent statement of what each role may do (not derived from MATRIX), so a careless
#: edit of the matrix shows up here and in docs/permissions.md.
EXPECTED: dict[Role, dict[Permission, Scope]] = {
    Role.OFFICER: {
        P.HOME_VIEW: Scope.ALL,
        P.REFERENCE_VIEW: Scope.ALL,
        P.SEIZURE_VIEW: Scope.UNIT_TREE,
        P.SEIZURE_EDIT: Scope.UNIT_TREE,
        P.PERSON_VIEW: Scope.UNIT_TREE,
        P.PERSON_EDIT: Scope.UNIT_TREE,
        P.COMPANY_VIEW: Scope.UNIT_TREE,
        P.COMPANY_EDIT: Scope.UNIT_TREE,
        P.INVESTIGATION_VIEW: Scope.UNIT_TREE,
    },
    Role.ANALYST: {
        P.HOME_VIEW: Scope.ALL,
        P.REFERENCE_VIEW: Scope.ALL,
        P.SEIZURE_VIEW: Scope.ALL,
        P.PERSON_VIEW: Scope.ALL,
        P.COMPANY_VIEW: Scope.ALL,
        P.INVESTIGATION_VIEW: Scope.ALL,
        P.ANALYSIS_RUN: Scope.ALL,
        P.EXPORT: Scope.ALL,
    },
    Role.SUPERVISOR: {
        P.HOME_VIEW: Scope.ALL,
        P.REFERENCE_VIEW: Scope.ALL,
        P.SEIZURE_VIEW: Scope.UNIT_TREE,
        P.SEIZURE_EDIT: Scope.UNIT_TREE,
        P.SEIZURE_VALIDATE: Scope.UNIT_TREE,
        P.PERSON_VIEW: Scope.UNIT_TREE,
        P.PERSON_EDIT: Scope.UNIT_TREE,
        P.PERSON_REVIEW: Scope.UNIT_TREE,
        P.COMPANY_VIEW: Scope.UNIT_TREE,
        P.COMPANY_EDIT: Scope.UNIT_TREE,
        P.INVESTIGATION_VIEW: Scope.UNIT_TREE,
        P.INVESTIGATION_MANAGE: Scope.UNIT_TREE,
        P.ANALYSIS_RUN: Scope.UNIT_TREE,
        P.EXPORT: Scope.UNIT_TREE,
    },
    Role.LIAISON: {
        P.HOME_VIEW: Scope.ALL,
        P.REFERENCE_VIEW: Scope.ALL,
        P.SEIZURE_VIEW: Scope.ALL,
        P.EXCHANGE_MANAGE: Scope.ALL,
    },
    Role.ADMINISTRATOR: {
        P.HOME_VIEW: Scope.ALL,
        P.REFERENCE_VIEW: Scope.ALL,
        P.REFERENCE_MANAGE: Scope.ALL,
        P.USER_MANAGE: Scope.ALL,
        P.AUDIT_VIEW: Scope.ALL,
    },
}


def _user(*roles: Role, is_active: bool = True) -> User:
    """An unsaved user with its roles set in memory: the permission checks need no database."""
    user = User(username="x", is_active=is_active)
    user._roles_cache = frozenset(str(r) for r in roles)
    return user


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_permissions(role):
    user = _user(role)
    for permission in Permission:
        expected = EXPECTED[role].get(permission, Scope.NONE)
        assert permission_scope(user, permission) is expected, (role, permission)
        assert has_permission(user, permission) is (expected is not Scope.NONE)
    assert user_permissions(user) == set(EXPECTED[role])


def test_expected_table_agrees_with_matrix():
    for permission, granted in MATRIX.items():
        for role in Role:
            assert granted.get(role, Scope.NONE) == EXPECTED[role].get(permission, Scope.NONE)


def test_several_roles_give_the_widest_scope():
    user = _user(Role.OFFICER, Role.ANALYST)
    assert permission_scope(user, P.SEIZURE_VIEW) is Scope.ALL
    assert permission_scope(user, P.SEIZURE_EDIT) is Scope.UNIT_TREE
    assert not has_permission(user, P.USER_MANAGE)


def test_no_role_no_permission():
    assert user_permissions(_user()) == set()


def test_deactivated_user_has_nothing():
    user = _user(Role.ADMINISTRATOR, is_active=False)
    assert permission_scope(user, P.USER_MANAGE) is Scope.NONE
    assert user_permissions(user) == set()


def test_anonymous_user_has_nothing():
    assert permission_scope(AnonymousUser(), P.HOME_VIEW) is Scope.NONE
    assert not has_permission(AnonymousUser(), P.REFERENCE_VIEW)


def test_unknown_stored_role_is_ignored():
    user = _user(Role.OFFICER)
    user._roles_cache = frozenset({"officer", "retired-role"})
    assert permission_scope(user, P.SEIZURE_VIEW) is Scope.UNIT_TREE


@pytest.mark.django_db
def test_roles_come_from_the_database_and_from_prefetch(make_user, django_assert_num_queries):
    make_user(roles={Role.SUPERVISOR, Role.LIAISON}, username="two-roles")
    fresh = User.objects.get(username="two-roles")
    with django_assert_num_queries(1):
        assert fresh.roles == {"supervisor", "liaison"}
    prefetched = User.objects.prefetch_related("role_assignments").get(username="two-roles")
    with django_assert_num_queries(0):
        assert prefetched.roles == {"supervisor", "liaison"}
        assert prefetched.role_labels == ["Supervisor", "Liaison officer"]
