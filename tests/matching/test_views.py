"""Possible matches beside the new-person and new-company forms, and the search pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def al_hassan(make_person):
    return make_person(
        "Mohammed",
        "Al-Hassan",
        birth="1984-03-02",
        nationalities=["SD"],
        documents=[("passport", "P01234567")],
    )


def test_person_form_fields_show_the_existing_person(client, officer, al_hassan):
    client.force_login(officer)
    response = client.get(
        reverse("matching:person-candidates"),
        {
            "given_names": "Muhammad",
            "family_name": "Alhasan",
            "name_original": "",
            "birth_date": "1984",
            "nationalities": ["SD"],
            "documents-0-number": "",
            "sex": "unknown",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mohammed AL-HASSAN" in html
    assert reverse("persons:detail", args=[al_hassan.pk]) in html
    assert "birth year agrees (1984)" in html
    assert "nationality agrees (SD)" in html


def test_a_document_row_alone_finds_the_person(client, officer, al_hassan):
    client.force_login(officer)
    response = client.get(
        reverse("matching:person-candidates"), {"documents-3-number": "P0123 4567"}
    )
    assert "passport number identical" in response.content.decode()


def test_nothing_similar_says_so_and_nothing_typed_says_what_to_do(client, officer, al_hassan):
    client.force_login(officer)
    url = reverse("matching:person-candidates")
    assert "Nothing similar on file" in client.get(url, {"family_name": "Zebedee"}).content.decode()
    assert "appear here as you type" in client.get(url).content.decode()


def test_candidates_escape_what_is_stored_and_typed(client, officer, make_person):
    make_person("<script>alert(1)</script>", "Smith")
    client.force_login(officer)
    html = client.get(
        reverse("matching:person-candidates"), {"name": "<script>alert(1)</script> Smith"}
    ).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_candidate_searches_are_audited(client, officer, al_hassan):
    client.force_login(officer)
    client.get(reverse("matching:person-candidates"), {"given_names": "Mohammed"})
    event = AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).latest("id")
    assert event.details["matching"] == "on entry"
    assert event.details["query"]["name"] == "Mohammed"


def test_purpose_is_asked_first_when_mandatory(client, officer, al_hassan, settings):
    settings.PURPOSE_REQUIRED = True
    client.force_login(officer)
    before = AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).count()
    html = client.get(
        reverse("matching:person-candidates"),
        {"given_names": "Mohammed"},
        HTTP_HX_CURRENT_URL="http://testserver/persons/new/",
    ).content.decode()
    assert "State the purpose" in html
    assert "AL-HASSAN" not in html
    assert AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).count() == before
    response = client.get(reverse("matching:person-search"), {"name": "Mohammed"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("audit:purpose"))


def test_company_form_fields_show_the_existing_company(client, officer, make_company):
    company = make_company("BLUE OCEAN TRADING PROPRIETARY LIMITED", country="ZA")
    client.force_login(officer)
    html = client.get(
        reverse("matching:company-candidates"),
        {"name": "Blue Ocean Trading (Pty) Ltd", "country": "ZA", "legal_form": "", "kind": ""},
    ).content.decode()
    assert "BLUE OCEAN TRADING PROPRIETARY LIMITED" in html
    assert reverse("companies:detail", args=[company.pk]) in html
    assert "country agrees (ZA)" in html


def test_person_search_page_ranks_and_explains(client, officer, al_hassan, make_person):
    make_person("Mohammed", "Al-Hassan", birth="1991")
    client.force_login(officer)
    url = reverse("matching:person-search")
    empty = client.get(url)
    assert empty.status_code == 200
    assert "Type a name in any spelling or script" in empty.content.decode()
    html = client.get(url, {"name": "محمد الحسن", "birth_date": "1984"}).content.decode()
    first = html.index("birth year agrees (1984)")
    assert first < html.index("birth year differs (1991)")
    fragment = client.get(url, {"name": "Mohamed Alhassan"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "AL-HASSAN" in fragment.content.decode()


def test_search_page_asks_for_a_name_or_number(client, officer):
    client.force_login(officer)
    html = client.get(reverse("matching:person-search"), {"birth_date": "1984"}).content.decode()
    assert "Give a name or a document number." in html
    assert 'value="1984"' in html


def test_company_search_page(client, officer, make_company):
    make_company("Golden Star Import Export SARL", country="NG", registration="RC-12345")
    client.force_login(officer)
    html = client.get(
        reverse("matching:company-search"), {"registration_number": "rc12345"}
    ).content.decode()
    assert "Golden Star Import Export SARL" in html
    assert "registration number identical" in html


def test_from_a_seizure_an_existing_match_is_linked_instead_of_recorded(client, officer, al_hassan):
    from django.utils import timezone

    from opencen.persons.models import Person, SeizurePerson
    from opencen.seizures.services import SeizureInput, seizure_create

    seizure = seizure_create(
        actor=officer, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    client.force_login(officer)
    html = client.get(
        reverse("matching:person-candidates"),
        {
            "given_names": "Muhammad",
            "family_name": "Alhasan",
            "link_seizure": str(seizure.pk),
            "link_role": "courier",
        },
    ).content.decode()
    add_url = reverse("seizures:involvement-add", args=[seizure.pk, "persons"])
    assert f'formaction="{add_url}"' in html
    assert f'value="{al_hassan.pk}"' in html
    assert 'name="role" value="courier"' in html
    # The button submits the person form there, with the chosen record and the role.
    count = Person.objects.count()
    response = client.post(
        add_url,
        {
            "given_names": "Muhammad",
            "family_name": "Alhasan",
            "record": al_hassan.pk,
            "role": "courier",
        },
    )
    assert response.status_code == 302
    assert SeizurePerson.objects.filter(seizure=seizure, person=al_hassan, role="courier").exists()
    assert Person.objects.count() == count


def test_no_link_button_without_a_seizure_the_user_may_edit(client, officer, al_hassan):
    client.force_login(officer)
    html = client.get(
        reverse("matching:person-candidates"),
        {"given_names": "Mohammed", "link_seizure": "not-a-seizure", "link_role": "courier"},
    ).content.decode()
    assert "AL-HASSAN" in html
    assert "formaction" not in html
