"""Fixtures for the person tests: a few countries, officers of two units, a person maker."""

from __future__ import annotations

import pytest

from opencen.accounts.choices import Role
from opencen.persons.services import AliasInput, DocumentInput, PersonInput, person_create
from opencen.reference import models as ref

COUNTRIES = [
    ("SD", "SDN", "729", "Sudan"),
    ("ZA", "ZAF", "710", "South Africa"),
    ("NG", "NGA", "566", "Nigeria"),
    ("GB", "GBR", "826", "United Kingdom"),
    ("RU", "RUS", "643", "Russian Federation"),
    ("CN", "CHN", "156", "China"),
]


@pytest.fixture
def countries(db):
    made = {}
    for code, alpha3, numeric, label in COUNTRIES:
        made[code], _ = ref.Country.objects.get_or_create(
            code=code, defaults={"alpha3": alpha3, "numeric": numeric, "label": label}
        )
    return made


@pytest.fixture
def supervisor(make_user, unit_tree):
    return make_user(roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="supervisor-port")


@pytest.fixture
def other_officer(make_user, unit_tree):
    """An officer of another office, in another region."""
    return make_user(roles={Role.OFFICER}, unit=unit_tree["border"], username="officer-border")


@pytest.fixture
def analyst(make_user, unit_tree):
    return make_user(roles={Role.ANALYST}, unit=unit_tree["south"], username="analyst-south")


@pytest.fixture
def make_person(officer, countries):
    """Record a person as the port officer: ``make_person(family_name=..., ...)``."""

    def _make(*, actor=None, **fields) -> object:
        data = PersonInput(
            given_names=fields.pop("given_names", "Mohammed"),
            family_name=fields.pop("family_name", "Al-Hassan"),
            birth_date=fields.pop("birth_date", "1984-03-02"),
            sex=fields.pop("sex", "male"),
            nationalities=fields.pop("nationalities", [countries["SD"]]),
            documents=fields.pop(
                "documents",
                [DocumentInput(type="passport", number="P0123 4567", country=countries["SD"])],
            ),
            aliases=fields.pop("aliases", [AliasInput(name="Abu Ali", type="nickname")]),
        )
        for key, value in fields.items():
            setattr(data, key, value)
        return person_create(actor=actor or officer, data=data)

    return _make


@pytest.fixture
def seizure_of(reference_data_minimal):
    """A seizure recorded by ``actor`` (its unit's)."""
    from django.utils import timezone

    from opencen.seizures.services import SeizureInput, seizure_create

    def _make(actor, **overrides):
        data = SeizureInput(occurred_at=timezone.now(), direction="import")
        for key, value in overrides.items():
            setattr(data, key, value)
        return seizure_create(actor=actor, data=data)

    return _make


@pytest.fixture
def reference_data_minimal(db):
    return None
