"""The match API: ``/api/v1/persons/match/`` and ``/api/v1/companies/match/``."""

from __future__ import annotations

import pytest

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PERSON_BODY = {
    "given_names": "Mohammed",
    "family_name": "Al-Hassan",
    "birth_date": "1984-03-02",
    "sex": "male",
    "nationalities": ["SD"],
    "category": "suspect",
    "documents": [{"type": "passport", "number": "P01234567", "country": "SD"}],
    "aliases": [{"name": "Abu Ali", "type": "nickname"}],
}


@pytest.fixture
def client_as(api_client):
    def _as(user):
        api_client.force_authenticate(user)
        return api_client

    return _as


@pytest.fixture
def al_hassan(make_person):
    return make_person(
        "Mohammed",
        "Al-Hassan",
        birth="1984-03-02",
        nationalities=["SD"],
        documents=[("passport", "P01234567")],
    )


def _match(client, params, path="/api/v1/persons/match/"):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize(
    "params",
    [
        {"name": "Muhammad Alhasan", "birth_date": "1984"},
        {"name": "محمد الحسن"},
        {"name": "AL HASSAN Mohamed"},
    ],
)
def test_acceptance_person_created_through_the_api_comes_first(
    client_as, officer, countries, params
):
    client = client_as(officer)
    created = client.post("/api/v1/persons/", PERSON_BODY, format="json")
    assert created.status_code == 201, created.content
    results = _match(client, params)
    assert results[0]["id"] == created.json()["id"]
    assert set(results[0]) >= {"id", "score", "name", "explanation"}
    assert 0 < results[0]["score"] <= 1


def test_acceptance_namesake_born_1991_ranks_below(client_as, officer, countries):
    client = client_as(officer)
    first = client.post("/api/v1/persons/", PERSON_BODY, format="json").json()["id"]
    other = client.post(
        "/api/v1/persons/",
        {**PERSON_BODY, "birth_date": "1991-06-01", "documents": [], "aliases": []},
        format="json",
    ).json()["id"]
    results = _match(client, {"name": "Mohammed Al-Hassan", "birth_date": "1984"})
    ids = [r["id"] for r in results]
    assert ids.index(first) < ids.index(other)
    assert results[0]["score"] > results[1]["score"]


def test_acceptance_company_legal_form(client_as, officer, countries):
    client = client_as(officer)
    created = client.post(
        "/api/v1/companies/",
        {"name": "BLUE OCEAN TRADING PROPRIETARY LIMITED", "country": "ZA", "kind": "importer"},
        format="json",
    )
    assert created.status_code == 201, created.content
    results = _match(
        client, {"name": "Blue Ocean Trading (Pty) Ltd"}, path="/api/v1/companies/match/"
    )
    assert results[0]["id"] == created.json()["id"]
    assert results[0]["name"] == "BLUE OCEAN TRADING PROPRIETARY LIMITED"


def test_document_number_alone_and_limit(client_as, analyst, al_hassan, make_person):
    for year in range(1970, 1980):
        make_person("Mohammed", "Hassan", birth=str(year))
    client = client_as(analyst)
    results = _match(client, {"document_number": "p0123-4567"})
    assert results[0]["id"] == str(al_hassan.pk)
    assert "passport number identical" in results[0]["explanation"]
    assert len(_match(client, {"name": "Mohammed Hassan", "limit": 3})) == 3


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/persons/match/", {}),
        ("/api/v1/persons/match/", {"birth_date": "1984", "nationality": "SD"}),
        ("/api/v1/persons/match/", {"name": "x", "limit": 0}),
        ("/api/v1/persons/match/", {"name": "x", "limit": 51}),
        ("/api/v1/persons/match/", {"name": "x", "limit": "many"}),
        ("/api/v1/companies/match/", {"country": "ZA"}),
    ],
)
def test_asking_nothing_or_a_bad_limit_is_400(client_as, analyst, path, params):
    response = client_as(analyst).get(path, params)
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_anonymous_401_and_without_permission_403(api_client, make_user, unit_tree):
    assert api_client.get("/api/v1/persons/match/", {"name": "x"}).status_code == 401
    api_client.force_authenticate(make_user(roles=(), unit=unit_tree["port"]))
    assert api_client.get("/api/v1/persons/match/", {"name": "x"}).status_code == 403
    assert api_client.get("/api/v1/companies/match/", {"name": "x"}).status_code == 403


def test_another_units_restricted_person_is_not_answered(
    client_as, make_user, unit_tree, make_person
):
    from opencen.accounts.choices import Role

    make_person("Ivan", "Petrov", unit=unit_tree["border"], handling_code="H2")
    officer = make_user(roles={Role.OFFICER}, unit=unit_tree["port"])
    assert _match(client_as(officer), {"name": "Ivan Petrov"}) == []


def test_every_match_call_is_audited_with_what_was_asked(client_as, analyst, al_hassan):
    _match(client_as(analyst), {"name": "Muhammad Alhasan", "birth_date": "1984"})
    event = AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).latest("id")
    assert event.actor == analyst
    assert event.target_type == "persons.person"
    assert event.details["query"] == {"name": "Muhammad Alhasan", "birth_date": "1984"}
    assert event.details["results"] >= 1


def test_the_schema_documents_both_endpoints(client_as, analyst):
    response = client_as(analyst).get("/api/v1/schema/")
    if response.status_code == 404:
        pytest.skip("no schema route")
    text = response.content.decode()
    assert "/api/v1/persons/match/" in text
    assert "/api/v1/companies/match/" in text
