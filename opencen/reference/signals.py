"""Every write to a code list entry gives the code lists a new version token."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save


def _changed(sender, **kwargs) -> None:
    from opencen.reference.services import code_lists_changed

    code_lists_changed()


def _allowed_units_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(sender)


def connect() -> None:
    from opencen.reference.models import CODE_LISTS, CommodityType

    for model in CODE_LISTS.values():
        post_save.connect(_changed, sender=model, dispatch_uid=f"code-list-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"code-list-delete-{model.__name__}"
        )
    m2m_changed.connect(
        _allowed_units_changed,
        sender=CommodityType.allowed_units.through,
        dispatch_uid="code-list-allowed-units",
    )
