"""Permission-walk expectations for the matching app's URLs (see tests/core/walk_base.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opencen.accounts.permissions import Permission
from tests.core.walk_base import Expect, api, page

_PERSON_VIEW, _COMPANY_VIEW = Permission.PERSON_VIEW, Permission.COMPANY_VIEW

EXPECTATIONS: dict[str, Expect] = {
    # Possible matches beside the new-person and new-company forms, and the search pages.
    "matching:person-candidates": page(_PERSON_VIEW, htmx=True),
    "matching:company-candidates": page(_COMPANY_VIEW, htmx=True),
    "matching:person-search": page(_PERSON_VIEW, htmx=True),
    "matching:company-search": page(_COMPANY_VIEW, htmx=True),
    # Asked with nothing: 400 (a name or a number is needed) once the permission is there.
    "api-person-match": api(_PERSON_VIEW, permitted=400),
    "api-company-match": api(_COMPANY_VIEW, permitted=400),
}

OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {}


# --- screening and duplicates ----------------------------------------------------------------


def _screening_run(world):
    """A finished screening run of the home unit."""
    from opencen.matching.models_screening import ScreeningRun, ScreeningStatus

    return ScreeningRun.objects.create(
        kind="persons",
        file_name="walk-manifest.csv",
        sha256="0" * 64,
        file_format="csv",
        unit=world.home_unit,
        status=ScreeningStatus.DONE,
    )


def _walk_person(world, given_names: str):
    from opencen.persons.models import Person

    unit = world.home_unit
    return Person.objects.create(
        unit=unit, unit_path=unit.path, given_names=given_names, family_name="Walker"
    )


def _walk_company(world, name: str):
    from opencen.companies.models import Company

    unit = world.home_unit
    return Company.objects.create(unit=unit, unit_path=unit.path, name=name)


def _person_duplicate(world):
    from opencen.matching.models_screening import PersonDuplicate

    first, second = sorted(
        (_walk_person(world, "Jon"), _walk_person(world, "John")), key=lambda p: str(p.pk)
    )
    return PersonDuplicate.objects.create(first=first, second=second, score=0.9).pk


def _company_duplicate(world):
    from opencen.matching.models_screening import CompanyDuplicate

    first, second = sorted(
        (_walk_company(world, "Walk Ltd"), _walk_company(world, "Walk Limited")),
        key=lambda c: str(c.pk),
    )
    return CompanyDuplicate.objects.create(first=first, second=second, score=0.9).pk


OBJECT_MAKERS.update(
    {
        "screening_run": _screening_run,
        "person_duplicate": _person_duplicate,
        "company_duplicate": _company_duplicate,
    }
)

_RUN = ("screening_run",)
EXPECTATIONS.update(
    {
        "matching:screening": page(Permission.ANALYSIS_RUN),
        "matching:screening-template": page(Permission.ANALYSIS_RUN, args=("persons",)),
        "matching:screening-run": Expect(Permission.ANALYSIS_RUN, 302, 403, 404, 200, args=_RUN),
        "matching:screening-progress": Expect(
            Permission.ANALYSIS_RUN, 302, 403, 404, 200, args=_RUN, htmx=True
        ),
        "matching:screening-download": Expect(
            Permission.ANALYSIS_RUN, 302, 403, 404, 200, args=(*_RUN, "csv")
        ),
        "matching:duplicates-persons": page(Permission.PERSON_EDIT),
        "matching:duplicates-persons-dismiss": Expect(
            Permission.PERSON_EDIT, 302, 403, 404, 302, args=("person_duplicate",), method="post"
        ),
        "matching:duplicates-companies": page(Permission.COMPANY_EDIT),
        "matching:duplicates-companies-dismiss": Expect(
            Permission.COMPANY_EDIT, 302, 403, 404, 302, args=("company_duplicate",), method="post"
        ),
    }
)
