"""Writes on users, units and tokens.

Every service is keyword-only, validates what it is given, and changes the database inside one
transaction together with its audit event (a change is never stored without its event).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import RoleAssignment, Unit, User
from opencen.accounts.selectors import username_taken
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record


def _user_snapshot(user: User) -> dict:
    """What an administrator can change on a user, as plain values (for audit details)."""
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "unit": user.unit.code if user.unit_id else None,
        "roles": sorted(user.roles),
        "is_active": user.is_active,
    }


def _unit_snapshot(unit: Unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent.code if unit.parent_id else None,
        "is_active": unit.is_active,
    }


def _changes(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for the fields that differ."""
    return {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}


@transaction.atomic
def api_token_create(*, user: User, actor: User | None) -> Token:
    """Replace the user's API token with a new one."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(actor=actor, event_type=AuditEventType.API_TOKEN_CREATED, target=user)
    return token


def _forget_roles(user: User) -> None:
    """Drop the roles cached on this user object so the next read sees the database."""
    user.__dict__.pop("_roles_cache", None)
    getattr(user, "_prefetched_objects_cache", {}).pop("role_assignments", None)


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role | str]) -> None:
    """Make ``roles`` exactly the roles the user holds."""
    wanted = {str(Role(r)) for r in roles}
    RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
    existing = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, role=r) for r in sorted(wanted - existing)]
    )
    _forget_roles(user)


# --- users -------------------------------------------------------------------------------


def _check_username_free(*, username: str, user: User | None = None) -> None:
    """Usernames are unique whatever their case (``JSmith`` and ``jsmith`` are one person)."""
    if username_taken(username=username, exclude=user):
        raise ValidationError(
            {"username": _("The username %(username)s is already taken.") % {"username": username}}
        )


def user_sessions_end(*, user: User) -> None:
    """Sign the user out everywhere (their API token is left alone)."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        # Cookie or cache-only sessions cannot be listed; an inactive user is refused on the
        # next request by the authentication backend anyway.
        return
    session_model = store_class.get_model_class()
    user_id = str(user.pk)
    # Sessions are only readable decoded; an installation has at most a few thousand live ones.
    doomed = [
        session.session_key
        for session in session_model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    if doomed:
        session_model.objects.filter(session_key__in=doomed).delete()
    if hasattr(engine, "KEY_PREFIX"):  # cached_db: drop the cached copies as well
        from django.core.cache import caches

        cache = caches[settings.SESSION_CACHE_ALIAS]
        cache.delete_many([engine.KEY_PREFIX + key for key in doomed])


def user_revoke_access(*, user: User) -> None:
    """Sign the user out everywhere and delete their API token."""
    Token.objects.filter(user=user).delete()
    user_sessions_end(user=user)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    unit: Unit | None,
    roles: Iterable[Role | str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_active: bool = True,
) -> User:
    """Create a user with a password checked by the installation's password rules.

    Raises ``ValidationError`` (keyed by field) for a taken username or a weak password.
    """
    username = username.strip()
    _check_username_free(username=username)
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=User.objects.normalize_email(email.strip()),
        unit=unit,
        is_active=is_active,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user_set_roles(user=user, roles=roles)
    audit_record(
        actor=actor,
        event_type=AuditEventType.USER_CREATED,
        target=user,
        details=_user_snapshot(user),
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor: User | None,
    user: User,
    username: str,
    unit: Unit | None,
    roles: Iterable[Role | str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_active: bool = True,
) -> User:
    """Change a user's identity, unit, roles and status.

    Switching ``is_active`` off does what :func:`user_deactivate` does. An administrator cannot
    deactivate themselves nor take the Administrator role away from themselves.
    """
    roles = {str(Role(r)) for r in roles}
    username = username.strip()
    if actor is not None and actor.pk == user.pk:
        if not is_active:
            raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
        if user.has_role(Role.ADMINISTRATOR) and Role.ADMINISTRATOR not in roles:
            raise ValidationError(
                {"roles": _("You cannot remove the Administrator role from yourself.")}
            )
    _check_username_free(username=username, user=user)
    before = _user_snapshot(user)
    was_active = user.is_active
    user.username = username
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.email = User.objects.normalize_email(email.strip())
    user.unit = unit
    user.is_active = is_active
    user.full_clean(exclude=["password"])
    user.save()
    user_set_roles(user=user, roles=roles)
    if was_active and not is_active:
        user_revoke_access(user=user)
    changes = _changes(before, _user_snapshot(user))
    if changes:
        event_type = AuditEventType.USER_CHANGED
        if changes.keys() == {"is_active"}:
            event_type = (
                AuditEventType.USER_REACTIVATED if is_active else AuditEventType.USER_DEACTIVATED
            )
        audit_record(actor=actor, event_type=event_type, target=user, details=changes)
    return user


@transaction.atomic
def user_set_password(*, actor: User | None, user: User, password: str) -> User:
    """Give a user a new password (for example after they forgot theirs).

    The user's other sessions end, because Django ties a session to the password hash.
    """
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.PASSWORD_CHANGED,
        target=user,
        details={"set_by_administrator": True},
    )
    return user


@transaction.atomic
def user_deactivate(*, actor: User | None, user: User) -> User:
    """Stop a user from signing in: end all their sessions and delete their API token.

    Their records, and the audit trail naming them, stay. Raises ``ValidationError`` when an
    administrator tries to deactivate themselves.
    """
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, event_type=AuditEventType.USER_DEACTIVATED, target=user)
    user_revoke_access(user=user)
    return user


@transaction.atomic
def user_reactivate(*, actor: User | None, user: User) -> User:
    """Let a deactivated user sign in again with their existing password."""
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, event_type=AuditEventType.USER_REACTIVATED, target=user)
    return user


# --- units -------------------------------------------------------------------------------


def _check_unit_code_free(*, code: str, unit: Unit | None = None) -> None:
    taken = Unit.objects.filter(code__iexact=code)
    if unit is not None and unit.pk is not None:
        taken = taken.exclude(pk=unit.pk)
    if taken.exists():
        raise ValidationError(
            {"code": _("A unit with the code %(code)s already exists.") % {"code": code}}
        )


@transaction.atomic
def unit_save(*, unit: Unit) -> Unit:
    """Save a unit and refresh the stored path of it and every unit below it.

    Used by :func:`unit_create`, :func:`unit_update`, fixtures and the demo data generator.
    Moving or renaming a unit rewrites the paths of its whole subtree in one bulk update.
    """
    # Stored paths, not the ones in memory: the objects may have been loaded before a move.
    old_path = ""
    if unit.pk is not None:
        old_path = Unit.objects.filter(pk=unit.pk).values_list("path", flat=True).first() or ""
        unit.path = old_path
    if unit.parent_id is not None:
        unit.parent.path = Unit.objects.values_list("path", flat=True).get(pk=unit.parent_id)
    unit.full_clean(exclude=["path"])
    unit.path = unit.compute_path()
    unit.save()
    if old_path and old_path != unit.path:
        descendants = list(
            Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).only("id", "path")
        )
        for descendant in descendants:
            descendant.path = unit.path + descendant.path[len(old_path) :]
        Unit.objects.bulk_update(descendants, ["path"], batch_size=500)
    return unit


@transaction.atomic
def unit_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: UnitKind | str,
    parent: Unit | None,
) -> Unit:
    """Create an organisational unit under ``parent`` (None for a top-level unit)."""
    code = code.strip()
    _check_unit_code_free(code=code)
    unit = unit_save(unit=Unit(code=code, name=name.strip(), kind=str(kind), parent=parent))
    audit_record(
        actor=actor,
        event_type=AuditEventType.UNIT_CREATED,
        target=unit,
        details=_unit_snapshot(unit),
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: User | None,
    unit: Unit,
    code: str,
    name: str,
    kind: UnitKind | str,
    parent: Unit | None,
    is_active: bool = True,
) -> Unit:
    """Change a unit. A new parent or code rewrites the paths of every unit below it.

    Raises ``ValidationError`` when the unit would be placed under itself or one of its own
    sub-units, or when the code is taken.
    """
    code = code.strip()
    _check_unit_code_free(code=code, unit=unit)
    before = _unit_snapshot(unit)
    unit.code = code
    unit.name = name.strip()
    unit.kind = str(kind)
    unit.parent = parent
    unit.is_active = is_active
    unit_save(unit=unit)
    changes = _changes(before, _unit_snapshot(unit))
    if changes:
        audit_record(
            actor=actor, event_type=AuditEventType.UNIT_CHANGED, target=unit, details=changes
        )
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
