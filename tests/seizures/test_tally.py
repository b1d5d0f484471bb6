"""The tally of seizures per unit path and handling code stays exact whatever writes the
seizures (database triggers), and gives each user the exact unfiltered total of their scope."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from opencen.reference.choices import HandlingCode
from opencen.seizures.models import Seizure, SeizureTally
from opencen.seizures.selectors import seizure_count, seizure_list
from opencen.seizures.services import seizure_create, seizure_update
from opencen.seizures.tally import tally_rebuild


def _tally() -> dict[tuple[str, str], int]:
    return {
        (row.unit_path, row.handling_code): row.seizures
        for row in SeizureTally.objects.all()
        if row.seizures
    }


def _counted() -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for unit_path, handling_code in Seizure.objects.values_list("unit_path", "handling_code"):
        counts[unit_path, handling_code] = counts.get((unit_path, handling_code), 0) + 1
    return counts


@pytest.mark.django_db
def test_tally_follows_create_change_bulk_insert_and_delete(officer, make_input):
    first = seizure_create(actor=officer, data=make_input())
    second = seizure_create(actor=officer, data=make_input(handling_code=HandlingCode.H2))
    assert _tally() == _counted() == {(first.unit_path, "H0"): 1, (first.unit_path, "H2"): 1}

    seizure_update(
        actor=officer,
        seizure=first,
        data=make_input(handling_code=HandlingCode.H3),
        expected_version=first.version,
    )
    assert _tally() == _counted()

    copies = []
    for index in range(3):
        copy = Seizure.objects.get(pk=second.pk)
        copy.pk = uuid.uuid4()
        copy.reference = f"{second.reference}-{index}"
        copy.unit_path = "/elsewhere/"
        copies.append(copy)
    Seizure.objects.bulk_create(copies)
    assert _tally() == _counted()
    assert _tally()["/elsewhere/", "H2"] == 3

    Seizure.objects.filter(unit_path="/elsewhere/").update(handling_code=HandlingCode.H1)
    assert _tally() == _counted()
    Seizure.objects.filter(pk__in=[copy.pk for copy in copies[:2]]).delete()
    first.delete()
    assert _tally() == _counted()


@pytest.mark.django_db
def test_tally_follows_a_rewrite_of_the_unit_path(officer, make_input, unit_tree):
    """A unit moved under another parent: its seizures' stored path is rewritten."""
    seizure_create(actor=officer, data=make_input())
    seizure_create(actor=officer, data=make_input(handling_code=HandlingCode.H2))
    old_path = officer.unit.path
    new_path = unit_tree["south"].path + "PORT/"
    Seizure.objects.filter(unit_path=old_path).update(unit_path=new_path)
    assert _tally() == _counted() == {(new_path, "H0"): 1, (new_path, "H2"): 1}


@pytest.mark.django_db
def test_rebuild_gives_the_same_tally(officer, make_input):
    seizure_create(actor=officer, data=make_input())
    before = _tally()
    SeizureTally.objects.all().delete()
    tally_rebuild(connection)
    assert _tally() == before == _counted()


@pytest.mark.django_db
def test_count_in_scope_equals_counting_the_seizures(
    officer, other_officer, analyst, supervisor, make_input
):
    for handling_code in (HandlingCode.H0, HandlingCode.H1, HandlingCode.H2, HandlingCode.H3):
        seizure_create(actor=officer, data=make_input(handling_code=handling_code))
    seizure_create(actor=other_officer, data=make_input(handling_code=HandlingCode.H2))
    seizure_create(actor=other_officer, data=make_input())
    for user in (officer, other_officer, analyst, supervisor):
        assert seizure_count(user=user) == seizure_list(user=user).count(), user
    assert seizure_count(user=analyst) == 4  # H0 and H1 everywhere, H2 of its own region
