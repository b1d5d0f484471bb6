"""The free-text index finds seizures by words and identifiers, and follows every write."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from opencen.seizures import search
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.models import Seizure
from opencen.seizures.selectors import seizure_list
from opencen.seizures.services import ConveyanceInput, seizure_create, seizure_update


def _found(text: str) -> set:
    return set(Seizure.objects.filter(search.seizure_text_q(text)))


@pytest.fixture
def indexed(officer, make_input, reference_data):
    cocaine = seizure_create(actor=officer, data=make_input())
    khat = seizure_create(
        actor=officer,
        data=make_input(
            narrative="Fresh khat in bundles declared as vegetables, flight from Nairobi.",
            conveyances=[
                ConveyanceInput(
                    type=reference_data.ConveyanceType.objects.get(code="air_cargo"),
                    air_waybill="020-12345675",
                    flight_number="KQ 100",
                    airline="Kenya Airways",
                )
            ],
        ),
    )
    return cocaine, khat


@pytest.mark.django_db
def test_finds_words_of_narrative_and_goods(indexed):
    cocaine, khat = indexed
    assert _found("reefer") == {cocaine}  # narrative
    assert _found("white powder") == {cocaine, khat}  # goods description of both
    assert _found("powder vegetables") == {khat}  # every word must be there
    assert _found("Nairobi") == {khat}
    assert _found("cocain") == {cocaine}  # a word of 3 letters or more matches as a prefix
    assert _found("KENYA airways") == {khat}  # airline name, any case
    assert _found("marmalade") == set()


@pytest.mark.django_db
def test_identifiers_match_exactly_however_typed(indexed):
    cocaine, khat = indexed
    assert _found("CSQU3054383") == {cocaine}
    assert _found("csqu 305438-3") == {cocaine}
    assert _found("CSQU3054384") == set()
    assert _found("020-1234 5675") == {khat}
    assert _found("02012345675") == {khat}
    assert _found("KQ100") == {khat}
    assert _found(cocaine.reference) == {cocaine}
    assert _found(cocaine.reference.lower().replace("-", " ")) == {cocaine}


@pytest.mark.django_db
def test_query_syntax_cannot_be_injected(indexed):
    for text in ['"', "cocaine OR", "NEAR(a b)", "*", "a:*", "white & !powder", "'; --", "( )"]:
        _found(text)  # no error from FTS5 or to_tsquery
    assert search.seizure_text_q("  ") == search.seizure_text_q("")


@pytest.mark.django_db
def test_index_follows_updates(officer, indexed, make_input):
    cocaine, _ = indexed
    data = make_input(narrative="Heroin found in a truck's spare wheel.", conveyances=[])
    seizure_update(actor=officer, seizure=cocaine, data=data, expected_version=cocaine.version)
    assert _found("reefer") == set()
    assert _found("spare wheel") == {cocaine}
    assert _found("CSQU3054383") == set()  # the container was removed from the seizure


@pytest.mark.django_db
def test_filterset_text_filter_is_scoped(officer, other_officer, indexed):
    cocaine, _ = indexed
    mine = SeizureFilterSet({"q": "reefer"}, queryset=seizure_list(user=officer)).qs
    assert list(mine) == [cocaine]
    theirs = SeizureFilterSet({"q": "reefer"}, queryset=seizure_list(user=other_officer)).qs
    assert list(theirs) == []


@pytest.mark.django_db
def test_rebuild_and_status_command(indexed, capsys):
    cocaine, khat = indexed
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {search.TABLE}")  # noqa: S608
    assert _found("reefer") == set()
    call_command("search_index", "status", verbosity=0)
    assert "incomplete" in capsys.readouterr().out
    call_command("search_index", "rebuild", verbosity=0)
    assert search.seizure_index_count() == 2
    assert _found("reefer") == {cocaine}
    assert _found("020 12345675") == {khat}
    call_command("search_index", "status", verbosity=0)
    assert "up to date" in capsys.readouterr().out


def test_document_holds_identifiers_normalised():
    document = search.search_document(
        reference="GB-O-PORT1-2026-000001",
        narrative="Text",
        texts=["white powder", ""],
        identifiers=["CSQU 305438-3", "", "KL1234"],
    )
    assert "CSQU3054383" in document.split("\n")
    assert "GBOPORT12026000001" in document
    assert document.count("KL1234") == 1
