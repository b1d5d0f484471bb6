"""The person demo generator: deterministic, varied, linked to seizures, with near-duplicates."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import phonenumbers
import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from rapidfuzz import fuzz

from opencen.core import demo
from opencen.matching.models import PersonKey, PersonProfile
from opencen.matching.models_screening import PersonDuplicate
from opencen.persons import demo_names
from opencen.persons.demo import CHUNK, REVIEW_HORIZON, PersonPlan
from opencen.persons.models import (
    IdentityDocument,
    Person,
    PersonLink,
    PersonPhone,
    PersonVersion,
    SeizurePerson,
)
from opencen.persons.services import person_snapshot, review_due_for
from opencen.seizures.models import Seizure
from tests.seizures.conftest import BUILTIN_SOURCES

SEIZURES = 250
PERSONS = 700
SCRIPTS = {
    "Arabic": re.compile(r"[\u0600-\u06ff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "Greek": re.compile(r"[\u0370-\u03ff]"),
    "Devanagari": re.compile(r"[\u0900-\u097f]"),
    "Han": re.compile(r"[\u4e00-\u9fff]"),
}


@pytest.fixture
def demo_base(db, monkeypatch, settings):
    """Code lists, every country, the demo units, users, places and a few hundred seizures."""
    monkeypatch.setenv("OPENCEN_DEMO_PASSWORD", "demo password for tests")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sources = [*BUILTIN_SOURCES, "countries", "currencies"]
    call_command("load_reference", *[f"--only={name}" for name in sources], verbosity=0)
    call_command("demo", seizures=SEIZURES, persons=0, companies=0, verbosity=0)


@pytest.fixture
def generated(demo_base):
    call_command("demo", persons=PERSONS, companies=0, seed=5, verbosity=0)


def _first_names(seed: int) -> list[tuple]:
    ctx = demo.DemoContext(
        generator_name="persons", seed=seed, options={"persons": 120, "country": None}
    )
    plan = PersonPlan.load(ctx, 120)
    _, tables = next(plan.chunks())
    rows = dict((label, rows) for label, _, _, rows in tables)["persons"]
    return [row[7:15] for row in rows]


@pytest.mark.django_db
def test_same_seed_same_persons(demo_base):
    first, again, other = _first_names(3), _first_names(3), _first_names(4)
    assert first == again
    assert first != other
    assert len(first) == 120 < CHUNK


@pytest.mark.django_db
def test_counts_as_asked_with_a_version_each(generated):
    assert Person.objects.count() == PERSONS
    assert PersonVersion.objects.filter(version=1).count() == PERSONS
    assert not Person.objects.filter(merged_into__isnull=False).exists()
    # Version 1 holds what the persons service would have stored: history shows no
    # difference that is not one.
    for version in PersonVersion.objects.select_related("person")[:150]:
        assert version.snapshot == person_snapshot(version.person)


@pytest.mark.django_db
def test_matching_keys_built_for_every_person(generated):
    assert PersonProfile.objects.count() == PERSONS
    assert PersonKey.objects.values("person").distinct().count() == PERSONS
    # The duplicates review has the second records to show.
    pairs = list(PersonDuplicate.objects.values_list("first__notes", "second__notes"))
    assert sum("Recorded again" in a + b for a, b in pairs) >= PERSONS * 0.01


@pytest.mark.django_db
def test_names_of_many_cultures_some_in_their_own_script(generated):
    originals = list(
        Person.objects.exclude(name_original="").values_list("name_original", "name_latin")
    )
    scripts = {
        script
        for text, _ in originals
        for script, pattern in SCRIPTS.items()
        if pattern.search(text)
    }
    assert len(scripts) >= 4, scripts
    # The Latin form is made for every name written in another script.
    assert all(latin and latin.isascii() for _, latin in originals)
    family = set(Person.objects.values_list("family_name", flat=True))
    cultures = {
        culture.name for culture in demo_names.CULTURES
        if family & {latin for latin, _ in culture.family}
    }  # fmt: skip
    assert len(cultures) >= 12, cultures


@pytest.mark.django_db
def test_sex_follows_the_given_name(generated):
    male = {latin for c in demo_names.CULTURES for latin, _ in c.male}
    female = {latin for c in demo_names.CULTURES for latin, _ in c.female}
    checked = 0
    for given, sex in (
        Person.objects.exclude(notes__contains="Recorded again")
        .exclude(given_names="")
        .values_list("given_names", "sex")
    ):
        names = male if sex == "male" else female
        assert any(given == n or given.startswith(n + " ") for n in names), (given, sex)
        checked += 1
    assert checked > PERSONS / 2


@pytest.mark.django_db
def test_birth_dates_are_partial_at_times(generated):
    persons = Person.objects.exclude(birth_year=None)
    assert persons.filter(birth_month=None).exists()  # year only
    assert persons.filter(birth_day=None).exclude(birth_month=None).exists()  # year and month
    assert persons.exclude(birth_day=None).count() > PERSONS / 2
    assert all(1950 <= year <= 2006 for year in persons.values_list("birth_year", flat=True))


@pytest.mark.django_db
def test_documents_phones_and_review_dates(generated):
    documents = list(IdentityDocument.objects.values_list("type", "number", "number_normalised"))
    assert {"passport", "national_id", "driving_licence"} <= {kind for kind, _, _ in documents}
    for _, number, normalised in documents:
        assert normalised == re.sub(r"[^A-Z0-9]", "", number.upper())
    assert any(number != normalised for _, number, normalised in documents)  # typed loosely
    phones = list(PersonPhone.objects.values_list("number", "e164"))
    assert phones
    for _, e164 in phones:
        assert phonenumbers.is_possible_number(phonenumbers.parse(e164)), e164
        assert re.fullmatch(r"\+[1-9]\d{6,14}", e164)
    reviews = Person.objects.values_list("created_at", "category", "review_due")[:200]
    for created, category, review_due in reviews:
        # Derived from the category: the first review after recording, or the next one for
        # records reviewed and kept before the horizon.
        expected = review_due_for(category, start=created.date())
        while expected < REVIEW_HORIZON:
            expected = review_due_for(category, start=expected)
        assert review_due == expected
    categories = Counter(Person.objects.values_list("category", flat=True))
    assert categories.most_common(1)[0][0] == "suspect"
    assert {"convicted", "contact", "witness"} <= set(categories)


@pytest.mark.django_db
def test_near_duplicates_recorded_again_differently(generated):
    again = list(Person.objects.filter(notes__contains="Recorded again"))
    assert len(again) >= PERSONS * 0.01
    everyone = list(
        Person.objects.values_list("id", "given_names", "family_name", "name_latin", "unit_id")
    )
    found = 0
    for person in again:
        name = f"{person.given_names} {person.family_name}".strip() or person.name_latin
        best = max(
            (
                fuzz.token_sort_ratio(name, f"{given} {family}".strip() or latin)
                for pk, given, family, latin, _ in everyone
                if pk != person.pk
            ),
            default=0,
        )
        found += best >= 70
    assert found >= len(again) * 0.8


@pytest.mark.django_db
def test_persons_in_seizures_organisers_recur(generated):
    involvements = SeizurePerson.objects.all()
    assert involvements.count() > SEIZURES / 4
    roles = Counter(involvements.values_list("role", flat=True))
    assert {"courier", "organiser", "driver"} <= set(roles)
    organisers = (
        involvements.filter(role="organiser")
        .values("person")
        .annotate(n=Count("seizure"))
        .filter(n__gte=2)
        .order_by("person")
    )
    assert organisers.exists()
    # A courier is recorded by the unit of the seizure they were caught in.
    same_unit = sum(
        person_unit == seizure_unit
        for person_unit, seizure_unit in involvements.filter(role="courier").values_list(
            "person__unit_id", "seizure__unit_id"
        )
    )
    assert same_unit >= roles["courier"] * 0.7
    links = Counter(PersonLink.objects.values_list("type", flat=True))
    assert links["associate"] and links["family"]
    # Organisers are linked to their couriers.
    organiser_id = organisers.first()["person"]
    assert PersonLink.objects.filter(Q(person_id=organiser_id) | Q(other_id=organiser_id)).exists()


@pytest.mark.django_db
def test_without_seizures_persons_stand_alone(demo_base):
    Seizure.objects.all().delete()
    call_command("demo", seizures=0, persons=80, companies=0, seed=2, verbosity=0)
    assert Person.objects.count() == 80
    assert not SeizurePerson.objects.exists()
    units = defaultdict(int)
    for unit_id in Person.objects.values_list("unit_id", flat=True):
        units[unit_id] += 1
    assert len(units) > 3  # spread over the demo units
