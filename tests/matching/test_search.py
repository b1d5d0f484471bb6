"""Finding persons and companies by name, birth date, nationality and numbers."""

from __future__ import annotations

import pytest

from opencen.matching.search import CompanyQuery, PersonQuery, company_matches, person_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def al_hassan(make_person):
    return make_person(
        "Mohammed",
        "Al-Hassan",
        birth="1984-03-02",
        nationalities=["SD"],
        documents=[("passport", "P0123-4567")],
        sex="male",
    )


@pytest.fixture
def namesake(make_person):
    return make_person("Mohammed", "Al-Hassan", birth="1991-07-10", nationalities=["EG"])


@pytest.mark.parametrize(
    "name, birth_date",
    [
        ("Muhammad Alhasan", "1984"),
        ("محمد الحسن", ""),
        ("AL HASSAN Mohamed", ""),
        ("Мухаммед Аль-Хасан", ""),
        ("M. Al Hassan", "1984-03"),
        ("Mohamed Alhassan", "02/03/1984"),
    ],
)
def test_spellings_and_scripts_find_the_person_first(
    analyst, al_hassan, make_person, name, birth_date
):
    if birth_date:
        make_person("Mohammed", "Al-Hassan", birth="1991-07-10", nationalities=["EG"])
    make_person("Ahmed", "Hassan", birth="1984")
    make_person("Mohammed", "Osman", birth="1984")
    found = person_matches(user=analyst, query=PersonQuery(name=name, birth_date=birth_date))
    assert found[0].id == al_hassan.pk
    assert found[0].score >= 0.8


def test_a_namesake_born_another_year_ranks_below(analyst, al_hassan, namesake):
    found = person_matches(
        user=analyst, query=PersonQuery(name="Mohammed Al-Hassan", birth_date="1984")
    )
    ids = [m.id for m in found]
    assert ids.index(al_hassan.pk) < ids.index(namesake.pk)
    assert found[0].score > found[1].score
    assert "birth year agrees (1984)" in found[0].explanation
    assert "birth year differs (1991)" in found[1].explanation


def test_explanation_says_what_agreed_and_what_differed(analyst, al_hassan):
    [match] = person_matches(
        user=analyst,
        query=PersonQuery(
            name="Muhammad Alhasan",
            birth_date="1984-03-02",
            nationalities=("SD",),
            document_number="p01234567",
            sex="male",
        ),
        limit=1,
    )
    assert match.name == "Mohammed AL-HASSAN"
    assert match.score == 1.0
    assert match.explanation[0].startswith("name 0.")
    assert "(Muhammad Alhasan ~ Mohammed Al-Hassan)" in match.explanation[0]
    assert "passport number identical" in match.explanation
    assert "birth date agrees (1984-03-02)" in match.explanation
    assert "nationality agrees (SD)" in match.explanation
    assert "sex agrees (male)" in match.explanation


def test_a_document_number_alone_is_enough(analyst, al_hassan, namesake):
    found = person_matches(user=analyst, query=PersonQuery(document_number="P 0123 4567"))
    assert [m.id for m in found] == [al_hassan.pk]
    assert found[0].score >= 0.9


def test_nothing_asked_finds_nothing(analyst, al_hassan):
    assert person_matches(user=analyst, query=PersonQuery()) == []
    assert person_matches(user=analyst, query=PersonQuery(name=" ,. ")) == []


def test_aliases_and_names_as_written_are_searched(analyst, make_person):
    person = make_person(
        "Wei", "Wang", name_original="王伟", aliases=["Big Wang"], nationalities=["CN"]
    )
    make_person("Wei", "Zhang")
    assert person_matches(user=analyst, query=PersonQuery(name="王伟"))[0].id == person.pk
    assert person_matches(user=analyst, query=PersonQuery(name="WANG Wei"))[0].id == person.pk
    assert person_matches(user=analyst, query=PersonQuery(name="Big Wang"))[0].id == person.pk


def test_joined_and_split_parts(analyst, make_person):
    person = make_person("Abdul Rahman", "Khan")
    make_person("Abdul", "Karim")
    for name in ("Abdulrahman Khan", "Abd al-Rahman Khan", "عبد الرحمن خان"):
        assert person_matches(user=analyst, query=PersonQuery(name=name))[0].id == person.pk


def test_typos(analyst, make_person):
    person = make_person("Oluwaseun", "Adebayo", birth="1979")
    make_person("Olusegun", "Obasanjo", birth="1979")
    for name in ("Oluwasuen Adebayo", "Oluwaseun Adebaoy", "Adebayo Oluwaseyn"):
        assert person_matches(user=analyst, query=PersonQuery(name=name))[0].id == person.pk


def test_merged_persons_are_not_found(analyst, al_hassan, namesake):
    from opencen.matching.indexing import person_index

    namesake.merged_into = al_hassan
    namesake.save(update_fields=["merged_into"])
    person_index([namesake.pk])
    found = person_matches(user=analyst, query=PersonQuery(name="Mohammed Al-Hassan"))
    assert [m.id for m in found] == [al_hassan.pk]


def test_scope_leaves_out_another_units_restricted_person(make_user, unit_tree, make_person):
    from opencen.accounts.choices import Role

    hidden = make_person("Ivan", "Petrov", unit=unit_tree["border"], handling_code="H2")
    open_one = make_person("Ivan", "Petrov", unit=unit_tree["border"], birth="1970")
    officer = make_user(roles={Role.ANALYST}, unit=unit_tree["port"])
    ids = [m.id for m in person_matches(user=officer, query=PersonQuery(name="Ivan Petrov"))]
    assert open_one.pk in ids
    assert hidden.pk not in ids


def test_threshold_and_limit(analyst, al_hassan, namesake):
    query = PersonQuery(name="Mohammed Hassan")
    assert len(person_matches(user=analyst, query=query, limit=1)) == 1
    assert person_matches(user=analyst, query=PersonQuery(name="Zebedee"), threshold=0.5) == []


# Companies -----------------------------------------------------------------------------------


def test_company_legal_forms_do_not_matter(analyst, make_company):
    company = make_company("BLUE OCEAN TRADING PROPRIETARY LIMITED", country="ZA")
    make_company("Blue Sky Trading (Pty) Ltd", country="ZA")
    make_company("Ocean Blue Logistics", country="ZA")
    found = company_matches(user=analyst, query=CompanyQuery(name="Blue Ocean Trading (Pty) Ltd"))
    assert found[0].id == company.pk
    assert found[0].score >= 0.9


def test_similar_company_in_another_country_ranks_below(analyst, make_company):
    here = make_company("Golden Star Import Export SARL", country="NG")
    there = make_company("Golden Star Import Export Ltd", country="GB")
    found = company_matches(
        user=analyst, query=CompanyQuery(name="Golden Star Import-Export", country="NG")
    )
    assert [m.id for m in found][:2] == [here.pk, there.pk]
    assert "country differs (GB)" in found[1].explanation


def test_company_registration_number_alone(analyst, make_company):
    company = make_company("Acme Freight GmbH", country="ZA", registration="2011/123456/07")
    found = company_matches(user=analyst, query=CompanyQuery(registration_number="2011 123456 07"))
    assert found[0].id == company.pk
    assert "registration number identical" in found[0].explanation
