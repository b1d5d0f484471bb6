"""Persons and companies of a seizure: in the seizure API and on the seizure page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencen.companies.models import SeizureCompany
from opencen.persons.models import Person, SeizurePerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_client, port_officer):
    api_client.force_authenticate(port_officer)
    return api_client


def test_seizure_api_takes_and_shows_involvements(api, make_company, person):
    company = make_company()
    body = {
        "occurred_at": "2026-01-05T10:00:00Z",
        "direction": "import",
        "persons": [{"person": str(person.pk), "role": "courier"}],
        "companies": [{"company": str(company.pk), "role": "importer"}],
    }
    response = api.post("/api/v1/seizures/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["persons"] == [
        {"person": str(person.pk), "name": person.display_name, "role": "courier"}
    ]
    assert data["companies"] == [
        {"company": str(company.pk), "name": company.name, "role": "importer"}
    ]
    url = f"/api/v1/seizures/{data['id']}/"
    # PATCH without the lists keeps them; with a list, it replaces the set.
    kept = api.patch(url, {"version": data["version"], "narrative": "x"}, format="json").json()
    assert len(kept["persons"]) == 1 and len(kept["companies"]) == 1
    replaced = api.patch(
        url,
        {
            "version": kept["version"],
            "companies": [{"company": str(company.pk), "role": "shipper"}],
            "persons": [],
        },
        format="json",
    ).json()
    assert replaced["persons"] == []
    assert [c["role"] for c in replaced["companies"]] == ["shipper"]
    assert SeizureCompany.objects.get().role == "shipper"
    assert not SeizurePerson.objects.exists()


def test_seizure_api_refuses_unknown_ids_roles_and_other_units(
    api, make_company, unit_tree, border_officer
):
    company = make_company()
    theirs = Person.objects.create(
        unit=unit_tree["border"], unit_path=unit_tree["border"].path, family_name="Other"
    )
    base = {"occurred_at": "2026-01-05T10:00:00Z", "direction": "import"}
    for extra, field in [
        ({"companies": [{"company": str(company.pk), "role": "pilot"}]}, "companies"),
        (
            {"companies": [{"company": "00000000-0000-0000-0000-000000000000", "role": "other"}]},
            "companies",
        ),
        ({"persons": [{"person": str(theirs.pk), "role": "courier"}]}, "persons"),
    ]:
        response = api.post("/api/v1/seizures/", {**base, **extra}, format="json")
        assert response.status_code == 400, extra
        assert field in response.json()["error"]["fields"]


def test_seizure_page_links_and_unlinks_a_company(client, port_officer, seizure, make_company):
    company = make_company()
    client.force_login(port_officer)
    detail = reverse("seizures:detail", args=[seizure.pk])
    page = client.get(detail).content.decode()
    assert "Persons and companies" in page and "No company linked." in page
    options = client.get(
        reverse("seizures:involvement-options", args=[seizure.pk, "companies"]),
        {"q": "ocean", "role": "importer"},
    ).content.decode()
    assert company.name in options and 'value="importer"' in options
    response = client.post(
        reverse("seizures:involvement-add", args=[seizure.pk, "companies"]),
        {"record": str(company.pk), "role": "importer"},
    )
    assert response.status_code == 302
    assert company.name in client.get(detail).content.decode()
    company_page = client.get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert seizure.reference in company_page and "Importer" in company_page
    client.post(
        reverse("seizures:involvement-remove", args=[seizure.pk, "companies"]),
        {"record": str(company.pk), "role": "importer"},
    )
    assert not SeizureCompany.objects.exists()


def test_seizure_page_links_a_person(client, port_officer, seizure, person):
    client.force_login(port_officer)
    options = client.get(
        reverse("seizures:involvement-options", args=[seizure.pk, "persons"]), {"q": "hassan"}
    ).content.decode()
    assert "AL-HASSAN" in options
    client.post(
        reverse("seizures:involvement-add", args=[seizure.pk, "persons"]),
        {"record": str(person.pk), "role": "courier"},
    )
    assert SeizurePerson.objects.get().role == "courier"


def test_new_company_from_a_seizure_comes_back_linked(client, port_officer, seizure, countries):
    client.force_login(port_officer)
    url = reverse("companies:create") + f"?seizure={seizure.pk}&role=carrier"
    page = client.get(url).content.decode()
    assert seizure.reference in page
    response = client.post(
        url,
        {
            "name": "Fast Freight SARL",
            "status": "active",
            "handling_code": "H0",
            "link_seizure": str(seizure.pk),
            "link_role": "carrier",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("seizures:detail", args=[seizure.pk]))
    assert SeizureCompany.objects.get().role == "carrier"
