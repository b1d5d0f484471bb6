"""Who may see and change the attachments of a record: the owner's app decides.

An app whose records carry attachments registers, once (in its ``AppConfig.ready``), two
checks built on its own selectors::

    from opencen.attachments.access import register_owner

    register_owner(
        Seizure,
        can_view=lambda user, seizure: seizure_is_visible(user=user, seizure=seizure),
        can_change=lambda user, seizure: seizure_is_editable(user=user, seizure=seizure),
    )

An attachment is visible to exactly the users who may see its owner. Owners of a type nobody
registered are denied to everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

OwnerCheck = Callable[[object, models.Model], bool]


@dataclass(frozen=True)
class OwnerAccess:
    can_view: OwnerCheck
    can_change: OwnerCheck


#: Model label ("seizures.seizure") -> its checks.
_registry: dict[str, OwnerAccess] = {}


def _label(model: type[models.Model] | models.Model) -> str:
    # Proxy models share their concrete model's checks, as they share its content type.
    return model._meta.concrete_model._meta.label_lower


def register_owner(
    model: type[models.Model], *, can_view: OwnerCheck, can_change: OwnerCheck
) -> None:
    """Let records of ``model`` carry attachments, seen and changed by whom the checks say."""
    _registry[_label(model)] = OwnerAccess(can_view=can_view, can_change=can_change)


def unregister_owner(model: type[models.Model]) -> None:
    """Forget ``model``'s checks (tests register and forget them)."""
    _registry.pop(_label(model), None)


def is_registered_owner_type(model: type[models.Model] | models.Model) -> bool:
    return _label(model) in _registry


def _allowed(user, owner: models.Model | None, check: str) -> bool:
    if owner is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    access = _registry.get(_label(owner))
    return access is not None and bool(getattr(access, check)(user, owner))


def can_view_owner(user, owner: models.Model | None) -> bool:
    """May ``user`` see ``owner`` and so its attachments? False for unregistered types."""
    return _allowed(user, owner, "can_view")


def can_change_owner(user, owner: models.Model | None) -> bool:
    """May ``user`` add, re-caption and withdraw ``owner``'s attachments?"""
    return _allowed(user, owner, "can_view") and _allowed(user, owner, "can_change")
