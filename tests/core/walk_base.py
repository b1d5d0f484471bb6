"""The pieces of the permission walk that each app's ``tests/<app>/walk.py`` uses.

An app's walk module defines ``EXPECTATIONS`` (URL name -> :class:`Expect`) and
``OBJECT_MAKERS`` (object name -> a function of the walk's world, which has ``home_unit``,
``other_unit`` and ``get(name)``); ``tests/core/test_permission_walk.py`` merges them.
"""

from __future__ import annotations

from dataclasses import dataclass

from opencen.accounts.choices import Role
from opencen.accounts.permissions import Permission

PERSONAS = ("anonymous", "no_permission", "other_unit", "permitted")

#: Access an expectation names besides a Permission.
PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed-in"  # any signed-in user, whatever their roles
STAFF = "staff"  # the Django admin site: is_staff (and a superuser to see every model)


@dataclass(frozen=True)
class Expect:
    """What each persona gets from one URL."""

    access: Permission | str
    anonymous: int
    no_permission: int
    other_unit: int
    permitted: int
    #: Names of objects (see OBJECT_MAKERS) or literal values filling the URL parameters.
    args: tuple[str, ...] = ()
    method: str = "get"
    #: Also walk the URL with the HX-Request header (an htmx partial).
    htmx: bool = False
    #: For regex routes that cannot be reversed: the path to request.
    path: str = ""
    #: The narrowest-scoped role is used unless one is named here.
    role: Role | None = None


def page(access, *, permitted: int = 200, **options) -> Expect:
    """A page guarded by ``access``: login redirect, 403, then ``permitted`` in any unit."""
    return Expect(access, 302, 403, permitted, permitted, **options)


def api(access, *, permitted: int = 200, **options) -> Expect:
    return Expect(access, 401, 403, permitted, permitted, **options)


def signed_in_page(*, permitted: int = 200, **options) -> Expect:
    return Expect(SIGNED_IN, 302, permitted, permitted, permitted, **options)
