"""Merging duplicate companies keeps every name and moves every link."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.companies.models import Company, SeizureCompany
from opencen.companies.selectors import company_list
from opencen.companies.services import (
    company_merge,
    company_person_add,
    seizure_company_add,
)

pytestmark = pytest.mark.django_db


def test_merge_keeps_names_and_moves_links(make_company, port_officer, seizure, person):
    survivor = make_company("BLUE OCEAN TRADING PROPRIETARY LIMITED", phones=["+27215550100"])
    duplicate = make_company(
        "Blue Ocean Trading (Pty) Ltd",
        registration_number="2011/123456/07",
        trading_names=["Blue Ocean"],
        phones=["021 555 0100", "+27 21 555 0199"],
        emails=["ops@blueocean.example"],
    )
    seizure_company_add(actor=port_officer, seizure=seizure, company=duplicate, role="importer")
    company_person_add(actor=port_officer, company=duplicate, person=person, role="director")

    merged = company_merge(actor=port_officer, survivor=survivor, duplicate=duplicate)

    names = set(merged.trading_names.values_list("name", flat=True))
    assert names == {"Blue Ocean Trading (Pty) Ltd", "Blue Ocean"}
    assert merged.registration_normalised == "201112345607"
    assert sorted(merged.phones.values_list("e164", flat=True)) == [
        "+27215550100",
        "+27215550199",
    ]
    assert list(merged.emails.values_list("email", flat=True)) == ["ops@blueocean.example"]
    assert SeizureCompany.objects.get(seizure=seizure).company_id == survivor.pk
    assert merged.people.get().person_id == person.pk
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk
    assert not company_list(user=port_officer).filter(pk=duplicate.pk).exists()
    assert merged.version == 2 and duplicate.version == 2
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORDS_MERGED)
    assert event.target_id == str(survivor.pk)
    assert event.details["merged"] == str(duplicate.pk)


def test_merge_keeps_a_differing_number_in_the_notes(make_company, port_officer):
    survivor = make_company("Alpha Ltd", registration_number="111")
    duplicate = make_company("Alpha Limited", registration_number="222")
    merged = company_merge(actor=port_officer, survivor=survivor, duplicate=duplicate)
    assert merged.registration_number == "111"
    assert "222" in merged.notes


def test_merge_into_itself_or_twice_is_refused(make_company, port_officer):
    first = make_company("One Ltd")
    second = make_company("Two Ltd")
    with pytest.raises(ValidationError):
        company_merge(actor=port_officer, survivor=first, duplicate=first)
    company_merge(actor=port_officer, survivor=first, duplicate=second)
    with pytest.raises(ValidationError):
        company_merge(
            actor=port_officer, survivor=first, duplicate=Company.objects.get(pk=second.pk)
        )
