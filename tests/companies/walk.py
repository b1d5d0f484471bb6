"""Permission-walk expectations for the companies app's URLs and for the persons and companies
involved in a seizure (see tests/core/walk_base.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opencen.accounts.permissions import Permission
from tests.core.walk_base import Expect, api, page


def _company(world):
    from opencen.companies.services import CompanyInput, company_create

    return company_create(actor=world.get("user"), data=CompanyInput(name="Walk Trading Ltd"))


def _company_person(world):
    from opencen.companies.models import CompanyPerson
    from opencen.persons.models import Person

    person = Person.objects.create(
        unit=world.home_unit, unit_path=world.home_unit.path, family_name="Walker"
    )
    return CompanyPerson.objects.create(company=world.get("company"), person=person, role="owner")


_COMPANY = ("company",)
_SEIZURE_COMPANY = ("seizure", "companies")

EXPECTATIONS: dict[str, Expect] = {
    # --- company pages: another unit's company is not found (404) ---
    "companies:list": page(Permission.COMPANY_VIEW, htmx=True),
    "companies:create": page(Permission.COMPANY_EDIT),
    "companies:form-row": page(Permission.COMPANY_EDIT, args=("phones",), htmx=True),
    "companies:detail": Expect(Permission.COMPANY_VIEW, 302, 403, 404, 200, args=_COMPANY),
    "companies:edit": Expect(Permission.COMPANY_EDIT, 302, 403, 404, 200, args=_COMPANY),
    "companies:history": Expect(Permission.COMPANY_VIEW, 302, 403, 404, 200, args=_COMPANY),
    "companies:merge": Expect(Permission.COMPANY_EDIT, 302, 403, 404, 200, args=_COMPANY),
    "companies:person-options": Expect(
        Permission.COMPANY_EDIT, 302, 403, 404, 200, args=_COMPANY, htmx=True
    ),
    # An empty form is refused with a message, back on the company page.
    "companies:person-add": Expect(
        Permission.COMPANY_EDIT, 302, 403, 404, 302, args=_COMPANY, method="post"
    ),
    "companies:person-remove": Expect(
        Permission.COMPANY_EDIT,
        302,
        403,
        404,
        302,
        args=("company", "company_person"),
        method="post",
    ),
    # --- company API ---
    "api-company-list": api(Permission.COMPANY_VIEW),
    "api-company-detail": Expect(Permission.COMPANY_VIEW, 401, 403, 404, 200, args=_COMPANY),
    "api-company-history": Expect(Permission.COMPANY_VIEW, 401, 403, 404, 200, args=_COMPANY),
    # --- persons and companies of a seizure (opencen.seizures.involvements) ---
    "seizures:involvement-options": Expect(
        Permission.SEIZURE_EDIT, 302, 403, 404, 200, args=_SEIZURE_COMPANY, htmx=True
    ),
    # Without a chosen record: refused with a message, back on the seizure page.
    "seizures:involvement-add": Expect(
        Permission.SEIZURE_EDIT, 302, 403, 404, 302, args=_SEIZURE_COMPANY, method="post"
    ),
    # Without a record to remove: nothing found.
    "seizures:involvement-remove": Expect(
        Permission.SEIZURE_EDIT, 302, 403, 404, 404, args=_SEIZURE_COMPANY, method="post"
    ),
}

OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "company": _company,
    "company_person": lambda world: world.get("company_person_link").pk,
    "company_person_link": _company_person,
}
