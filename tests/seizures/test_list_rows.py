"""The seizure list's rows and filter choices: what each row shows (first goods item, the
count of the others, the route in order, the place or position, the status), and filter
labels that follow an administrator's edit of a code list at once."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from opencen.reference import models as ref
from opencen.reference.selectors import code_list_version
from opencen.reference.services import code_lists_changed
from opencen.seizures.services import GoodsInput, RouteLegInput, seizure_create
from opencen.seizures.workflow import seizure_transition

LIST = reverse("seizures:list")
RESULTS = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "seizure-results"}


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _rows(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r"<tr>\s*<td.*?</tr>", body, flags=re.S)


def _country_option(response, code: str) -> str:
    match = re.search(rf'<option value="{code}"[^>]*>([^<]*)</option>', response.content.decode())
    return match.group(1) if match else ""


@pytest.mark.django_db
def test_a_row_shows_the_first_goods_item_the_others_counted_and_the_route_in_order(
    officer_client, officer, make_input
):
    kg = ref.MeasurementUnit.objects.get(code="kg")
    goods = [
        GoodsInput(
            commodity_type=ref.CommodityType.objects.get(code="cocaine"),
            quantity=Decimal("1541000.000"),
            unit=kg,
        ),
        GoodsInput(
            commodity_type=ref.CommodityType.objects.get(code="cannabis_herb"),
            quantity=Decimal("2"),
            unit=kg,
        ),
        GoodsInput(
            commodity_type=ref.CommodityType.objects.get(code="cannabis_herb"),
            quantity=Decimal("3"),
            unit=kg,
        ),
    ]
    route = [
        RouteLegInput(role="origin", country=ref.Country.objects.get(code="BR")),
        RouteLegInput(role="transit", country=ref.Country.objects.get(code="NL")),
        RouteLegInput(role="destination", country=ref.Country.objects.get(code="ZA")),
    ]
    seizure = seizure_create(actor=officer, data=make_input(goods=goods, route=route))
    (row,) = _rows(officer_client.get(LIST, **RESULTS))
    assert f'href="{reverse("seizures:detail", args=[seizure.pk])}"' in row
    assert seizure.reference in row
    assert 'Cocaine <span class="text-nowrap fw-semibold">1,541,000 kg</span>' in row
    assert "+2 more" in row
    assert "BR → NL → ZA" in row  # the route column
    assert "BR→NL→ZA" in row  # the line shown on phones
    assert '<span title="Durban (ZADUR)">Durban</span>' in row
    assert '<span class="badge text-bg-secondary">Draft</span>' in row
    local = timezone.localtime(seizure.occurred_at)
    assert f'<time datetime="{local.isoformat()}">{local.date().isoformat()}</time>' in row


@pytest.mark.django_db
def test_a_row_without_place_shows_its_position_and_a_submitted_badge(
    officer_client, officer, make_input
):
    seizure = seizure_create(
        actor=officer, data=make_input(place=None, latitude=-29.87123, longitude=31.02684)
    )
    seizure_transition(actor=officer, seizure=seizure, transition="submit")
    (row,) = _rows(officer_client.get(LIST, **RESULTS))
    assert "-29.871, 31.027" in row
    assert '<span class="badge text-bg-primary">Submitted</span>' in row
    assert "more</span>" not in row  # one goods item: nothing more to count


@pytest.mark.django_db
def test_rows_show_commodity_and_place_labels_in_the_users_language(
    officer_client, officer, make_input
):
    ref.CommodityType.objects.filter(code="cocaine").update(translations={"fr": "Cocaïne"})
    ref.Place.objects.filter(code="ZADUR").update(translations={"fr": "Port de Durban"})
    seizure_create(actor=officer, data=make_input())
    (row,) = _rows(officer_client.get(LIST, HTTP_ACCEPT_LANGUAGE="fr", **RESULTS))
    assert "Cocaïne <span" in row
    assert "Port de Durban (ZADUR)" in row
    (row,) = _rows(officer_client.get(LIST, HTTP_ACCEPT_LANGUAGE="en", **RESULTS))
    assert "Cocaine <span" in row


@pytest.mark.django_db
def test_an_administrators_edit_of_a_code_list_shows_in_the_filters_at_once(
    officer_client, reference_data
):
    assert _country_option(officer_client.get(LIST), "BR") == "Brazil (BR)"
    country = ref.Country.objects.get(code="BR")
    country.label = "Brazil, Federative Republic"
    country.save()  # as the administration page saves it
    assert _country_option(officer_client.get(LIST), "BR") == "Brazil, Federative Republic (BR)"
    country.translations = {"fr": "Brésil"}
    country.save()
    assert _country_option(officer_client.get(LIST, HTTP_ACCEPT_LANGUAGE="fr"), "BR") == (
        "Brésil (BR)"
    )
    country.active = False
    country.save()
    assert _country_option(officer_client.get(LIST), "BR") == ""


@pytest.mark.django_db
def test_a_change_made_by_another_process_is_noticed_through_the_version(
    officer_client, reference_data
):
    """Another worker's edit reaches this process only through the database: the version
    token it renewed (a bulk update sends no signal here)."""
    assert _country_option(officer_client.get(LIST), "NL") == "Netherlands (NL)"
    ref.Country.objects.filter(code="NL").update(label="The Netherlands")
    code_lists_changed()
    assert _country_option(officer_client.get(LIST), "NL") == "The Netherlands (NL)"


@pytest.mark.django_db
def test_writes_to_code_lists_renew_the_version(reference_data):
    before = code_list_version()
    ref.ConveyanceType.objects.create(code="drone", label="Drone")
    after_create = code_list_version()
    assert after_create != before
    ref.CommodityType.objects.get(code="cocaine").allowed_units.clear()
    assert code_list_version() != after_create


@pytest.mark.django_db
def test_the_filter_keeps_what_was_chosen(officer_client, reference_data):
    response = officer_client.get(LIST, {"country": "ZA", "commodity_type": "cocaine"})
    body = response.content.decode()
    assert '<option value="ZA" selected>South Africa (ZA)</option>' in body
    assert '<option value="cocaine" selected>Cocaine</option>' in body
    assert '<option value="" selected>Any</option>' in body  # the other selects


@pytest.mark.django_db
def test_a_page_of_rows_is_the_newest_first(officer_client, officer, make_input):
    made = [
        seizure_create(
            actor=officer,
            data=make_input(occurred_at=timezone.now() - datetime.timedelta(days=days)),
        )
        for days in (3, 1, 2)
    ]
    response = officer_client.get(LIST, {"per_page": 2}, **RESULTS)
    assert [row.pk for row in response.context["seizures"]] == [made[1].pk, made[2].pk]
