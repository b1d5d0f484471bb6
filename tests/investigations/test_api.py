"""The investigation API: list with filters, create (201 with id), retrieve, PATCH with
version (409 when stale), transitions, assignment, journal and links as POST actions."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from opencen.investigations.models import Investigation
from opencen.seizures.services import SeizureInput, seizure_create

LIST = reverse("api-investigation-list")


def _detail(investigation, name="api-investigation-detail"):
    return reverse(name, args=[investigation.pk])


@pytest.fixture
def as_user(api_client):
    def _as(user):
        api_client.force_authenticate(user)
        return api_client

    return _as


def test_create_answers_201_with_id_and_reference(as_user, supervisor, port_officer):
    response = as_user(supervisor).post(
        LIST,
        {"title": "Gold smuggling", "kind": "alert", "officers": [port_officer.pk]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    investigation = Investigation.objects.get(pk=body["id"])
    assert body["reference"] == investigation.reference
    assert body["officers"][0]["username"] == "off-port"
    assert body["transitions"] == ["activate", "close"]


def test_officers_may_not_create(as_user, port_officer):
    assert as_user(port_officer).post(LIST, {"title": "x"}, format="json").status_code == 403


def test_create_with_links_to_visible_records(as_user, supervisor):
    seizure = seizure_create(
        actor=supervisor, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    response = as_user(supervisor).post(
        LIST, {"title": "Linked", "seizures": [str(seizure.pk)]}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["seizures"] == [str(seizure.pk)]


def test_list_is_scoped_and_filtered(as_user, investigation, make_investigation, port_officer):
    make_investigation(title="Not mine", priority="urgent")
    client = as_user(port_officer)
    body = client.get(LIST).json()
    # The H2 investigation not assigned to this officer is out of reach.
    assert [item["reference"] for item in body["results"]] == [investigation.reference]
    assert client.get(LIST, {"mine": "true"}).json()["count"] == 1
    assert client.get(LIST, {"priority": "urgent"}).json()["count"] == 0
    assert client.get(LIST, {"status": "nonsense"}).status_code == 400


def test_retrieve_and_out_of_scope_404(as_user, investigation, port_officer, border_supervisor):
    assert as_user(port_officer).get(_detail(investigation)).json()["title"] == investigation.title
    assert as_user(border_supervisor).get(_detail(investigation)).status_code == 404


def test_patch_with_version_and_409_when_stale(as_user, investigation, supervisor):
    client = as_user(supervisor)
    response = client.patch(
        _detail(investigation), {"version": 1, "priority": "urgent"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["priority"] == "urgent" and response.json()["version"] == 2
    assert response.json()["title"] == investigation.title  # untouched fields kept
    stale = client.patch(_detail(investigation), {"version": 1, "title": "Lost"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert (
        client.patch(_detail(investigation), {"title": "No version"}, format="json").status_code
        == 400
    )


def test_officer_patch_is_forbidden(as_user, investigation, port_officer):
    response = as_user(port_officer).patch(
        _detail(investigation), {"version": 1, "title": "x"}, format="json"
    )
    assert response.status_code == 403


def test_transition_action(as_user, investigation, supervisor, port_officer):
    url = _detail(investigation, "api-investigation-transition")
    assert (
        as_user(port_officer).post(url, {"transition": "activate"}, format="json").status_code
        == 403
    )
    response = as_user(supervisor).post(url, {"transition": "activate"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "active"
    refused = as_user(supervisor).post(url, {"transition": "suspend"}, format="json")
    assert refused.status_code == 400
    assert as_user(supervisor).post(url, {"transition": "fly"}, format="json").status_code == 400


def test_journal_action(as_user, investigation, port_officer, other_officer):
    url = _detail(investigation, "api-investigation-journal")
    response = as_user(port_officer).post(
        url, {"kind": "note", "text": "Met the informant"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["created_by"]["username"] == "off-port"
    assert as_user(port_officer).get(url).json()[0]["text"] == "Met the informant"
    # An officer of the unit who is not on the team does not even see the H2 investigation.
    assert (
        as_user(other_officer).post(url, {"kind": "note", "text": "x"}, format="json").status_code
        == 404
    )


def test_assign_action(as_user, investigation, supervisor, other_officer):
    url = _detail(investigation, "api-investigation-assign")
    response = as_user(supervisor).post(
        url, {"supervisor": supervisor.pk, "officers": [other_officer.pk]}, format="json"
    )
    assert response.status_code == 200
    assert [o["username"] for o in response.json()["officers"]] == ["off-port-2"]
    bad = as_user(supervisor).post(url, {"supervisor": "x", "officers": []}, format="json")
    assert bad.status_code == 400


def test_link_and_unlink_actions(as_user, investigation, supervisor):
    seizure = seizure_create(
        actor=supervisor, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    client = as_user(supervisor)
    body = {"kind": "seizure", "id": str(seizure.pk)}
    linked = client.post(_detail(investigation, "api-investigation-link"), body, format="json")
    assert linked.status_code == 200 and linked.json()["seizures"] == [str(seizure.pk)]
    unlinked = client.post(_detail(investigation, "api-investigation-unlink"), body, format="json")
    assert unlinked.json()["seizures"] == []
    missing = client.post(
        _detail(investigation, "api-investigation-link"),
        {"kind": "person", "id": str(seizure.pk)},
        format="json",
    )
    assert missing.status_code == 400
