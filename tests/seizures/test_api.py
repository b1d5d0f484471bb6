"""The seizure API: create, read, change with optimistic concurrency, transitions, scope."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.choices import SeizureStatus
from opencen.seizures.models import Seizure
from opencen.seizures.services import seizure_create

URL = "/api/v1/seizures/"

#: The minimal create body of the issue (concealment and conveyance codes from the fixtures).
ISSUE_BODY = {
    "occurred_at": "2026-03-14T09:30:00Z",
    "place": "ZADUR",
    "direction": "import",
    "detection_methods": ["xray"],
    "goods": [
        {
            "commodity": "cocaine",
            "quantity": "12.5",
            "unit": "kg",
            "hs_code": "293972",
            "description": "white powder in bricks",
        }
    ],
    "concealments": [{"method": "in_cargo", "description": "behind the container's front wall"}],
    "conveyances": [{"type": "sea_container", "container_number": "CSQU3054383"}],
    "route": [
        {"role": "departure", "country": "BR", "place": "BRSSZ"},
        {"role": "destination", "country": "ZA", "place": "ZADUR"},
    ],
}


def body(**changes):
    data = copy.deepcopy(ISSUE_BODY)
    data.update(changes)
    return data


def token_for(user) -> str:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def as_officer(api_client, officer, reference_data):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(officer)}")
    return api_client


@pytest.fixture
def created(as_officer):
    response = as_officer.post(URL, body(), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


# --- create ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_issue_body_creates_a_seizure_with_a_reference_number(as_officer):
    response = as_officer.post(URL, body(), format="json")
    assert response.status_code == 201, response.content
    seizure = response.json()
    assert re.fullmatch(r"[A-Z]{2}-PORT-2026-\d{6}", seizure["reference"])
    assert seizure["version"] == 1
    assert seizure["status"] == "draft"
    assert seizure["unit"] == "PORT"
    assert seizure["place"] == "ZADUR"
    assert seizure["detection_methods"] == ["xray"]
    assert seizure["goods"][0] | {"quantity": "12.500"} == {
        "commodity_section": "drugs",
        "commodity": "cocaine",
        "hs_code": "293972",
        "description": "white powder in bricks",
        "brand": "",
        "cites_species": "",
        "cites_appendix": "",
        "quantity": "12.500",
        "unit": "kg",
        "weight_kg": None,
        "estimated_value": None,
        "currency": None,
    }
    assert seizure["concealments"] == [ISSUE_BODY["concealments"][0]]
    assert seizure["conveyances"][0]["container_number"] == "CSQU3054383"
    assert [(leg["role"], leg["country"], leg["place"]) for leg in seizure["route"]] == [
        ("departure", "BR", "BRSSZ"),
        ("destination", "ZA", "ZADUR"),
    ]
    assert seizure["available_transitions"] == ["submit"]
    assert Seizure.objects.get(pk=seizure["id"]).reference == seizure["reference"]


@pytest.mark.django_db
def test_a_wrong_container_check_digit_answers_400_naming_the_field(as_officer):
    conveyances = [{"type": "sea_container", "container_number": "CSQU3054384"}]
    response = as_officer.post(URL, body(conveyances=conveyances), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    messages = error["fields"]["conveyances"]["0"]["container_number"]
    assert "expected 3" in messages[0]
    assert set(error["fields"]) == {"conveyances"}
    assert not Seizure.objects.exists()


@pytest.mark.django_db
def test_service_errors_are_nested_like_drf_by_item_index(as_officer):
    goods = [
        ISSUE_BODY["goods"][0],
        {"commodity": "cigarettes", "quantity": "0", "unit": "l"},
    ]
    response = as_officer.post(URL, body(goods=goods), format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert list(fields["goods"]) == ["1"]
    assert set(fields["goods"]["1"]) == {"quantity", "unit"}


@pytest.mark.django_db
def test_unknown_and_inactive_codes_are_refused_for_new_input(as_officer):
    response = as_officer.post(URL, body(place="XXNOPE"), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["place"] == ["Unknown code “XXNOPE”."]
    ref.ConcealmentMethod.objects.filter(code="in_cargo").update(active=False)
    response = as_officer.post(URL, body(), format="json")
    assert response.status_code == 400
    assert (
        "no longer in use" in response.json()["error"]["fields"]["concealments"]["0"]["method"][0]
    )
    missing = {k: v for k, v in ISSUE_BODY.items() if k != "occurred_at"}
    response = as_officer.post(URL, missing, format="json")
    assert response.json()["error"]["fields"]["occurred_at"] == ["This field is required."]


@pytest.mark.django_db
def test_a_user_without_the_right_to_record_gets_403(api_client, admin_user, reference_data):
    api_client.force_authenticate(admin_user)
    assert api_client.post(URL, body(), format="json").status_code == 403
    assert api_client.get(URL).status_code == 403


@pytest.mark.django_db
def test_anonymous_calls_answer_401(api_client, reference_data, officer, make_input):
    seizure = seizure_create(actor=officer, data=make_input())
    for response in (
        api_client.get(URL),
        api_client.post(URL, body(), format="json"),
        api_client.get(f"{URL}{seizure.pk}/"),
        api_client.patch(f"{URL}{seizure.pk}/", {"version": 1}, format="json"),
        api_client.post(f"{URL}{seizure.pk}/submit/"),
        api_client.get(f"{URL}{seizure.pk}/history/"),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["status"] == 401


# --- change ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_patch_merges_the_given_fields_and_replaces_a_given_section_whole(as_officer, created):
    url = f"{URL}{created['id']}/"
    response = as_officer.patch(url, {"version": 1, "narrative": "Found at Durban."}, "json")
    assert response.status_code == 200, response.content
    seizure = response.json()
    assert seizure["version"] == 2
    assert seizure["narrative"] == "Found at Durban."
    assert seizure["goods"] == created["goods"]
    assert seizure["route"] == created["route"]
    route = [{"role": "origin", "country": "NL"}, {"role": "destination", "country": "GB"}]
    response = as_officer.patch(url, {"version": 2, "route": route}, format="json")
    assert response.status_code == 200, response.content
    assert [(leg["role"], leg["country"]) for leg in response.json()["route"]] == [
        ("origin", "NL"),
        ("destination", "GB"),
    ]
    assert response.json()["narrative"] == "Found at Durban."


@pytest.mark.django_db
def test_patch_with_an_old_version_answers_409_and_changes_nothing(as_officer, created):
    url = f"{URL}{created['id']}/"
    assert as_officer.patch(url, {"version": 1, "narrative": "First."}, "json").status_code == 200
    response = as_officer.patch(url, {"version": 1, "narrative": "Second."}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["current_version"] == 2
    assert error["changes"]["narrative"] == ["", "First."]
    stored = Seizure.objects.get(pk=created["id"])
    assert (stored.version, stored.narrative) == (2, "First.")
    assert stored.versions.count() == 2


@pytest.mark.django_db
def test_patch_needs_a_version_and_checks_the_merged_content(as_officer, created):
    url = f"{URL}{created['id']}/"
    response = as_officer.patch(url, {"narrative": "No version."}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]
    conveyances = [{"type": "sea_container", "container_number": "CSQU3054384"}]
    response = as_officer.patch(url, {"version": 1, "conveyances": conveyances}, format="json")
    assert response.status_code == 400
    assert "container_number" in response.json()["error"]["fields"]["conveyances"]["0"]
    assert Seizure.objects.get(pk=created["id"]).version == 1


@pytest.mark.django_db
def test_a_record_keeping_a_deactivated_code_still_saves(as_officer, created):
    ref.ConcealmentMethod.objects.filter(code="in_cargo").update(active=False)
    url = f"{URL}{created['id']}/"
    response = as_officer.patch(url, {"version": 1, "narrative": "Kept."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["concealments"][0]["method"] == "in_cargo"
    # Sent back as read, the section keeps its code too.
    concealments = response.json()["concealments"]
    response = as_officer.patch(url, {"version": 2, "concealments": concealments}, "json")
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_history_lists_versions_with_who_and_what_changed(as_officer, created, officer):
    url = f"{URL}{created['id']}/"
    as_officer.patch(url, {"version": 1, "narrative": "Found at Durban."}, format="json")
    response = as_officer.get(f"{url}history/")
    assert response.status_code == 200
    versions = response.json()["results"]
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["changed_by"] == officer.username
    assert versions[0]["changes"] == {"narrative": ["", "Found at Durban."]}


# --- workflow -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_supervisor_validates_through_the_api(as_officer, created, supervisor):
    url = f"{URL}{created['id']}/"
    response = as_officer.post(f"{url}submit/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == SeizureStatus.SUBMITTED
    assert as_officer.post(f"{url}validate/").status_code == 403
    boss = client_for(supervisor)
    assert boss.get(url).json()["available_transitions"] == ["validate", "return"]
    response = boss.post(f"{url}validate/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == SeizureStatus.VALIDATED
    assert response.json()["validated_by"] == supervisor.username
    again = boss.post(f"{url}validate/")
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_transition"
    no_comment = boss.post(f"{url}return/", {}, format="json")
    assert no_comment.status_code == 400
    assert "comment" in no_comment.json()["error"]["fields"]
    response = boss.post(f"{url}return/", {"comment": "Weigh the bricks."}, format="json")
    assert response.json()["status"] == SeizureStatus.RETURNED
    assert response.json()["return_comment"] == "Weigh the bricks."


@pytest.mark.django_db
def test_an_incomplete_seizure_cannot_be_submitted(as_officer):
    response = as_officer.post(URL, body(goods=[], route=[]), format="json")
    assert response.status_code == 201
    response = as_officer.post(f"{URL}{response.json()['id']}/submit/")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"goods", "route"}


@pytest.mark.django_db
def test_a_supervisor_closes_a_validated_seizure(as_officer, created, supervisor):
    url = f"{URL}{created['id']}/"
    as_officer.post(f"{url}submit/")
    boss = client_for(supervisor)
    boss.post(f"{url}validate/")
    response = boss.post(f"{url}close/")
    assert response.status_code == 200
    assert response.json()["status"] == SeizureStatus.CLOSED
    closed_edit = as_officer.patch(url, {"version": 1, "narrative": "Late."}, format="json")
    assert closed_edit.status_code == 400


# --- scope ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_restricted_seizure_is_invisible_outside_its_unit(
    as_officer, other_officer, analyst, officer
):
    restricted = as_officer.post(URL, body(handling_code=HandlingCode.H2), format="json").json()
    open_one = as_officer.post(URL, body(), format="json").json()
    outsider = client_for(other_officer)
    for client in (outsider, client_for(analyst)):
        detail = client.get(f"{URL}{restricted['id']}/")
        assert detail.status_code == 404
        assert detail.json()["error"]["code"] == "not_found"
        listed = {item["id"] for item in client.get(URL).json()["results"]}
        assert restricted["id"] not in listed
        assert client.get(f"{URL}{restricted['id']}/history/").status_code == 404
        assert client.post(f"{URL}{restricted['id']}/submit/").status_code == 404
        patch = client.patch(f"{URL}{restricted['id']}/", {"version": 1}, format="json")
        assert patch.status_code in (403, 404)
    # The analyst reads every unrestricted seizure; the other office's officer does not.
    assert client_for(analyst).get(f"{URL}{open_one['id']}/").status_code == 200
    assert outsider.get(f"{URL}{open_one['id']}/").status_code == 404
    assert {item["id"] for item in as_officer.get(URL).json()["results"]} == {
        restricted["id"],
        open_one["id"],
    }


@pytest.mark.django_db
def test_an_analyst_reads_but_cannot_change(as_officer, created, analyst):
    reader = client_for(analyst)
    response = reader.get(f"{URL}{created['id']}/")
    assert response.status_code == 200
    assert response.json()["available_transitions"] == []
    assert reader.patch(f"{URL}{created['id']}/", {"version": 1}, "json").status_code == 403
    assert reader.post(f"{URL}{created['id']}/submit/").status_code == 403


# --- list -----------------------------------------------------------------------------------


@pytest.fixture
def two_seizures(as_officer):
    cocaine = as_officer.post(URL, body(narrative="Reefer container"), format="json").json()
    cigarettes = as_officer.post(
        URL,
        body(
            goods=[
                {"commodity": "cigarettes", "quantity": "6000", "unit": "sticks"},
                {"commodity": "cigarettes", "quantity": "4000", "unit": "sticks"},
            ],
            concealments=[],
            conveyances=[{"type": "sea_container", "container_number": "MSKU1234565"}],
            route=[
                {"role": "origin", "country": "NL"},
                {"role": "transit", "country": "GB"},
                {"role": "destination", "country": "ZA"},
            ],
        ),
        format="json",
    ).json()
    return cocaine, cigarettes


@pytest.mark.django_db
def test_the_list_summarises_each_seizure(as_officer, two_seizures):
    _cocaine, cigarettes = two_seizures
    response = as_officer.get(URL)
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 2
    item = next(i for i in page["results"] if i["id"] == cigarettes["id"])
    assert item == {
        "id": cigarettes["id"],
        "reference": cigarettes["reference"],
        "occurred_at": cigarettes["occurred_at"],
        "unit": "PORT",
        "place": "ZADUR",
        "direction": "import",
        "status": "draft",
        "handling_code": "H0",
        "commodities": ["cigarettes"],
        "quantities": {"sticks": "10000.000"},
        "countries": ["NL", "GB", "ZA"],
        "version": 1,
    }


@pytest.mark.django_db
def test_the_list_takes_the_page_filters(as_officer, two_seizures):
    cocaine, cigarettes = two_seizures

    def ids(**params):
        return {item["id"] for item in as_officer.get(URL, params).json()["results"]}

    assert ids(commodity_type="cocaine") == {cocaine["id"]}
    assert ids(commodity_section="tobacco") == {cigarettes["id"]}
    assert ids(country="nl") == {cigarettes["id"]}
    assert ids(country="BR") == {cocaine["id"]}
    assert ids(q="reefer") == {cocaine["id"]}
    assert ids(q="MSKU 123456-5") == {cigarettes["id"]}
    assert ids(q=cocaine["reference"]) == {cocaine["id"]}
    assert ids(concealment_method="in_cargo") == {cocaine["id"]}
    assert ids(detection_method="xray", unit="NORTH") == {cocaine["id"], cigarettes["id"]}
    assert ids(status="validated") == set()
    response = as_officer.get(URL, {"direction": "sideways"})
    assert response.status_code == 400
    assert "direction" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_the_list_runs_a_fixed_number_of_queries_whatever_the_page_size(
    api_client, officer, make_input
):
    for _ in range(55):
        seizure_create(actor=officer, data=make_input())
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(officer)}")
    counts = {}
    for size in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            response = api_client.get(URL, {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[5] == counts[50]
    # token and user, roles, unit; count, page, goods, route legs
    assert counts[50] <= 7


# --- schema ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_schema_documents_the_seizure_api_and_stays_valid(as_officer):
    response = as_officer.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/seizures/"])
    assert {"get", "patch"} <= set(paths["/api/v1/seizures/{id}/"])
    for action in ("submit", "validate", "return", "close", "history"):
        assert f"/api/v1/seizures/{{id}}/{action}/" in paths
    parameters = {p["name"] for p in paths["/api/v1/seizures/"]["get"]["parameters"]}
    assert {"commodity_type", "country", "q", "occurred_after", "page_size"} <= parameters
    update = schema["components"]["schemas"]["SeizureUpdateRequest"]
    assert update["required"] == ["version"]
    assert "409" in paths["/api/v1/seizures/{id}/"]["patch"]["responses"]


# --- attachments ----------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.mark.django_db
def test_a_jpeg_answers_its_sha256_and_downloads_byte_for_byte(as_officer, created, media_root):
    from tests.attachments.files import jpeg_bytes

    photo = jpeg_bytes(gps=True)
    url = f"{URL}{created['id']}/attachments/"
    response = as_officer.post(
        url,
        {"file": [_upload("wall.jpg", photo)], "caption": "Front wall", "tag": "concealment"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    (added,) = response.json()["added"]
    assert response.json()["rejected"] == []
    assert added["sha256"] == hashlib.sha256(photo).hexdigest()
    assert (added["size"], added["media_type"], added["tag"]) == (
        len(photo),
        "image/jpeg",
        "concealment",
    )
    assert added["caption"] == "Front wall"
    original = as_officer.get(added["urls"]["original"])
    assert original.status_code == 200
    assert b"".join(original.streaming_content) == photo
    thumbnail = as_officer.get(added["urls"]["thumbnail"], HTTP_ACCEPT="image/jpeg")
    assert thumbnail.status_code == 200
    assert thumbnail["Content-Type"] == "image/jpeg"
    listed = as_officer.get(url).json()
    assert [item["id"] for item in listed["results"]] == [added["id"]]


@pytest.mark.django_db
def test_bad_files_are_refused_by_name_and_the_good_ones_kept(as_officer, created, media_root):
    from tests.attachments.files import jpeg_bytes, pdf_bytes

    url = f"{URL}{created['id']}/attachments/"
    files = [
        _upload("page.jpg", b"<html><body>not a photo</body></html>"),
        _upload("cut.jpg", jpeg_bytes()[:300]),
        _upload("waybill.pdf", pdf_bytes()),
    ]
    response = as_officer.post(url, {"file": files}, format="multipart")
    assert response.status_code == 201, response.content
    (added,) = response.json()["added"]
    assert (added["filename"], added["tag"], added["urls"]["thumbnail"]) == (
        "waybill.pdf",
        "document",
        None,
    )
    rejected = response.json()["rejected"]
    assert [item["filename"] for item in rejected] == ["page.jpg", "cut.jpg"]
    assert all(item["message"].startswith(f"“{item['filename']}”") for item in rejected)
    only_bad = as_officer.post(url, {"file": [files[0]]}, format="multipart")
    assert only_bad.status_code == 400
    assert "page.jpg" in only_bad.json()["error"]["fields"]["file"][0]
    nothing = as_officer.post(url, {"caption": "no file"}, format="multipart")
    assert nothing.status_code == 400
    assert "file" in nothing.json()["error"]["fields"]


@pytest.mark.django_db
def test_attachments_follow_the_seizure_scope(
    as_officer, created, other_officer, analyst, officer, media_root, client
):
    from rest_framework.test import APIClient

    from tests.attachments.files import jpeg_bytes

    url = f"{URL}{created['id']}/attachments/"
    added = as_officer.post(url, {"file": [_upload("a.jpg", jpeg_bytes())]}, format="multipart")
    attachment = added.json()["added"][0]
    original = attachment["urls"]["original"]
    anonymous = APIClient()
    for response in (
        anonymous.get(url),
        anonymous.get(original),
        anonymous.post(url, {"file": [_upload("b.jpg", jpeg_bytes())]}, format="multipart"),
    ):
        assert response.status_code == 401
    outsider = client_for(other_officer)
    assert outsider.get(url).status_code == 404
    assert outsider.get(original).status_code == 404
    reader = client_for(analyst)
    assert reader.get(original).status_code == 200
    upload = reader.post(url, {"file": [_upload("c.jpg", jpeg_bytes())]}, format="multipart")
    assert upload.status_code == 403
    # The attachments app's own pages ask the seizure's checks too.
    client.force_login(other_officer)
    assert client.get(f"/attachments/{attachment['id']}/original/").status_code == 404
    client.force_login(officer)
    assert client.get(f"/attachments/{attachment['id']}/original/").status_code == 200
    # An attachment of another seizure is not reached through this one.
    second = as_officer.post(URL, body(), format="json").json()
    stray = f"{URL}{second['id']}/attachments/{attachment['id']}/original/"
    assert as_officer.get(stray).status_code == 404


@pytest.mark.django_db
def test_a_code_with_a_nul_character_is_a_400_not_a_server_error(
    api_client, officer, reference_data
):
    api_client.force_authenticate(officer)
    response = api_client.post(
        "/api/v1/seizures/",
        {"occurred_at": "2026-03-14T09:30:00Z", "direction": "import", "place": "ZA\x00DUR"},
        format="json",
    )
    assert response.status_code == 400
    assert "place" in response.json()["error"]["fields"]
