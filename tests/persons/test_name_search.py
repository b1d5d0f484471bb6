"""The name filter of the person list (and of every person search box): each word typed
is the beginning of a name part, in any of the person's names or aliases, found through
the matching keys rather than by reading every person."""

from __future__ import annotations

import pytest
from django.db import connection

from opencen.core.db import refresh_statistics
from opencen.persons.filtersets import name_q
from opencen.persons.models import Person
from opencen.seizures.involvements import person_search


def _found(text: str) -> set[str]:
    return set(Person.objects.filter(name_q(text)).values_list("family_name", flat=True))


@pytest.mark.django_db
def test_the_beginning_of_a_name_part_finds_the_person_whatever_the_part(make_person, countries):
    make_person()  # Mohammed Al-Hassan, alias Abu Ali
    make_person(given_names="Ivan", family_name="Petrov", documents=[], aliases=[])
    assert _found("hass") == {"Al-Hassan"}
    assert _found("HASSAN moh") == {"Al-Hassan"}
    assert _found("al-hassan") == {"Al-Hassan"}
    assert _found("petr") == {"Petrov"}
    assert _found("abu ali") == {"Al-Hassan"}  # the alias
    assert _found("ivan hassan") == set()  # every word must be found
    assert _found("zzzz") == set()


@pytest.mark.django_db
def test_a_name_typed_in_its_own_script_finds_the_person(make_person, countries):
    make_person(name_original="محمد الحسن")
    assert _found("الحسن") == {"Al-Hassan"}
    assert _found("محمد") == {"Al-Hassan"}


@pytest.mark.django_db
def test_the_seizure_page_search_box_finds_by_the_beginning_of_a_name(
    officer, make_person, countries
):
    make_person()
    assert [p.family_name for p in person_search(officer, "al-hass")] == ["Al-Hassan"]
    assert person_search(officer, "petrov") == []


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own statistics")
def test_refreshing_statistics_describes_persons_and_leaves_seizures_alone(make_person, countries):
    make_person()
    assert refresh_statistics() is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'persons_person'")
        assert cursor.fetchone()[0] > 0
        # The seizure list's plan relies on SQLite's defaults: no statistics there.
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE 'seizures_%'")
        assert cursor.fetchone()[0] == 0
