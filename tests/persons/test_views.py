"""Person pages: list and search (audited, purpose), detail (audited), entry with inline
errors, edit with the conflict panel, history, links, face photo and merge."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.persons.models import Person, PersonLink, SeizurePerson
from opencen.persons.services import person_update
from tests.attachments.files import jpeg_bytes
from tests.persons.test_services import _input_of


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _form_data(**overrides) -> dict:
    data = {
        "family_name": "Al-Hassan",
        "given_names": "Mohammed",
        "sex": "male",
        "birth_date": "1984-03",
        "nationalities": ["SD"],
        "category": "suspect",
        "handling_code": "H0",
        "documents-0-type": "passport",
        "documents-0-number": "p0123 4567",
        "documents-0-country": "SD",
        "aliases-3-name": "Abu Ali",
        "aliases-3-type": "nickname",
        "phones-0-number": "+249 912 345 678",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_empty_list_invites_to_record(client, officer):
    client.force_login(officer)
    page = client.get("/persons/").content.decode()
    assert "No person has been recorded yet." in page
    assert 'href="/persons/new/"' in page


@pytest.mark.django_db
def test_the_list_filters_by_name_alias_and_document_and_audits_searches(
    client, officer, make_person, countries
):
    make_person()
    make_person(given_names="Ivan", family_name="Petrov", documents=[], aliases=[])
    client.force_login(officer)
    page = client.get("/persons/").content.decode()
    assert "Mohammed AL-HASSAN" in page and "Ivan PETROV" in page
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).exists()
    found = client.get("/persons/?name=abu+ali").content.decode()
    assert "AL-HASSAN" in found and "PETROV" not in found
    partial = client.get(
        "/persons/?document_number=P01234567",
        headers={"HX-Request": "true", "HX-Target": "person-results"},
    )
    assert "<html" not in partial.content.decode() and "AL-HASSAN" in partial.content.decode()
    assert AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).count() == 2
    none = client.get("/persons/?name=zzzz").content.decode()
    assert "No person matches these filters." in none


@pytest.mark.django_db
def test_the_list_and_detail_ask_for_a_purpose_when_mandatory(
    client, officer, make_person, settings
):
    settings.PURPOSE_REQUIRED = True
    person = make_person()
    client.force_login(officer)
    response = client.get(f"/persons/{person.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/audit/purpose/?kind=person")
    question = client.get(response["Location"]).content.decode()
    assert "Why are you consulting or searching persons?" in question
    done = client.post(response["Location"], {"purpose": "Case INV-2026-007"})
    assert client.get(done["Location"]).status_code == 200
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORD_VIEWED)
    assert event.purpose == "Case INV-2026-007" and event.target_id == str(person.pk)
    # Remembered for the session: the list opens straight away.
    assert client.get("/persons/?name=hassan").status_code == 200


@pytest.mark.django_db
def test_the_detail_shows_every_section_and_is_audited(client, officer, make_person, seizure_of):
    person = make_person(name_original="محمد الحسن", phones=["+249912345678"])
    seizure = seizure_of(officer)
    SeizurePerson.objects.create(seizure=seizure, person=person, role="courier")
    client.force_login(officer)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    for text in ("محمد الحسن", "Abu Ali", "P0123 4567", "+249912345678", seizure.reference):
        assert text in page
    assert "Courier" in page and "Merge with" in page and "Link to a seizure" in page
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.RECORD_VIEWED, target_id=str(person.pk)
    ).exists()


@pytest.mark.django_db
def test_scope_other_unit_and_restricted_handling(
    client, make_person, other_officer, analyst, supervisor
):
    person = make_person()
    restricted = make_person(given_names="Secret", handling_code="H2", documents=[], aliases=[])
    client.force_login(other_officer)
    assert client.get(f"/persons/{person.pk}/").status_code == 404
    client.force_login(analyst)  # scope "all", from another branch of the tree
    assert client.get(f"/persons/{person.pk}/").status_code == 200
    assert client.get(f"/persons/{restricted.pk}/").status_code == 404
    client.force_login(supervisor)  # the recording unit
    assert client.get(f"/persons/{restricted.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_new_person_is_recorded_from_the_form(client, officer, countries):
    client.force_login(officer)
    form = client.get("/persons/new/").content.decode()
    assert 'id="person-matches"' in form
    response = client.post("/persons/new/", _form_data())
    assert response.status_code == 302
    person = Person.objects.get()
    assert response["Location"] == f"/persons/{person.pk}/"
    assert person.birth_date_text == "1984-03"
    assert person.documents.get().number_normalised == "P01234567"
    assert person.aliases.get().name == "Abu Ali"
    assert person.phones.get().e164 == "+249912345678"


@pytest.mark.django_db
def test_errors_show_inline_and_keep_what_was_typed(client, officer, countries):
    client.force_login(officer)
    response = client.post(
        "/persons/new/",
        _form_data(**{"birth_date": "1984-13", "phones-0-number": "ask the driver"}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The month must be between 01 and 12." in page
    assert "is not a phone number" in page
    assert 'value="1984-13"' in page and 'value="Abu Ali"' in page
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_form_rows_are_added_and_removed_in_place(client, officer):
    client.force_login(officer)
    row = client.get("/persons/form/rows/documents/?index=2", headers={"HX-Request": "true"})
    html = row.content.decode()
    assert 'name="documents-2-number"' in html and "index=3" in html and "hx-swap-oob" in html
    assert client.get("/persons/form/rows/documents/?remove=1").content == b""
    assert client.get("/persons/form/rows/nothing/").status_code == 404


@pytest.mark.django_db
def test_a_stale_edit_shows_the_conflict_and_keeps_the_typing(
    client, officer, supervisor, make_person
):
    person = make_person()
    data = _input_of(person)
    data.occupation = "driver"
    person_update(actor=supervisor, person=person, data=data, version=1)
    client.force_login(officer)
    response = client.post(
        f"/persons/{person.pk}/edit/", _form_data(version="1", family_name="Hassan")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved this person while you were editing" in page
    assert "Occupation" in page and 'value="Hassan"' in page
    assert Person.objects.get(pk=person.pk).family_name == "Al-Hassan"
    forced = client.post(
        f"/persons/{person.pk}/edit/",
        _form_data(version="1", family_name="Hassan", use_version="2"),
    )
    assert forced.status_code == 302
    assert Person.objects.get(pk=person.pk).family_name == "Hassan"


@pytest.mark.django_db
def test_history_shows_field_differences(client, officer, make_person):
    person = make_person()
    data = _input_of(person)
    data.family_name = "Alhasan"
    person_update(actor=officer, person=person, data=data, version=1)
    client.force_login(officer)
    page = client.get(f"/persons/{person.pk}/history/").content.decode()
    assert "Version 2" in page and "Al-Hassan" in page and "Alhasan" in page


@pytest.mark.django_db
def test_linking_to_a_seizure_and_a_person_from_the_page(client, officer, make_person, seizure_of):
    person = make_person()
    other = make_person(given_names="Ali", family_name="Osman", documents=[], aliases=[])
    seizure = seizure_of(officer)
    client.force_login(officer)
    client.post(
        f"/persons/{person.pk}/seizures/",
        {"reference": seizure.reference.lower(), "role": "organiser"},
    )
    assert SeizurePerson.objects.filter(person=person, seizure=seizure, role="organiser").exists()
    missing = client.post(
        f"/persons/{person.pk}/seizures/", {"reference": "XX-NONE", "role": "courier"}, follow=True
    )
    assert "No seizure XX-NONE in your scope." in missing.content.decode()
    lookup = client.get(f"/persons/lookup/?lookup=osman&for={person.pk}").content.decode()
    assert str(other.pk) in lookup and str(person.pk) not in lookup
    client.post(f"/persons/{person.pk}/links/", {"other": str(other.pk), "type": "associate"})
    link = PersonLink.objects.get()
    page = client.get(f"/persons/{other.pk}/").content.decode()
    assert "Mohammed AL-HASSAN" in page  # shown from the other end too
    client.post(f"/persons/{other.pk}/links/{link.pk}/remove/")
    assert not PersonLink.objects.exists()
    involvement = SeizurePerson.objects.get()
    client.post(f"/persons/{person.pk}/seizures/{involvement.pk}/remove/")
    assert not SeizurePerson.objects.exists()


@pytest.mark.django_db
def test_a_face_photo_is_uploaded_and_shown_only_to_who_may_see_the_person(
    client, officer, other_officer, make_person, media_root
):
    person = make_person()
    client.force_login(officer)
    upload = SimpleUploadedFile("face.jpg", jpeg_bytes((120, 160)), content_type="image/jpeg")
    client.post(f"/persons/{person.pk}/photo/", {"photo": upload})
    person.refresh_from_db()
    assert person.photo_id is not None
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert f"/attachments/{person.photo_id}/thumbnail/" in page
    assert client.get(f"/attachments/{person.photo_id}/thumbnail/").status_code == 200
    client.force_login(other_officer)
    assert client.get(f"/attachments/{person.photo_id}/thumbnail/").status_code == 404
    client.force_login(officer)
    client.post(f"/persons/{person.pk}/photo/", {"remove": "1"})
    person.refresh_from_db()
    assert person.photo_id is None


@pytest.mark.django_db
def test_merge_page_shows_both_and_merges(client, officer, make_person, seizure_of):
    survivor = make_person()
    duplicate = make_person(given_names="Muhammad", family_name="Alhasan", documents=[])
    seizure = seizure_of(officer)
    SeizurePerson.objects.create(seizure=seizure, person=duplicate, role="courier")
    client.force_login(officer)
    search = client.get(f"/persons/lookup/?q=alhasan&mode=merge&for={survivor.pk}")
    assert f"?other={duplicate.pk}" in search.content.decode()
    page = client.get(f"/persons/{survivor.pk}/merge/?other={duplicate.pk}").content.decode()
    assert "Mohammed AL-HASSAN" in page and "Muhammad ALHASAN" in page
    response = client.post(
        f"/persons/{survivor.pk}/merge/", {"other": str(duplicate.pk), "survivor": "this"}
    )
    assert response.status_code == 302 and response["Location"] == f"/persons/{survivor.pk}/"
    detail = client.get(f"/persons/{survivor.pk}/").content.decode()
    assert "Muhammad Alhasan" in detail and seizure.reference in detail
    # The merged record's address leads to the survivor.
    redirected = client.get(f"/persons/{duplicate.pk}/")
    assert redirected.status_code == 302 and str(survivor.pk) in redirected["Location"]


@pytest.mark.django_db
def test_merge_can_keep_the_other_record(client, officer, make_person):
    first = make_person()
    second = make_person(given_names="Muhammad", documents=[])
    client.force_login(officer)
    response = client.post(
        f"/persons/{first.pk}/merge/", {"other": str(second.pk), "survivor": "other"}
    )
    assert response["Location"] == f"/persons/{second.pk}/"
    first.refresh_from_db()
    assert first.merged_into_id == second.pk


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_whatever_the_number_of_persons(
    client, officer, make_person, django_assert_max_num_queries
):
    make_person()
    client.force_login(officer)
    client.get("/persons/")  # warm the session and the code lists
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/persons/")
    for number in range(5):
        make_person(given_names=f"Extra{number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/persons/")


@pytest.mark.django_db
def test_the_detail_lists_the_persons_companies(client, officer, make_person):
    from opencen.companies.models import Company, CompanyPerson

    person = make_person()
    company = Company.objects.create(
        unit=officer.unit, unit_path=officer.unit.path, name="Blue Ocean Trading"
    )
    CompanyPerson.objects.create(company=company, person=person, role="director")
    client.force_login(officer)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert "Blue Ocean Trading" in page and f"/companies/{company.pk}/" in page


@pytest.mark.django_db
def test_a_new_person_from_a_seizure_comes_back_linked(client, officer, countries):
    from django.utils import timezone

    from opencen.seizures.services import SeizureInput, seizure_create

    seizure = seizure_create(
        actor=officer, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    client.force_login(officer)
    url = f"/persons/new/?seizure={seizure.pk}&role=courier"
    page = client.get(url).content.decode()
    assert seizure.reference in page and "Save and link to the seizure" in page
    response = client.post(url, _form_data(link_seizure=str(seizure.pk), link_role="courier"))
    assert response.status_code == 302
    assert response["Location"] == f"/seizures/{seizure.pk}/#involvements"
    involvement = SeizurePerson.objects.get()
    assert (involvement.seizure_id, involvement.role) == (seizure.pk, "courier")
    assert involvement.person.family_name == "Al-Hassan"
