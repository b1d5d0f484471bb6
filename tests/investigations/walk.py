"""Permission-walk expectations for the investigations app's URLs (see tests/core/walk_base.py).

The walk's investigation belongs to the home unit and is marked H2 (the default): the permitted
persona is a supervisor of that unit (``role=SUPERVISOR``), who manages it; a supervisor of
another unit does not find it (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opencen.accounts.choices import Role
from opencen.accounts.permissions import Permission
from tests.core.walk_base import Expect, api, page


def _investigation(world):
    from opencen.investigations.services import InvestigationInput, investigation_create
    from tests.factories import UserFactory

    supervisor = UserFactory(
        username="walk-investigation-supervisor", unit=world.home_unit, roles={Role.SUPERVISOR}
    )
    return investigation_create(actor=supervisor, data=InvestigationInput(title="Walk case"))


V = Permission.INVESTIGATION_VIEW
M = Permission.INVESTIGATION_MANAGE
SUP = Role.SUPERVISOR
CASE = ("investigation",)

EXPECTATIONS: dict[str, Expect] = {
    "investigations:list": page(V, htmx=True),
    "investigations:mine": page(V),
    "investigations:create": page(M),
    "investigations:detail": Expect(V, 302, 403, 404, 200, args=CASE, role=SUP),
    "investigations:edit": Expect(V, 302, 403, 404, 200, args=CASE, role=SUP),
    "investigations:assign": Expect(V, 302, 403, 404, 200, args=CASE, role=SUP),
    "investigations:transition": Expect(
        V, 302, 403, 404, 302, args=("investigation", "activate"), method="post", role=SUP
    ),
    # An empty entry is refused with the page and its errors (400).
    "investigations:journal-add": Expect(V, 302, 403, 404, 400, args=CASE, method="post", role=SUP),
    "investigations:link-search": Expect(V, 302, 403, 404, 200, args=CASE, htmx=True, role=SUP),
    "investigations:link-add": Expect(V, 302, 403, 404, 302, args=CASE, method="post", role=SUP),
    "investigations:link-remove": Expect(V, 302, 403, 404, 302, args=CASE, method="post", role=SUP),
    "api-investigation-list": api(V),
    "api-investigation-detail": Expect(V, 401, 403, 404, 200, args=CASE, role=SUP),
    # POST-only actions: a GET is refused (405) once the user may see the investigation.
    "api-investigation-transition": Expect(V, 401, 403, 405, 405, args=CASE, role=SUP),
    "api-investigation-assign": Expect(V, 401, 403, 405, 405, args=CASE, role=SUP),
    "api-investigation-journal": Expect(V, 401, 403, 404, 200, args=CASE, role=SUP),
    "api-investigation-link": Expect(V, 401, 403, 405, 405, args=CASE, role=SUP),
    "api-investigation-unlink": Expect(V, 401, 403, 405, 405, args=CASE, role=SUP),
}

OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {"investigation": _investigation}


# --- the data-protection review of persons (opencen.persons.views_review), kept here with the
# rest of this work: supervisors of the unit and below; another unit's person is not found. ---
def _person_due_for_review(world):
    import datetime

    from opencen.persons.models import Person

    return Person.objects.create(
        unit=world.home_unit,
        unit_path=world.home_unit.path,
        given_names="Walk",
        family_name="Review",
        review_due=datetime.date.today() - datetime.timedelta(days=1),
    )


R = Permission.PERSON_REVIEW
EXPECTATIONS.update(
    {
        "persons:review": page(R),
        "persons:review-retain": Expect(
            R, 302, 403, 404, 302, args=("review_person",), method="post"
        ),
        "persons:review-erase": Expect(R, 302, 403, 404, 200, args=("review_person",)),
    }
)
OBJECT_MAKERS["review_person"] = _person_due_for_review
