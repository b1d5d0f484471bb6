"""The company API: create with the minimal body, retrieve (audited), PATCH with version."""

from __future__ import annotations

import pytest

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/companies/"
BODY = {
    "name": "Blue Ocean Trading (Pty) Ltd",
    "country": "ZA",
    "kind": "importer",
    "registration_number": "2011/123456/07",
}


@pytest.fixture
def client(api_client, port_officer, countries):
    api_client.force_authenticate(port_officer)
    return api_client


def test_the_minimal_body_creates_a_company(client):
    response = client.post(URL, BODY, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["id"] and data["version"] == 1
    assert data["country"] == "ZA" and data["kind"] == "importer"
    assert data["unit"] == "PORT"


def test_invalid_fields_are_named(client):
    response = client.post(
        URL, {"name": "", "country": "QQ", "phones": ["nope"], "kind": "pirate"}, format="json"
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"name", "country", "kind"} <= set(fields)
    response = client.post(URL, {"name": "X Ltd", "phones": ["nope"]}, format="json")
    assert response.status_code == 400
    assert "phones.0" in response.json()["error"]["fields"]


def test_list_filters_and_retrieve_is_audited(client):
    created = client.post(URL, BODY, format="json").json()
    client.post(URL, {"name": "Other Co", "country": "NL"}, format="json")
    listed = client.get(URL, {"number": "2011 123456 07"}).json()
    assert [c["id"] for c in listed["results"]] == [created["id"]]
    assert client.get(URL, {"country": "NL"}).json()["count"] == 1
    detail = client.get(f"{URL}{created['id']}/", {"purpose": "Case 2026/17"})
    assert detail.status_code == 200
    event = AuditEvent.objects.filter(
        event_type=AuditEventType.RECORD_VIEWED, target_id=created["id"]
    ).get()
    assert event.purpose == "Case 2026/17"
    assert AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).exists()


def test_patch_with_version_and_stale_version_409(client):
    created = client.post(URL, BODY, format="json").json()
    url = f"{URL}{created['id']}/"
    response = client.patch(
        url, {"version": 1, "trading_names": ["Blue Ocean"], "status": "suspended"}, format="json"
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["version"] == 2 and data["trading_names"] == ["Blue Ocean"]
    assert data["name"] == BODY["name"] and data["country"] == "ZA"
    stale = client.patch(url, {"version": 1, "name": "Renamed"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert client.get(url).json()["name"] == BODY["name"]
    history = client.get(f"{url}history/").json()
    assert [v["version"] for v in history["results"]] == [2, 1]


def test_another_unit_gets_404(client, api_client, border_officer):
    created = client.post(URL, BODY, format="json").json()
    api_client.force_authenticate(border_officer)
    assert api_client.get(f"{URL}{created['id']}/").status_code == 404
    assert (
        api_client.patch(f"{URL}{created['id']}/", {"version": 1}, format="json").status_code == 404
    )


def test_purpose_is_required_when_mandatory(client, settings):
    created = client.post(URL, BODY, format="json").json()
    settings.PURPOSE_REQUIRED = True
    assert client.get(f"{URL}{created['id']}/").status_code == 400
    assert client.get(f"{URL}{created['id']}/", HTTP_X_PURPOSE="Case 12").status_code == 200
