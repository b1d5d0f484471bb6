"""Fixtures for the matching tests: a few countries, and persons and companies written with
their blocking keys (through the persons and companies services when they exist)."""

from __future__ import annotations

import pytest

from opencen.accounts.choices import Role
from opencen.matching.indexing import company_index, person_index
from opencen.reference import models as ref

COUNTRIES = [
    ("SD", "SDN", "729", "Sudan"),
    ("EG", "EGY", "818", "Egypt"),
    ("ZA", "ZAF", "710", "South Africa"),
    ("NG", "NGA", "566", "Nigeria"),
    ("RU", "RUS", "643", "Russian Federation"),
    ("CN", "CHN", "156", "China"),
    ("BR", "BRA", "076", "Brazil"),
    ("GB", "GBR", "826", "United Kingdom"),
]


@pytest.fixture
def countries(db):
    for code, alpha3, numeric, label in COUNTRIES:
        ref.Country.objects.get_or_create(
            code=code, defaults={"alpha3": alpha3, "numeric": numeric, "label": label}
        )


@pytest.fixture
def analyst(make_user, unit_tree):
    """Reads every person and company (scope "all")."""
    return make_user(roles={Role.ANALYST}, unit=unit_tree["hq"], username="analyst-test")


@pytest.fixture
def make_person(countries, unit_tree):
    """Write a person with nationalities, documents and aliases, and index it."""
    from opencen.persons.models import IdentityDocument, Person, PersonAlias

    def _make(
        given_names="",
        family_name="",
        *,
        birth="",
        nationalities=(),
        documents=(),
        aliases=(),
        unit=None,
        **fields,
    ):
        from opencen.matching.normalise import normalise_number
        from opencen.matching.search import parse_birth_date

        unit = unit or unit_tree["port"]
        year, month, day = parse_birth_date(birth)
        person = Person.objects.create(
            unit=unit,
            unit_path=unit.path,
            given_names=given_names,
            family_name=family_name,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            **fields,
        )
        person.nationalities.set(nationalities)
        for type_, number in documents:
            IdentityDocument.objects.create(
                person=person, type=type_, number=number, number_normalised=normalise_number(number)
            )
        for name in aliases:
            PersonAlias.objects.create(person=person, name=name)
        person_index([person.pk])
        return person

    return _make


@pytest.fixture
def make_company(countries, unit_tree):
    from opencen.companies.models import Company

    def _make(name, *, country=None, registration="", tax="", unit=None, **fields):
        from opencen.matching.normalise import normalise_number

        unit = unit or unit_tree["port"]
        company = Company.objects.create(
            unit=unit,
            unit_path=unit.path,
            name=name,
            country_id=country,
            registration_number=registration,
            registration_normalised=normalise_number(registration),
            tax_number=tax,
            tax_normalised=normalise_number(tax),
            **fields,
        )
        company_index([company.pk])
        return company

    return _make
