"""Permission-walk expectations for the persons app's URLs (see tests/core/walk_base.py).

A person belongs to the unit that recorded it: another unit's officer is told it does not
exist (404). Posts without a valid form go back to the person's page (302)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opencen.accounts.permissions import Permission
from tests.core.walk_base import Expect, api, page


def _person(world):
    from opencen.persons.services import PersonInput, person_create

    return person_create(
        actor=world.get("user"), data=PersonInput(given_names="Walk", family_name="Person")
    )


def _other_person(world):
    from opencen.persons.services import PersonInput, person_create

    return person_create(
        actor=world.get("user"), data=PersonInput(given_names="Walk", family_name="Other")
    )


def _involvement(world):
    from opencen.persons.models import SeizurePerson

    return SeizurePerson.objects.create(
        seizure=world.get("seizure"), person=world.get("person"), role="courier"
    )


def _person_link(world):
    from opencen.persons.models import PersonLink

    return PersonLink.objects.create(
        person=world.get("person"), other=world.get("other_person"), type="associate"
    )


_PERSON = ("person",)
_VIEW, _EDIT = Permission.PERSON_VIEW, Permission.PERSON_EDIT

EXPECTATIONS: dict[str, Expect] = {
    "persons:list": page(_VIEW, htmx=True),
    "persons:create": page(_EDIT),
    "persons:lookup": page(_VIEW, htmx=True),
    "persons:form-row": page(_EDIT, args=("aliases",), htmx=True),
    "persons:detail": Expect(_VIEW, 302, 403, 404, 200, args=_PERSON),
    "persons:edit": Expect(_EDIT, 302, 403, 404, 200, args=_PERSON),
    "persons:history": Expect(_VIEW, 302, 403, 404, 200, args=_PERSON),
    "persons:merge": Expect(_EDIT, 302, 403, 404, 200, args=_PERSON),
    "persons:photo": Expect(_EDIT, 302, 403, 404, 302, args=_PERSON, method="post"),
    "persons:seizure-add": Expect(_EDIT, 302, 403, 404, 302, args=_PERSON, method="post"),
    "persons:seizure-remove": Expect(
        _EDIT, 302, 403, 404, 302, args=("person", "person_involvement"), method="post"
    ),
    "persons:link-add": Expect(_EDIT, 302, 403, 404, 302, args=_PERSON, method="post"),
    "persons:link-remove": Expect(
        _EDIT, 302, 403, 404, 302, args=("person", "person_link"), method="post"
    ),
    "api-person-list": api(_VIEW),
    "api-person-detail": Expect(_VIEW, 401, 403, 404, 200, args=_PERSON),
    "api-person-history": Expect(_VIEW, 401, 403, 404, 200, args=_PERSON),
    "api-person-links": Expect(_VIEW, 401, 403, 404, 200, args=_PERSON),
}

OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "person": _person,
    "other_person": _other_person,
    "person_involvement": _involvement,
    "person_link": _person_link,
}
