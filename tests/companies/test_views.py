"""Company pages: list with filters, detail (audited, purpose), form with rows, conflict,
history and merge."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, port_officer):
    client.force_login(port_officer)
    return client


def test_empty_list_invites_to_record(signed_in, countries):
    page = signed_in.get(reverse("companies:list")).content.decode()
    assert "No company has been recorded yet." in page


def test_list_filters_by_trading_name_and_number(signed_in, make_company):
    make_company(
        "Blue Ocean Trading (Pty) Ltd",
        trading_names=["Oceanic"],
        registration_number="2011/123456/07",
    )
    make_company("Red Sand Ltd")
    page = signed_in.get(reverse("companies:list"), {"name": "oceanic"}).content.decode()
    assert "Blue Ocean" in page and "Red Sand" not in page
    page = signed_in.get(
        reverse("companies:list"),
        {"number": "201112345607"},
        headers={"HX-Request": "true", "HX-Target": "company-results"},
    ).content.decode()
    assert "Blue Ocean" in page and "<html" not in page
    assert AuditEvent.objects.filter(event_type=AuditEventType.SEARCH).count() == 2


def test_detail_is_audited_and_asks_the_purpose_when_mandatory(signed_in, make_company, settings):
    company = make_company()
    url = reverse("companies:detail", args=[company.pk])
    settings.PURPOSE_REQUIRED = True
    response = signed_in.get(url)
    assert response.status_code == 302 and "kind=company" in response["Location"]
    assert signed_in.get(url, {"purpose": "Case 77"}).status_code == 200
    assert signed_in.get(url).status_code == 200  # remembered for the session
    events = AuditEvent.objects.filter(
        event_type=AuditEventType.RECORD_VIEWED, target_id=str(company.pk)
    )
    assert [e.purpose for e in events] == ["Case 77", "Case 77"]


def test_create_with_rows_and_inline_errors_keep_what_was_typed(signed_in, countries):
    data = {
        "name": "Blue Ocean Trading (Pty) Ltd",
        "country": "ZA",
        "status": "active",
        "handling_code": "H0",
        "trading_names-0-name": "Blue Ocean",
        "phones-0-number": "not a phone",
        "emails-3-email": "ops@blueocean.example",
    }
    response = signed_in.post(reverse("companies:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not a phone number" in page and 'value="Blue Ocean"' in page
    data["phones-0-number"] = "021 555 0100"
    response = signed_in.post(reverse("companies:create"), data)
    assert response.status_code == 302
    company = Company.objects.get()
    assert company.phones.get().e164 == "+27215550100"
    assert company.emails.get().email == "ops@blueocean.example"


def test_form_row_adds_a_row(signed_in):
    response = signed_in.get(reverse("companies:form-row", args=["phones"]), {"index": "3"})
    page = response.content.decode()
    assert 'name="phones-3-number"' in page and "index=4" in page


def test_edit_conflict_shows_the_panel_and_keeps_input(signed_in, make_company, port_officer):
    company = make_company()
    url = reverse("companies:edit", args=[company.pk])
    base = {"name": company.name, "country": "ZA", "status": "active", "handling_code": "H0"}
    assert signed_in.post(url, {**base, "kind": "carrier", "version": "1"}).status_code == 302
    response = signed_in.post(url, {**base, "name": "Mine Ltd", "version": "1"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone saved this company" in page and 'value="Mine Ltd"' in page
    response = signed_in.post(url, {**base, "name": "Mine Ltd", "version": "1", "use_version": "2"})
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Mine Ltd" and company.version == 3
    history = signed_in.get(reverse("companies:history", args=[company.pk])).content.decode()
    assert "Version 3" in history and "Mine Ltd" in history


def test_merge_page(signed_in, make_company):
    survivor = make_company("BLUE OCEAN TRADING PROPRIETARY LIMITED")
    duplicate = make_company("Blue Ocean Trading (Pty) Ltd")
    url = reverse("companies:merge", args=[survivor.pk])
    page = signed_in.get(url, {"q": "blue ocean trading (pty)"}).content.decode()
    assert "Blue Ocean Trading (Pty) Ltd" in page
    page = signed_in.get(url, {"q": "blue", "duplicate": str(duplicate.pk)}).content.decode()
    assert "Merge Blue Ocean Trading (Pty) Ltd into this company" in page
    assert signed_in.post(url, {"duplicate": str(duplicate.pk)}).status_code == 200  # unconfirmed
    response = signed_in.post(url, {"duplicate": str(duplicate.pk), "confirm": "on"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk
    # The merged record's address leads to the survivor.
    response = signed_in.get(reverse("companies:detail", args=[duplicate.pk]))
    assert response.status_code == 302 and str(survivor.pk) in response["Location"]
