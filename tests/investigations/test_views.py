"""Investigation pages through the test client: list and filters, "My investigations",
detail, create, edit with a conflict, assign, status buttons, journal with a file, links."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from opencen.attachments.models import Attachment
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.investigations.choices import CaseStatus
from opencen.investigations.models import Investigation
from opencen.investigations.services import InvestigationInput, investigation_update
from opencen.seizures.services import SeizureInput, seizure_create

LIST = reverse("investigations:list")
MINE = reverse("investigations:mine")
CREATE = reverse("investigations:create")


def _login(client, user):
    client.force_login(user)
    return client


def test_empty_list_invites_a_supervisor_to_open_one(client, supervisor):
    page = _login(client, supervisor).get(LIST)
    assert page.status_code == 200
    assert "No alert or investigation yet." in page.content.decode()
    assert CREATE in page.content.decode()


def test_supervisor_opens_an_investigation_and_is_sent_to_assign(client, supervisor):
    response = _login(client, supervisor).post(
        CREATE,
        {
            "kind": "investigation",
            "title": "Khat by air",
            "priority": "high",
            "handling_code": "H2",
        },
    )
    investigation = Investigation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("investigations:assign", args=[investigation.pk])
    assert investigation.priority == "high"


def test_create_form_keeps_what_was_typed_on_an_error(client, supervisor):
    response = _login(client, supervisor).post(
        CREATE, {"kind": "alert", "title": "", "summary": "Kept text", "priority": "normal"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kept text" in content
    assert "invalid-feedback" in content


def test_list_filters_by_status_priority_and_overdue(client, supervisor, make_investigation):
    today = timezone.localdate()
    late = make_investigation(title="Late one", due_on=today - datetime.timedelta(days=1))
    make_investigation(title="Urgent one", priority="urgent")
    client = _login(client, supervisor)
    content = client.get(LIST, {"overdue": "on"}).content.decode()
    assert "Late one" in content and "Urgent one" not in content
    content = client.get(LIST, {"priority": "urgent"}).content.decode()
    assert "Urgent one" in content and "Late one" not in content
    content = client.get(LIST, {"status": "closed"}).content.decode()
    assert "No investigation matches these filters." in content
    partial = client.get(
        LIST, {"q": "late"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="investigation-results"
    )
    assert "<html" not in partial.content.decode() and "Late one" in partial.content.decode()
    assert late.reference in partial.content.decode()


def test_my_investigations_lists_the_assigned_officers_cases(
    client, investigation, port_officer, other_officer
):
    assert investigation.reference in _login(client, port_officer).get(MINE).content.decode()
    client.logout()
    content = _login(client, other_officer).get(MINE).content.decode()
    assert "Nothing assigned to you right now." in content


def test_detail_shows_actions_to_the_supervisor_only(
    client, investigation, supervisor, port_officer
):
    url = reverse("investigations:detail", args=[investigation.pk])
    content = _login(client, supervisor).get(url).content.decode()
    assert reverse("investigations:transition", args=[investigation.pk, "activate"]) in content
    assert reverse("investigations:assign", args=[investigation.pk]) in content
    client.logout()
    content = _login(client, port_officer).get(url).content.decode()
    assert reverse("investigations:transition", args=[investigation.pk, "activate"]) not in content
    assert reverse("investigations:journal-add", args=[investigation.pk]) in content


def test_out_of_scope_is_not_found(client, investigation, other_officer, border_supervisor):
    url = reverse("investigations:detail", args=[investigation.pk])
    assert _login(client, other_officer).get(url).status_code == 404
    client.logout()
    assert _login(client, border_supervisor).get(url).status_code == 404


def test_assigned_officer_cannot_edit_or_assign(client, investigation, port_officer):
    client = _login(client, port_officer)
    assert client.get(reverse("investigations:edit", args=[investigation.pk])).status_code == 403
    assert client.get(reverse("investigations:assign", args=[investigation.pk])).status_code == 403


def test_edit_over_a_stale_version_shows_the_conflict_and_keeps_the_text(
    client, investigation, supervisor, region_supervisor
):
    url = reverse("investigations:edit", args=[investigation.pk])
    investigation_update(
        actor=region_supervisor,
        investigation=investigation,
        data=InvestigationInput(title="Changed meanwhile"),
        expected_version=1,
    )
    form = {
        "kind": "investigation",
        "title": "My title",
        "priority": "normal",
        "handling_code": "H2",
        "version": "1",
    }
    response = _login(client, supervisor).post(url, form)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone saved this investigation" in content and "My title" in content
    # Saving again keeps the user's text over the current version.
    response = client.post(url, {**form, "version": "2"})
    assert response.status_code == 302
    investigation.refresh_from_db()
    assert investigation.title == "My title"


def test_assign_page_assigns_an_officer(client, investigation, supervisor, other_officer):
    url = reverse("investigations:assign", args=[investigation.pk])
    client = _login(client, supervisor)
    assert "off-port-2" in client.get(url).content.decode() or other_officer.get_full_name() in (
        client.get(url).content.decode()
    )
    response = client.post(
        url,
        {
            "supervisor": supervisor.pk,
            "officers": [other_officer.pk],
            "version": investigation.version,
        },
    )
    assert response.status_code == 302
    assert list(investigation.officers.all()) == [other_officer]


def test_status_button_moves_the_investigation(client, investigation, supervisor):
    url = reverse("investigations:transition", args=[investigation.pk, "activate"])
    assert _login(client, supervisor).post(url).status_code == 302
    investigation.refresh_from_db()
    assert investigation.status == CaseStatus.ACTIVE
    # Suspending without a reason is refused with a message, nothing changes.
    url = reverse("investigations:transition", args=[investigation.pk, "suspend"])
    response = client.post(url, follow=True)
    assert "did not happen" in response.content.decode()
    investigation.refresh_from_db()
    assert investigation.status == CaseStatus.ACTIVE


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 10, 10)).save(buffer, "JPEG")
    return SimpleUploadedFile("report.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def test_officer_adds_a_journal_entry_with_a_file(client, investigation, port_officer, media_root):
    url = reverse("investigations:journal-add", args=[investigation.pk])
    response = _login(client, port_officer).post(
        url, {"kind": "action", "text": "Searched the container", "files": [_jpeg()]}
    )
    assert response.status_code == 302
    entry = investigation.journal.get()
    attachment = Attachment.objects.get(object_id=str(entry.pk))
    page = client.get(reverse("investigations:detail", args=[investigation.pk])).content.decode()
    assert "Searched the container" in page
    assert reverse("attachments:original", args=[attachment.pk]) in page
    assert client.get(reverse("attachments:original", args=[attachment.pk])).status_code == 200


def test_empty_journal_entry_comes_back_with_an_error(client, investigation, port_officer):
    url = reverse("investigations:journal-add", args=[investigation.pk])
    response = _login(client, port_officer).post(url, {"kind": "note", "text": ""})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()


def test_link_a_seizure_by_its_reference(client, investigation, port_officer, supervisor):
    seizure = seizure_create(
        actor=supervisor, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    client = _login(client, port_officer)
    found = client.get(
        reverse("investigations:link-search", args=[investigation.pk]),
        {"kind": "seizure", "record": seizure.reference[-6:]},
    ).content.decode()
    assert seizure.reference in found
    response = client.post(
        reverse("investigations:link-add", args=[investigation.pk]),
        {"kind": "seizure", "record_id": str(seizure.pk)},
    )
    assert response.status_code == 302
    assert list(investigation.seizures.all()) == [seizure]
    page = client.get(reverse("investigations:detail", args=[investigation.pk])).content.decode()
    assert reverse("seizures:detail", args=[seizure.pk]) in page
    client.post(
        reverse("investigations:link-remove", args=[investigation.pk]),
        {"kind": "seizure", "record_id": str(seizure.pk)},
    )
    assert not investigation.seizures.exists()
    assert AuditEvent.objects.filter(
        target_id=str(investigation.pk), details__unlinked__type="seizure"
    ).exists()


def test_link_refuses_records_out_of_scope(client, investigation, port_officer, border_supervisor):
    foreign = seizure_create(
        actor=border_supervisor,
        data=SeizureInput(occurred_at=timezone.now(), direction="import"),
    )
    response = _login(client, port_officer).post(
        reverse("investigations:link-add", args=[investigation.pk]),
        {"kind": "seizure", "record_id": str(foreign.pk)},
        follow=True,
    )
    assert "No such record in your scope." in response.content.decode()
    assert not investigation.seizures.exists()


def test_person_search_for_linking_is_audited_with_the_case_as_purpose(
    client, investigation, port_officer
):
    _login(client, port_officer).get(
        reverse("investigations:link-search", args=[investigation.pk]),
        {"kind": "person", "record": "Hassan"},
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.SEARCH)
    assert event.purpose == investigation.reference
    assert event.details["query"] == "Hassan"


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_run_a_fixed_number_of_queries(
    client, supervisor, make_investigation, port_officer, other_officer
):
    client = _login(client, supervisor)
    make_investigation(officers=[port_officer])
    few = (
        _queries(client, LIST),
        _queries(client, MINE),
        _queries(client, "/api/v1/investigations/"),
    )
    for _ in range(6):
        make_investigation(officers=[port_officer, other_officer])
    many = (
        _queries(client, LIST),
        _queries(client, MINE),
        _queries(client, "/api/v1/investigations/"),
    )
    assert few == many
