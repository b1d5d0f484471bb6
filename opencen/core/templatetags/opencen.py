"""Template helpers: ``{% load opencen %}``.

``{% opencen_version %}`` prints the running version; ``user|has_permission:"seizure.view"``
asks the permission matrix from a template (to hide a button the user could not use).
"""

from __future__ import annotations

from django import template

import opencen
from opencen.accounts.permissions import Permission
from opencen.accounts.permissions import has_permission as _has_permission

register = template.Library()


@register.simple_tag
def opencen_version() -> str:
    return opencen.__version__


@register.filter
def has_permission(user, permission: str) -> bool:
    return _has_permission(user, Permission(permission))


@register.filter
def at_most(value: int, limit: int) -> int:
    """``{{ unit.depth|at_most:8 }}``: cap a number (for CSS classes that stop at a limit)."""
    return min(int(value), int(limit))
