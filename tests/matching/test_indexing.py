"""Blocking keys and profiles stay current on every write, and never exist for merged or
deleted records."""

from __future__ import annotations

import pytest

from opencen.matching.indexing import company_index, person_index
from opencen.matching.models import CompanyKey, CompanyProfile, PersonKey, PersonProfile
from opencen.matching.search import CompanyQuery, PersonQuery, company_matches, person_matches

pytestmark = pytest.mark.django_db


def _keys(person):
    return set(PersonKey.objects.filter(person=person).values_list("key", flat=True))


def test_person_create_through_the_service_indexes(analyst, officer, countries):
    from opencen.persons.services import DocumentInput, PersonInput, person_create
    from opencen.reference.models import Country

    person = person_create(
        actor=officer,
        data=PersonInput(
            given_names="Mohammed",
            family_name="Al-Hassan",
            birth_date="1984-03-02",
            nationalities=[Country.objects.get(code="SD")],
            documents=[DocumentInput(type="passport", number="P01234567")],
        ),
    )
    keys = _keys(person)
    assert "p:hsn|mhmd" in keys
    assert "d:P01234567" in keys
    assert set(PersonKey.objects.filter(person=person).values_list("birth_year", flat=True)) == {
        1984
    }
    profile = PersonProfile.objects.get(person=person)
    assert profile.nationalities == ["SD"]
    assert profile.documents[0][:2] == ["passport", "P01234567"]
    found = person_matches(user=analyst, query=PersonQuery(name="Muhammad Alhasan"))
    assert found[0].id == person.pk


def test_person_update_replaces_the_keys(analyst, officer, countries):
    from opencen.persons.services import PersonInput, person_create, person_update

    person = person_create(
        actor=officer, data=PersonInput(given_names="Ivan", family_name="Petrov")
    )
    person_update(
        actor=officer,
        person=person,
        data=PersonInput(given_names="Ivan", family_name="Sidorov"),
        version=person.version,
    )
    keys = _keys(person)
    assert not any("ptrf" in k for k in keys)
    assert any("sdrf" in k for k in keys)
    assert person_matches(user=analyst, query=PersonQuery(name="Ivan Petrov")) == [] or all(
        m.score < 0.8 for m in person_matches(user=analyst, query=PersonQuery(name="Ivan Petrov"))
    )
    assert person_matches(user=analyst, query=PersonQuery(name="Ivan Sidorov"))[0].id == person.pk


def test_merged_and_deleted_persons_keep_no_keys(make_person):
    survivor = make_person("Amina", "Okafor")
    duplicate = make_person("Aminah", "Okafor")
    gone = make_person("Chidi", "Eze")
    duplicate.merged_into = survivor
    duplicate.save(update_fields=["merged_into"])
    gone_id = gone.pk
    gone.delete()
    person_index([survivor.pk, duplicate.pk, gone_id])
    assert _keys(survivor)
    assert not _keys(duplicate)
    assert not PersonProfile.objects.filter(person_id=duplicate.pk).exists()
    assert not PersonKey.objects.filter(person_id=gone_id).exists()


def test_indexing_in_bulk_takes_a_few_queries(make_person, django_assert_max_num_queries):
    people = [make_person(f"Person{i}", "Bulk", birth="1990") for i in range(30)]
    with django_assert_max_num_queries(12):
        person_index([p.pk for p in people])
    assert PersonProfile.objects.filter(person__in=people).count() == 30


def test_company_keys_follow_writes(analyst, officer, countries):
    from opencen.companies.services import CompanyInput, company_create, company_update
    from opencen.reference.models import Country

    company = company_create(
        actor=officer,
        data=CompanyInput(
            name="Blue Ocean Trading (Pty) Ltd",
            country=Country.objects.get(code="ZA"),
            registration_number="2011/123456/07",
            trading_names=["BOT Imports"],
        ),
    )
    keys = set(CompanyKey.objects.filter(company=company).values_list("key", flat=True))
    assert {"n:blueoceantrading", "r:201112345607", "p:blue|ocean", "n:botimports"} <= keys
    assert CompanyProfile.objects.get(company=company).country == "ZA"
    found = company_matches(
        user=analyst, query=CompanyQuery(name="BLUE OCEAN TRADING PROPRIETARY LIMITED")
    )
    assert found[0].id == company.pk
    company_update(
        actor=officer,
        company=company,
        data=CompanyInput(name="Red Sea Freight Ltd", country=Country.objects.get(code="ZA")),
        expected_version=company.version,
    )
    keys = set(CompanyKey.objects.filter(company=company).values_list("key", flat=True))
    assert "n:blueoceantrading" not in keys
    assert "n:redseafreight" in keys


def test_merged_companies_keep_no_keys(make_company):
    survivor = make_company("Golden Star Ltd", country="NG")
    duplicate = make_company("Golden Star Limited", country="NG")
    duplicate.merged_into = survivor
    duplicate.save(update_fields=["merged_into"])
    company_index([duplicate.pk])
    assert not CompanyKey.objects.filter(company=duplicate).exists()
    assert not CompanyProfile.objects.filter(company=duplicate).exists()


def test_reindex_command_rebuilds_everything(make_person, make_company):
    from django.core.management import call_command

    person = make_person("Olga", "Ivanova")
    company = make_company("Volga Cargo OOO", country="RU")
    PersonKey.objects.all().delete()
    CompanyKey.objects.all().delete()
    call_command("matching_reindex", "all", batch=1, verbosity=0)
    assert _keys(person)
    assert CompanyKey.objects.filter(company=company).exists()
