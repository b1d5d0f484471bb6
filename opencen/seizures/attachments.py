"""Seizures carry attachments (photos of the concealment, X-ray images, documents).

Imported by :meth:`SeizuresConfig.ready`: whoever may read a seizure sees its attachments, and
whoever may change it adds and withdraws them, by the same selectors as everything else.
"""

from __future__ import annotations

from opencen.accounts.permissions import Permission
from opencen.attachments.access import register_owner
from opencen.seizures.models import Seizure
from opencen.seizures.selectors import seizure_can


def seizure_attachments_visible(user, seizure: Seizure) -> bool:
    return seizure_can(user=user, seizure=seizure, permission=Permission.SEIZURE_VIEW)


def seizure_attachments_changeable(user, seizure: Seizure) -> bool:
    return seizure_can(user=user, seizure=seizure, permission=Permission.SEIZURE_EDIT)


register_owner(
    Seizure, can_view=seizure_attachments_visible, can_change=seizure_attachments_changeable
)
