"""The company demo generator: legal forms, numbers, recurring in seizures, near-duplicates."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from rapidfuzz import fuzz

from opencen.companies.demo import LEGAL_FORMS, CompanyPlan, registration_number, siren
from opencen.companies.models import Company, CompanyPerson, CompanyVersion, SeizureCompany
from opencen.companies.services import company_snapshot
from opencen.core import demo
from opencen.matching.models import CompanyKey, CompanyProfile
from opencen.matching.models_screening import CompanyDuplicate
from opencen.persons.demo import normalise_identifier
from opencen.persons.models import SeizurePerson
from opencen.seizures.models import GoodsItem, RouteLeg
from tests.seizures.conftest import BUILTIN_SOURCES

SEIZURES = 300
COMPANIES = 400


@pytest.fixture
def demo_base(db, monkeypatch, settings):
    """Every country, the demo units, users and places of a South African installation,
    a few hundred seizures and persons."""
    monkeypatch.setenv("OPENCEN_DEMO_PASSWORD", "demo password for tests")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sources = [*BUILTIN_SOURCES, "countries", "currencies"]
    call_command("load_reference", *[f"--only={name}" for name in sources], verbosity=0)
    call_command("demo", country="ZA", seizures=SEIZURES, persons=500, companies=0, verbosity=0)


@pytest.fixture
def generated(demo_base):
    call_command("demo", country="ZA", companies=COMPANIES, seed=5, verbosity=0)


def _first_names(seed: int) -> list[str]:
    ctx = demo.DemoContext(
        generator_name="companies", seed=seed, options={"companies": 100, "country": "ZA"}
    )
    _, tables = next(CompanyPlan.load(ctx, 100).chunks())
    return [row[7] for row in tables[0][3]]


@pytest.mark.django_db
def test_same_seed_same_companies(demo_base):
    first = _first_names(3)
    assert first == _first_names(3)
    assert first != _first_names(4)
    assert len(first) == 100


@pytest.mark.django_db
def test_counts_legal_forms_and_numbers(generated):
    assert Company.objects.count() == COMPANIES
    assert CompanyVersion.objects.count() == COMPANIES
    for version in CompanyVersion.objects.select_related("company")[:100]:
        assert version.snapshot == company_snapshot(version.company)
    assert CompanyProfile.objects.count() == COMPANIES
    assert CompanyKey.objects.values("company").distinct().count() == COMPANIES
    assert CompanyDuplicate.objects.exists()  # the duplicates review has pairs to show
    rows = list(
        Company.objects.values_list(
            "name", "legal_form", "country_id", "registration_number",
            "registration_normalised", "tax_number", "tax_normalised",
        )
    )  # fmt: skip
    for name, form, _, registration, registration_normalised, tax, tax_normalised in rows:
        assert name.endswith(f" {form}"), name  # the legal name carries its form
        assert registration_normalised == normalise_identifier(registration)
        assert tax_normalised == normalise_identifier(tax)
    forms = Counter(form for _, form, *_ in rows)
    assert len(forms) >= 8
    # The installation's own companies: (Pty) Ltd and the CIPC number shape.
    home = [row for row in rows if row[2] == "ZA" and row[3]]
    assert home
    assert all(re.fullmatch(r"\d{4}/\d{6}/\d{2}", row[3]) for row in home)
    assert any(row[1] == "(Pty) Ltd" for row in home)
    assert len({row[2] for row in rows}) >= 5  # shippers abroad


def test_number_shapes():
    import random

    rng = random.Random(1)
    number = siren(rng).replace(" ", "")
    digits = [int(d) * (2 if i % 2 else 1) for i, d in enumerate(reversed(number))]
    assert sum(d - 9 if d > 9 else d for d in digits) % 10 == 0  # Luhn
    assert re.fullmatch(r"HRB \d+", registration_number(rng, "DE", 2010))
    assert re.fullmatch(r"\d\d\.\d{3}\.\d{3}/0001-\d\d", registration_number(rng, "BR", 2010))
    assert all(forms for forms in LEGAL_FORMS.values())


@pytest.mark.django_db
def test_companies_recur_in_seizures_of_their_corridor(generated):
    involvements = list(SeizureCompany.objects.values_list("company_id", "seizure_id", "role"))
    assert {"importer", "shipper", "consignee", "broker"} <= {role for *_, role in involvements}
    goods = GoodsItem.objects.filter(position=0)
    commodity = dict(goods.values_list("seizure_id", "commodity_type_id"))
    legs = RouteLeg.objects.filter(role="departure")
    origin = dict(legs.values_list("seizure_id", "country_id"))
    corridors = defaultdict(set)
    for company, seizure, role in involvements:
        if role == "shipper":
            corridors[company].add((commodity.get(seizure), origin.get(seizure)))
    recurring = [company for company, seen in corridors.items() if len(seen) == 1]
    counts = Counter(company for company, _, role in involvements if role == "shipper")
    assert any(counts[company] >= 2 for company in recurring)
    # A shipper is a company of the origin country.
    shipper_countries = dict(Company.objects.filter(pk__in=counts).values_list("id", "country_id"))
    matching = sum(
        shipper_countries[company] == origin.get(seizure)
        for company, seizure, role in involvements
        if role == "shipper" and origin.get(seizure)
    )
    assert matching >= 0.9 * sum(1 for *_, role in involvements if role == "shipper")


@pytest.mark.django_db
def test_organisers_run_importers(generated):
    people = Counter(CompanyPerson.objects.values_list("role", flat=True))
    assert {"director", "owner"} <= set(people)
    organisers = SeizurePerson.objects.filter(role="organiser").values("person_id")
    running = CompanyPerson.objects.filter(person_id__in=organisers, role__in=("director", "owner"))
    assert running.exists()


@pytest.mark.django_db
def test_near_duplicates_with_another_legal_form(generated):
    again = list(Company.objects.filter(notes__contains="Recorded again"))
    assert len(again) >= COMPANIES * 0.01
    others = list(Company.objects.values_list("id", "name", "legal_form", "country_id"))
    found = 0
    for company in again:
        base = company.name[: -len(company.legal_form)].strip().lower()
        found += any(
            fuzz.ratio(base, name[: -len(form)].strip().lower()) >= 85
            for pk, name, form, country in others
            if pk != company.pk and country == company.country_id
        )
    assert found >= len(again) * 0.9
