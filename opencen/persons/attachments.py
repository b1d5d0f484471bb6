"""Persons carry attachments: the face photo (restricted like the person).

Imported by :meth:`PersonsConfig.ready`: whoever may read the person sees the photo, and
whoever may change the person adds and withdraws it, by the same selectors as everything else.
"""

from __future__ import annotations

from opencen.accounts.permissions import Permission
from opencen.attachments.access import register_owner
from opencen.persons.models import Person
from opencen.persons.selectors import person_can


def person_attachments_visible(user, person: Person) -> bool:
    return person_can(user=user, person=person, permission=Permission.PERSON_VIEW)


def person_attachments_changeable(user, person: Person) -> bool:
    return person_can(user=user, person=person, permission=Permission.PERSON_EDIT)


register_owner(
    Person, can_view=person_attachments_visible, can_change=person_attachments_changeable
)
