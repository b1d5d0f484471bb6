"""Fixtures for the company tests: countries, officers of two units, a seizure, a person."""

from __future__ import annotations

import pytest
from django.utils import timezone

from opencen.accounts.choices import Role
from opencen.companies.services import CompanyInput, company_create
from opencen.persons.models import Person
from opencen.reference import models as ref
from opencen.seizures.services import SeizureInput, seizure_create


@pytest.fixture
def countries(db):
    for code, alpha3, numeric, label in [
        ("ZA", "ZAF", "710", "South Africa"),
        ("NL", "NLD", "528", "Netherlands"),
        ("SD", "SDN", "729", "Sudan"),
    ]:
        ref.Country.objects.get_or_create(
            code=code, defaults={"alpha3": alpha3, "numeric": numeric, "label": label}
        )
    return {c.code: c for c in ref.Country.objects.all()}


@pytest.fixture
def port_officer(make_user, unit_tree):
    return make_user(roles={Role.OFFICER}, unit=unit_tree["port"], username="port-officer")


@pytest.fixture
def border_officer(make_user, unit_tree):
    return make_user(roles={Role.OFFICER}, unit=unit_tree["border"], username="border-officer")


@pytest.fixture
def make_company(port_officer, countries):
    def _make(name="Blue Ocean Trading (Pty) Ltd", actor=None, **fields):
        fields.setdefault("country", countries["ZA"])
        return company_create(actor=actor or port_officer, data=CompanyInput(name=name, **fields))

    return _make


@pytest.fixture
def seizure(port_officer):
    return seizure_create(
        actor=port_officer,
        data=SeizureInput(occurred_at=timezone.now(), direction="import"),
    )


@pytest.fixture
def person(unit_tree):
    unit = unit_tree["port"]
    from opencen.matching.indexing import person_index

    person = Person.objects.create(
        unit=unit, unit_path=unit.path, given_names="Mohammed", family_name="Al-Hassan"
    )
    person_index([person.pk])  # as every write through the persons services does
    return person
