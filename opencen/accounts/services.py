"""Writes on users, units and tokens."""

from __future__ import annotations

import secrets

from django.db import transaction
from rest_framework.authtoken.models import Token

from opencen.accounts.choices import Role
from opencen.accounts.models import RoleAssignment, Unit, User


@transaction.atomic
def api_token_create(*, user: User, actor: User | None) -> Token:
    """Replace the user's API token with a new one."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def user_set_roles(*, user: User, roles: set[Role | str]) -> None:
    """Make ``roles`` exactly the roles the user holds."""
    wanted = {str(Role(r)) for r in roles}
    RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
    existing = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, role=r) for r in sorted(wanted - existing)]
    )
    user.__dict__.pop("_roles_cache", None)
    if hasattr(user, "_roles_cache"):
        del user._roles_cache


@transaction.atomic
def unit_save(*, unit: Unit) -> Unit:
    """Save a unit and refresh the stored path of it and every unit below it."""
    unit.full_clean()
    unit.path = unit.compute_path()
    unit.save()
    for child in unit.children.all():
        unit_save(unit=child)
    return unit


@transaction.atomic
def admin_ensure(*, password: str | None) -> tuple[User, str | None]:
    """Create the ``admin`` user (Administrator) when missing.

    Returns the user and the password when one was generated (to print once), else None.
    """
    user = User.objects.filter(username="admin").first()
    if user is not None:
        return user, None
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(12)
    headquarters = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    user = User.objects.create_user(
        username="admin",
        password=password,
        first_name="Administrator",
        is_staff=True,
        is_superuser=True,
        unit=headquarters,
    )
    user_set_roles(user=user, roles={Role.ADMINISTRATOR})
    return user, generated
