"""Seizure pages through the test client: list, detail, quick and full forms, edit with
conflicts, history, workflow buttons, helpers for htmx, and scoping (404 out of scope)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.choices import SeizureStatus
from opencen.seizures.models import Seizure
from opencen.seizures.services import (
    ConveyanceInput,
    GoodsInput,
    RouteLegInput,
    seizure_create,
    seizure_update,
)
from opencen.seizures.workflow import seizure_transition

LIST = reverse("seizures:list")
QUICK = reverse("seizures:create-quick")
FULL = reverse("seizures:create")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def seizure(officer, make_input):
    return seizure_create(actor=officer, data=make_input())


def _yesterday(hour: int = 9) -> str:
    moment = timezone.localtime() - datetime.timedelta(days=1)
    return moment.replace(hour=hour, minute=30).strftime("%Y-%m-%dT%H:%M")


def quick_data(**overrides) -> dict:
    data = {
        "occurred_at": _yesterday(),
        "place": "ZADUR",
        "direction": "import",
        "commodity_type": "cocaine",
        "quantity": "12.5",
        "unit": "kg",
        "detection_method": "xray",
        "concealment_method": "in_cargo",
        "conveyance_type": "sea_container",
        "departure_country": "BR",
        "destination_country": "ZA",
    }
    data.update(overrides)
    return data


def full_data(**overrides) -> dict:
    """A full form as the page posts it; row indices with a gap, as after a removal."""
    data = {
        "occurred_at": _yesterday(),
        "direction": "import",
        "place": "zadur",
        "latitude": "",
        "longitude": "",
        "detection_methods": ["xray", "detector_dog"],
        "offence_types": ["drug_trafficking"],
        "narrative": "Bricks behind the front wall.",
        "handling_code": "H0",
        "source_reliability": "B",
        "information_accuracy": "2",
        "share_cen": "on",
        "goods-0-commodity_type": "cocaine",
        "goods-0-quantity": "12.5",
        "goods-0-unit": "kg",
        "goods-0-description": "white powder in bricks",
        "goods-0-hs_code": "293972",
        "goods-3-commodity_type": "cannabis_herb",
        "goods-3-quantity": "3",
        "goods-3-unit": "kg",
        "concealments-0-method": "compartment",
        "concealments-0-description": "behind the front wall",
        "conveyances-0-type": "",  # an empty row is ignored
        "conveyances-2-type": "sea_container",
        "conveyances-2-container_number": "csqu 305438-3",
        "route-0-role": "departure",
        "route-0-country": "BR",
        "route-0-place": "BRSSZ",
        "route-1-role": "destination",
        "route-1-country": "ZA",
        "route-1-place": "ZADUR",
        "route-1-date": "",
    }
    data.update(overrides)
    return data


def _text(response) -> str:
    return response.content.decode()


# --- list ---------------------------------------------------------------------------------


def test_list_without_seizures_offers_both_forms(officer_client, reference_data):
    response = officer_client.get(LIST)
    assert response.status_code == 200
    body = _text(response)
    assert "No seizure has been recorded yet." in body
    assert QUICK in body and FULL in body


def test_list_rows_show_reference_goods_route_and_total(officer_client, seizure):
    response = officer_client.get(LIST)
    body = _text(response)
    assert seizure.reference in body
    assert "1 seizure" in body
    assert "Cocaine" in body and "12.5 kg" in body
    assert "BR → ZA" in body
    assert "ZADUR" in body
    assert "Draft" in body


def test_list_filters_through_the_page(officer_client, officer, make_input, reference_data):
    cocaine = seizure_create(actor=officer, data=make_input())
    cigarettes = seizure_create(
        actor=officer,
        data=make_input(
            goods=[
                GoodsInput(
                    commodity_type=ref.CommodityType.objects.get(code="cigarettes"),
                    quantity=Decimal(2000),
                    unit=ref.MeasurementUnit.objects.get(code="sticks"),
                )
            ],
            route=[
                RouteLegInput(role="departure", country=ref.Country.objects.get(code="NL")),
                RouteLegInput(role="destination", country=ref.Country.objects.get(code="GB")),
            ],
            conveyances=[],
        ),
    )

    def refs(**params):
        return _text(officer_client.get(LIST, params))

    body = refs(commodity_type="cigarettes")
    assert cigarettes.reference in body and cocaine.reference not in body
    body = refs(commodity_section="drugs")
    assert cocaine.reference in body and cigarettes.reference not in body
    body = refs(country="NL")
    assert cigarettes.reference in body and cocaine.reference not in body
    body = refs(q="CSQU3054383")
    assert cocaine.reference in body and cigarettes.reference not in body
    body = refs(status="draft", ordering="reference")
    assert body.index(cocaine.reference) < body.index(cigarettes.reference)
    body = refs(ordering="-reference")
    assert body.index(cigarettes.reference) < body.index(cocaine.reference)
    body = refs(conveyance_type="sea_container", country="GB")
    assert "No seizure matches these filters." in body
    assert "Clear filters" in body


def test_list_filter_selects_hold_code_list_labels(officer_client, reference_data):
    body = _text(officer_client.get(LIST))
    assert '<option value="BR">Brazil (BR)</option>' in body
    assert '<optgroup label="Drugs">' in body
    assert 'value="sea_container"' in body


def test_list_answers_the_results_only_to_htmx(officer_client, seizure):
    full = officer_client.get(LIST, {"commodity_type": "cocaine"})
    partial = officer_client.get(
        LIST,
        {"commodity_type": "cocaine"},
        headers={"HX-Request": "true", "HX-Target": "seizure-results"},
    )
    assert "<html" in _text(full) and "<html" not in _text(partial)
    assert seizure.reference in _text(partial)
    assert "<form" not in _text(partial)
    assert 'hx-target="#seizure-results"' in _text(full)


def _make_many(officer, make_input, count: int) -> None:
    base = make_input()
    for index in range(count):
        base.occurred_at = timezone.now() - datetime.timedelta(days=1, minutes=index)
        seizure_create(actor=officer, data=base)


def test_list_runs_a_fixed_number_of_queries(officer_client, officer, make_input):
    _make_many(officer, make_input, 5)
    officer_client.get(LIST)  # the first visit reads the filters' code lists (kept after)
    with CaptureQueriesContext(connection) as five:
        response = officer_client.get(LIST)
    assert response.content.count(b"seizures/") >= 5
    _make_many(officer, make_input, 35)
    with CaptureQueriesContext(connection) as forty:
        response = officer_client.get(LIST)
    assert "40 seizures" in _text(response)
    assert len(forty) == len(five), [q["sql"] for q in forty.captured_queries]
    assert len(forty) <= 20  # session, user, code-list version, count, page, goods, route...


# --- detail -------------------------------------------------------------------------------


def test_detail_shows_every_section(officer_client, seizure):
    body = _text(officer_client.get(reverse("seizures:detail", args=[seizure.pk])))
    for text in (
        seizure.reference,
        "Durban",
        "Import",
        "X-ray or scanner",
        "white powder in bricks",
        "293972",
        "behind the container&#x27;s front wall",
        "CSQU3054383",
        "Santos",
        "Cocaine in bricks",
        "H0",
        "Regional partners",
        "Submit for validation",
        reverse("seizures:edit", args=[seizure.pk]),
        reverse("seizures:history", args=[seizure.pk]),
    ):
        assert text in body, text
    route = re.search(r'id="route-heading".*?</ol>', body, re.S).group(0)
    assert route.index("Departure") < route.index("Destination")


def test_out_of_scope_seizure_answers_404(client, other_officer, seizure):
    client.force_login(other_officer)
    for name in ("seizures:detail", "seizures:history"):
        assert client.get(reverse(name, args=[seizure.pk])).status_code == 404
    assert client.get(reverse("seizures:edit", args=[seizure.pk])).status_code == 404
    url = reverse("seizures:transition", args=[seizure.pk, "submit"])
    assert client.post(url).status_code == 404
    assert seizure.reference not in _text(client.get(LIST))


def test_restricted_handling_code_hides_it_from_an_analyst_elsewhere(
    client, analyst, officer, make_input
):
    restricted = seizure_create(actor=officer, data=make_input(handling_code=HandlingCode.H2))
    client.force_login(analyst)
    assert client.get(reverse("seizures:detail", args=[restricted.pk])).status_code == 404


def test_analyst_reads_but_cannot_open_the_forms(client, analyst, seizure):
    client.force_login(analyst)
    assert client.get(reverse("seizures:detail", args=[seizure.pk])).status_code == 200
    assert client.get(reverse("seizures:edit", args=[seizure.pk])).status_code == 403
    assert client.get(QUICK).status_code == 403
    assert "Quick record" not in _text(client.get(LIST))


# --- quick form ---------------------------------------------------------------------------


def test_quick_form_saves_a_draft(officer_client, officer, reference_data):
    response = officer_client.get(QUICK)
    assert response.status_code == 200
    assert 'list="place-options"' in _text(response)
    response = officer_client.post(QUICK, quick_data(draft="1"))
    seizure = Seizure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("seizures:detail", args=[seizure.pk])
    assert seizure.status == SeizureStatus.DRAFT
    assert seizure.unit == officer.unit and seizure.place_id == "ZADUR"
    item = seizure.goods.get()
    assert (item.commodity_type_id, item.quantity, item.unit_id) == (
        "cocaine",
        Decimal("12.5"),
        "kg",
    )
    assert [leg.country_id for leg in seizure.route.all()] == ["BR", "ZA"]
    assert seizure.concealments.get().method_id == "in_cargo"
    assert seizure.conveyances.get().type_id == "sea_container"
    assert list(seizure.detection_methods.values_list("code", flat=True)) == ["xray"]


def test_quick_form_save_and_submit(officer_client, reference_data):
    officer_client.post(QUICK, quick_data(submit="1"))
    assert Seizure.objects.get().status == SeizureStatus.SUBMITTED


def test_quick_form_accepts_an_iata_code_for_the_place(officer_client, reference_data):
    ref.Place.objects.create(
        code="FAOR", label="O. R. Tambo", kind="airport", country_id="ZA", iata="JNB"
    )
    officer_client.post(QUICK, quick_data(place="jnb"))
    assert Seizure.objects.get().place_id == "FAOR"


def test_quick_form_errors_keep_everything_typed(officer_client, reference_data):
    response = officer_client.post(
        QUICK, quick_data(commodity_type="cigarettes", quantity="2000", unit="kg", place="nowhere")
    )
    assert response.status_code == 200
    assert not Seizure.objects.exists()
    body = _text(response)
    assert "No place has the code NOWHERE" in body
    assert 'value="nowhere"' in body
    assert 'value="2000"' in body
    # The unit select only offers the units cigarettes are counted in.
    unit_select = re.search(r'<select name="unit".*?</select>', body, re.S).group(0)
    assert 'value="sticks"' in unit_select and 'value="kg"' not in unit_select
    assert '<option value="cigarettes" selected>' in body


def test_quick_form_service_error_lands_on_the_unit(officer_client, reference_data):
    cigarettes = ref.CommodityType.objects.get(code="cigarettes")
    cigarettes.allowed_units.add(ref.MeasurementUnit.objects.get(code="kg"))
    form_unit_ok = quick_data(commodity_type="cigarettes", quantity="0", unit="kg")
    response = officer_client.post(QUICK, form_unit_ok)
    body = _text(response)
    assert "The quantity must be more than 0." in body
    assert not Seizure.objects.exists()


def test_quick_form_future_date_is_refused(officer_client, reference_data):
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    body = _text(officer_client.post(QUICK, quick_data(occurred_at=future)))
    assert "cannot be in the future" in body
    assert f'value="{future}"' in body


# --- full form ----------------------------------------------------------------------------


def test_full_form_renders_empty_rows(officer_client, reference_data):
    body = _text(officer_client.get(FULL))
    for name in ("goods-0-commodity_type", "concealments-0-method", "route-1-country"):
        assert f'name="{name}"' in body
    assert reverse("seizures:form-row", args=["goods"]) + "?index=1" in body


def test_full_form_saves_every_section(officer_client, reference_data):
    response = officer_client.post(FULL, full_data(draft="1"))
    assert response.status_code == 302, _text(response)
    seizure = Seizure.objects.get()
    assert [g.commodity_type_id for g in seizure.goods.all()] == ["cocaine", "cannabis_herb"]
    assert seizure.goods.all()[0].hs_code_id == "293972"
    assert seizure.conveyances.get().container_number == "CSQU3054383"
    assert seizure.concealments.get().description == "behind the front wall"
    assert [leg.place_id for leg in seizure.route.all()] == ["BRSSZ", "ZADUR"]
    assert seizure.share_cen and not seizure.share_regional
    assert seizure.source_reliability == "B"
    assert set(seizure.detection_methods.values_list("code", flat=True)) == {"xray", "detector_dog"}
    assert seizure.status == SeizureStatus.DRAFT


def test_full_form_service_errors_land_on_their_row(officer_client, reference_data):
    data = full_data(
        **{
            "conveyances-2-container_number": "CSQU3054384",
            "goods-3-unit": "sticks",
            "route-1-place": "BRSSZ",
        }
    )
    response = officer_client.post(FULL, data)
    assert response.status_code == 200
    assert not Seizure.objects.exists()
    body = _text(response)
    # The container error sits in the conveyance row the user typed (index 2).
    row = re.search(r'name="conveyances-2-container_number".*?</div>\s*</div>', body, re.S).group(0)
    assert "Check digit of container CSQU3054384 is wrong" in row
    assert 'value="CSQU3054384"' in body
    goods_row = re.search(r'name="goods-3-unit".*?</div>', body, re.S).group(0)
    assert "is counted in" in goods_row and "not sticks" in goods_row
    assert "This place is not in the country of this leg." in body
    assert 'value="Bricks behind the front wall."' not in body  # textarea keeps its text
    assert "Bricks behind the front wall." in body


def test_full_form_half_filled_row_asks_for_the_rest(officer_client, reference_data):
    data = full_data(**{"goods-5-description": "a bag", "goods-5-quantity": ""})
    body = _text(officer_client.post(FULL, data))
    assert body.count("Fill this in, or remove the row.") == 3  # commodity, quantity, unit
    # The empty conveyance row (conveyances-0) is dropped, not flagged.
    assert body.count("invalid-feedback") == 3
    assert 'value="a bag"' in body
    assert not Seizure.objects.exists()


def test_full_form_save_and_submit_reports_what_is_missing(officer_client, reference_data):
    data = {k: v for k, v in full_data(submit="1").items() if not k.startswith("route-")}
    response = officer_client.post(FULL, data, follow=True)
    seizure = Seizure.objects.get()
    assert seizure.status == SeizureStatus.DRAFT
    assert "saved but not submitted" in _text(response)


def test_add_row_endpoint_answers_the_next_row_and_moves_the_button(officer_client, reference_data):
    url = reverse("seizures:form-row", args=["goods"])
    body = _text(officer_client.get(url, {"index": 4}, headers={"HX-Request": "true"}))
    assert 'name="goods-4-commodity_type"' in body
    assert 'hx-swap-oob="true"' in body and "index=5" in body
    assert officer_client.get(url, {"remove": 1}).content == b""
    assert officer_client.get(reverse("seizures:form-row", args=["nope"])).status_code == 404


def test_unit_options_follow_the_commodity(officer_client, reference_data):
    url = reverse("seizures:unit-options")
    body = _text(
        officer_client.get(url, {"goods-0-commodity_type": "cigarettes", "goods-0-unit": "packs"})
    )
    assert 'value="sticks"' in body and 'value="kg"' not in body
    assert '<option value="packs" selected>' in body


def test_place_search_fills_the_datalist(officer_client, reference_data):
    url = reverse("seizures:place-options")
    body = _text(officer_client.get(url, {"route-0-place": "durb"}))
    assert '<option value="ZADUR">' in body
    assert _text(officer_client.get(url, {"place": "x"})).strip() == ""


# --- edit ---------------------------------------------------------------------------------


def _edit_post(seizure, **overrides) -> dict:
    data = full_data(version=str(seizure.version))
    data.update(overrides)
    return data


def test_edit_saves_and_history_shows_the_differences(officer_client, seizure):
    url = reverse("seizures:edit", args=[seizure.pk])
    page = _text(officer_client.get(url))
    assert f'name="version" value="{seizure.version}"' in page
    assert 'value="ZADUR"' in page and "white powder in bricks" in page
    response = officer_client.post(url, _edit_post(seizure, narrative="New facts."))
    assert response.status_code == 302, _text(response)
    seizure.refresh_from_db()
    assert seizure.version == 2 and seizure.narrative == "New facts."
    history = _text(officer_client.get(reverse("seizures:history", args=[seizure.pk])))
    assert history.index("Version 2") < history.index("Version 1")
    assert "Narrative" in history and "New facts." in history
    assert "Cocaine in bricks behind the front wall" in history  # the old value
    assert "Goods" in history and "Cannabis" in history


def test_stale_edit_shows_the_conflict_and_keeps_the_input(
    officer_client, supervisor, seizure, make_input
):
    url = reverse("seizures:edit", args=[seizure.pk])
    stale = _edit_post(seizure, narrative="My version of events.")
    seizure_update(
        actor=supervisor,
        seizure=seizure,
        data=make_input(narrative="Their version of events."),
        expected_version=1,
    )
    response = officer_client.post(url, stale)
    assert response.status_code == 409
    body = _text(response)
    assert "Someone saved this seizure while you were editing it" in body
    panel = re.search(r'id="conflict".*?</table>', body, re.S).group(0)
    assert "Narrative" in panel
    assert "Their version of events." in panel and "My version of events." in panel
    assert "My version of events." in body.split('id="conflict"')[1].split("</table>")[1]
    seizure.refresh_from_db()
    assert seizure.narrative == "Their version of events." and seizure.version == 2
    # Deliberately keeping mine saves over version 2.
    response = officer_client.post(url, {**stale, "use_version": "2"})
    assert response.status_code == 302
    seizure.refresh_from_db()
    assert seizure.narrative == "My version of events." and seizure.version == 3


def test_closed_seizure_cannot_be_edited(officer_client, officer, supervisor, seizure):
    seizure_transition(actor=officer, seizure=seizure, transition="submit")
    seizure_transition(actor=supervisor, seizure=seizure, transition="validate")
    seizure_transition(actor=supervisor, seizure=seizure, transition="close")
    response = officer_client.get(reverse("seizures:edit", args=[seizure.pk]))
    assert response.status_code == 302
    body = _text(officer_client.get(reverse("seizures:detail", args=[seizure.pk])))
    assert reverse("seizures:edit", args=[seizure.pk]) not in body


# --- workflow -----------------------------------------------------------------------------


def test_workflow_buttons_submit_validate_and_return(client, officer, supervisor, seizure):
    detail = reverse("seizures:detail", args=[seizure.pk])
    client.force_login(officer)
    body = _text(client.get(detail))
    assert "Submit for validation" in body and "Validate" not in body
    response = client.post(reverse("seizures:transition", args=[seizure.pk, "submit"]), follow=True)
    assert "is now submitted" in _text(response)

    client.force_login(supervisor)
    body = _text(client.get(detail))
    assert ">Validate</button>" in body and "Return to the officer" in body
    response = client.post(reverse("seizures:transition", args=[seizure.pk, "return"]), follow=True)
    assert "Say why" in _text(response)
    seizure.refresh_from_db()
    assert seizure.status == SeizureStatus.SUBMITTED
    client.post(
        reverse("seizures:transition", args=[seizure.pk, "return"]),
        {"comment": "Add the bill of lading."},
    )
    seizure.refresh_from_db()
    assert seizure.status == SeizureStatus.RETURNED
    client.force_login(officer)
    body = _text(client.get(detail))
    assert "Returned with this comment" in body and "Add the bill of lading." in body


def test_officer_cannot_validate(client, officer, seizure):
    seizure_transition(actor=officer, seizure=seizure, transition="submit")
    client.force_login(officer)
    response = client.post(reverse("seizures:transition", args=[seizure.pk, "validate"]))
    assert response.status_code == 403
    assert client.post(reverse("seizures:transition", args=[seizure.pk, "fly"])).status_code == 404


def test_submit_of_an_incomplete_seizure_says_why(client, officer, make_input):
    incomplete = seizure_create(
        actor=officer,
        data=make_input(
            route=[],
            conveyances=[ConveyanceInput(type=ref.ConveyanceType.objects.get(code="postal"))],
        ),
    )
    client.force_login(officer)
    response = client.post(
        reverse("seizures:transition", args=[incomplete.pk, "submit"]), follow=True
    )
    assert "The route needs an origin or a departure, and a destination." in _text(response)


@pytest.mark.django_db
def test_a_list_of_many_seizures_is_read_newest_first_through_the_time_index(
    client, officer, make_input, monkeypatch
):
    """Above the threshold the page comes from another query plan; the rows are the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opencen.seizures import views as seizure_views
    from opencen.seizures.services import seizure_create

    created = [seizure_create(actor=officer, data=make_input()) for _ in range(4)]
    client.force_login(officer)
    expected = client.get("/seizures/?per_page=3").context["seizures"]
    monkeypatch.setattr(seizure_views, "NEWEST_FIRST_SCAN_FROM", 2)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/seizures/?per_page=3")
    assert [s.pk for s in response.context["seizures"]] == [s.pk for s in expected]
    assert response.context["page_obj"].paginator.count == len(created)
    if connection.vendor == "sqlite":
        assert any('+"seizures_seizure"."unit_path" >=' in q["sql"] for q in queries)
