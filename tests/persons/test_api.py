"""The person API: create with the minimal body, partial birth dates, PATCH with version,
field errors, scope and audit."""

from __future__ import annotations

import pytest

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.persons.models import Person

MINIMAL = {
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
def client_of(api_client):
    def _login(user):
        api_client.force_authenticate(user)
        return api_client

    return _login


@pytest.mark.django_db
def test_the_minimal_body_creates_a_person(client_of, officer, countries):
    response = client_of(officer).post("/api/v1/persons/", MINIMAL, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.birth_date_text == "1984-03-02"
    assert body["documents"][0]["number_normalised"] == "P01234567"
    assert body["aliases"] == [{"name": "Abu Ali", "type": "nickname"}]
    assert body["nationalities"] == ["SD"]
    assert body["version"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("birth_date", ["1984", "1984-03"])
def test_partial_birth_dates_are_accepted(client_of, officer, countries, birth_date):
    body = {**MINIMAL, "birth_date": birth_date}
    response = client_of(officer).post("/api/v1/persons/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["birth_date"] == birth_date


@pytest.mark.django_db
def test_documents_and_aliases_are_optional(client_of, officer, countries):
    body = {k: v for k, v in MINIMAL.items() if k not in ("documents", "aliases")}
    response = client_of(officer).post("/api/v1/persons/", body, format="json")
    assert response.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_date": "02/03/1984"}, "birth_date"),
        ({"nationalities": ["QQ"]}, "nationalities"),
        ({"sex": "x"}, "sex"),
        ({"category": "enemy"}, "category"),
        ({"documents": [{"type": "passport", "number": "--"}]}, "documents"),
        ({"phones": ["not a phone at all"]}, "phones"),
        ({"given_names": "", "family_name": ""}, "family_name"),
        ({"family_name": "A\x00B"}, "family_name"),
    ],
)
def test_bad_input_answers_400_naming_the_field(client_of, officer, countries, change, field):
    response = client_of(officer).post("/api/v1/persons/", {**MINIMAL, **change}, format="json")
    assert response.status_code == 400, response.content
    assert field in str(response.json()), response.json()


@pytest.mark.django_db
def test_patch_with_the_version_changes_and_a_stale_one_answers_409(client_of, officer, countries):
    client = client_of(officer)
    created = client.post("/api/v1/persons/", MINIMAL, format="json").json()
    url = f"/api/v1/persons/{created['id']}/"
    changed = client.patch(url, {"version": 1, "occupation": "trader"}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["occupation"] == "trader"
    assert changed.json()["version"] == 2
    # Fields left out keep their values.
    assert changed.json()["documents"][0]["number"] == "P01234567"
    stale = client.patch(url, {"version": 1, "occupation": "farmer"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert Person.objects.get(pk=created["id"]).occupation == "trader"
    missing = client.patch(url, {"occupation": "farmer"}, format="json")
    assert missing.status_code == 400 and "version" in str(missing.json())


@pytest.mark.django_db
def test_retrieve_is_audited_and_out_of_scope_is_404(
    client_of, officer, other_officer, make_person
):
    person = make_person()
    response = client_of(officer).get(f"/api/v1/persons/{person.pk}/?purpose=Case+42")
    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORD_VIEWED)
    assert event.target_id == str(person.pk) and event.purpose == "Case 42"
    assert client_of(other_officer).get(f"/api/v1/persons/{person.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_mandatory_purpose_is_asked_for(client_of, officer, make_person, settings):
    settings.PURPOSE_REQUIRED = True
    person = make_person()
    client = client_of(officer)
    refused = client.get(f"/api/v1/persons/{person.pk}/")
    assert refused.status_code == 400 and "purpose" in str(refused.json())
    allowed = client.get(f"/api/v1/persons/{person.pk}/", headers={"X-Purpose": "INV-7"})
    assert allowed.status_code == 200


@pytest.mark.django_db
def test_list_filters_and_search_audit(client_of, officer, make_person, countries):
    make_person()
    make_person(
        given_names="Ivan",
        family_name="Petrov",
        nationalities=[countries["RU"]],
        documents=[],
        aliases=[],
    )
    client = client_of(officer)
    everyone = client.get("/api/v1/persons/").json()
    assert everyone["count"] == 2
    by_name = client.get("/api/v1/persons/?name=hassan").json()
    assert [p["family_name"] for p in by_name["results"]] == ["Al-Hassan"]
    by_alias = client.get("/api/v1/persons/?name=abu").json()
    assert by_alias["count"] == 1
    by_document = client.get("/api/v1/persons/?document_number=p0123-4567").json()
    assert by_document["count"] == 1
    by_nationality = client.get("/api/v1/persons/?nationality=RU").json()
    assert [p["family_name"] for p in by_nationality["results"]] == ["Petrov"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).count() == 4


@pytest.mark.django_db
def test_links_are_listed_and_added(client_of, officer, make_person, seizure_of):
    person = make_person()
    other = make_person(given_names="Ali", family_name="Osman", documents=[], aliases=[])
    seizure = seizure_of(officer)
    client = client_of(officer)
    url = f"/api/v1/persons/{person.pk}/links/"
    added = client.post(url, {"other": str(other.pk), "type": "associate"}, format="json")
    assert added.status_code == 201
    involved = client.post(url, {"seizure": str(seizure.pk), "role": "courier"}, format="json")
    assert involved.status_code == 201
    body = client.get(url).json()
    assert body["persons"][0]["other"] == str(other.pk)
    assert body["seizures"][0]["reference"] == seizure.reference
    assert client.post(url, {"role": "courier"}, format="json").status_code == 400


@pytest.mark.django_db
def test_history_lists_versions(client_of, officer, make_person):
    person = make_person()
    body = client_of(officer).get(f"/api/v1/persons/{person.pk}/history/").json()
    assert body["results"][0]["version"] == 1
