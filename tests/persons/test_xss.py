"""Script payloads typed into every text field of the person form come back escaped on the
person's pages (the project-wide sweep runs as an administrator, who holds no person right)."""

from __future__ import annotations

import pytest

from opencen.persons.models import Person
from tests.core.test_xss_sweep import PAYLOADS, check_page

TEXT_FIELDS = (
    "given_names",
    "family_name",
    "name_original",
    "name_latin",
    "birth_place",
    "occupation",
    "description",
    "notes",
    "aliases-0-name",
    "addresses-0-address",
    "addresses-0-city",
    "documents-0-number",
)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_person_pages_escape_what_was_typed(client, officer, countries, payload):
    client.force_login(officer)
    data = {name: payload for name in TEXT_FIELDS}
    data.update(
        {
            "sex": "unknown",
            "category": "suspect",
            "handling_code": "H0",
            "aliases-0-type": "alias",
            "documents-0-type": "passport",
            "birth_date": payload,  # refused, shown back in the form
        }
    )
    refused = client.post("/persons/new/", data)
    check_page("POST /persons/new/ (refused)", refused)
    data["birth_date"] = "1984"
    saved = client.post("/persons/new/", data, follow=True)
    check_page("POST /persons/new/", saved)
    person = Person.objects.get()
    for url in (
        f"/persons/{person.pk}/",
        f"/persons/{person.pk}/edit/",
        f"/persons/{person.pk}/history/",
        f"/persons/{person.pk}/merge/",
        "/persons/",
        f"/persons/?name={person.given_names[:3]}",
        f"/persons/lookup/?q={person.family_name[:5]}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(f"GET {url}", response)
