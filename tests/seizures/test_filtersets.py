"""The shared seizure filters find what an officer asks for, by code."""

from __future__ import annotations

import pytest

from opencen.reference import models as ref
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.selectors import seizure_list
from opencen.seizures.services import GoodsInput, RouteLegInput, seizure_create


@pytest.fixture
def two_seizures(officer, make_input):
    cocaine = seizure_create(actor=officer, data=make_input())
    data = make_input(narrative="Cigarettes in a truck", conveyances=[], concealments=[])
    data.goods = [
        GoodsInput(
            commodity_type=ref.CommodityType.objects.get(code="cigarettes"),
            quantity=10000,
            unit=ref.MeasurementUnit.objects.get(code="sticks"),
            description="Counterfeit brand cigarettes",
        )
    ]
    data.route = [
        RouteLegInput(role="origin", country=ref.Country.objects.get(code="NL")),
        RouteLegInput(role="destination", country=ref.Country.objects.get(code="GB")),
    ]
    cigarettes = seizure_create(actor=officer, data=data)
    return cocaine, cigarettes


def _filter(user, **params):
    return set(SeizureFilterSet(params, queryset=seizure_list(user=user)).qs)


@pytest.mark.django_db
def test_filters_by_commodity_country_text_and_identifier(officer, two_seizures):
    cocaine, cigarettes = two_seizures
    assert _filter(officer, commodity_type="cocaine") == {cocaine}
    assert _filter(officer, commodity_section="tobacco") == {cigarettes}
    assert _filter(officer, country="nl") == {cigarettes}
    assert _filter(officer, country="BR", commodity_type="cocaine") == {cocaine}
    assert _filter(officer, q="counterfeit") == {cigarettes}
    assert _filter(officer, q="csqu 305438-3") == {cocaine}
    assert _filter(officer, q=cocaine.reference.lower()) == {cocaine}
    assert _filter(officer, unit="NORTH") == {cocaine, cigarettes}
    assert _filter(officer, unit="SOUTH") == set()
    assert _filter(officer, detection_method="xray") == {cocaine, cigarettes}
