"""Exports ask for a purpose when purposes are mandatory, remember it for the session, and
store it on the audit event."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent


@pytest.fixture
def exporter(make_user, unit_tree):
    from opencen.accounts.choices import Role

    return make_user(roles={Role.ANALYST}, unit=unit_tree["hq"], username="analyst-export")


@pytest.mark.django_db
def test_an_export_asks_for_a_purpose_first_and_records_it(client, exporter, settings):
    settings.PURPOSE_REQUIRED = True
    client.force_login(exporter)
    response = client.get("/seizures/export.csv?status=validated")
    assert response.status_code == 302
    assert response["Location"].startswith("/audit/purpose/?kind=export&next=")
    assert not AuditEvent.objects.filter(event_type=AuditEventType.EXPORT).exists()

    page = client.get(response["Location"])
    assert "Why are you exporting this data?" in page.content.decode()
    too_short = client.post(response["Location"], {"purpose": "x"})
    assert too_short.status_code == 200 and too_short.context["form"].errors
    done = client.post(response["Location"], {"purpose": "Case INV-2026-042"})
    assert done.status_code == 302
    assert done["Location"] == "/seizures/export.csv?status=validated"

    export = client.get(done["Location"])
    assert export.status_code == 200
    event = AuditEvent.objects.get(event_type=AuditEventType.EXPORT)
    assert event.purpose == "Case INV-2026-042"
    # Remembered for the session: the next export goes straight through with it.
    assert client.get("/seizures/export.csv").status_code == 200
    assert (
        AuditEvent.objects.filter(
            event_type=AuditEventType.EXPORT, purpose="Case INV-2026-042"
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_a_purpose_in_the_address_is_used_and_remembered(client, exporter, settings):
    settings.PURPOSE_REQUIRED = True
    client.force_login(exporter)
    response = client.get(f"/seizures/export.csv?purpose={quote('Routine statistics')}")
    assert response.status_code == 200
    assert AuditEvent.objects.get(event_type=AuditEventType.EXPORT).purpose == "Routine statistics"


@pytest.mark.django_db
def test_the_purpose_page_never_sends_the_user_off_site(client, exporter):
    client.force_login(exporter)
    response = client.post(
        "/audit/purpose/?kind=export&next=https://evil.example.org/", {"purpose": "Case 7"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_when_optional_an_export_needs_no_purpose(client, exporter, settings):
    settings.PURPOSE_REQUIRED = False
    client.force_login(exporter)
    assert client.get("/seizures/export.csv").status_code == 200
    assert AuditEvent.objects.get(event_type=AuditEventType.EXPORT).purpose == ""
