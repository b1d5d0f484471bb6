"""Company services: create, update with versions and conflicts, people, involvements."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.companies.models import CompanyPerson, SeizureCompany
from opencen.companies.services import (
    CompanyAddressInput,
    CompanyConflict,
    CompanyInput,
    company_create,
    company_person_add,
    company_person_remove,
    company_snapshot,
    company_update,
    seizure_company_add,
    seizure_company_remove,
)

pytestmark = pytest.mark.django_db


def _input(company, **changes) -> CompanyInput:
    snapshot = company_snapshot(company)
    data = CompanyInput(
        name=snapshot["name"],
        legal_form=snapshot["legal_form"],
        registration_number=snapshot["registration_number"],
        tax_number=snapshot["tax_number"],
        country=company.country,
        website=snapshot["website"],
        kind=snapshot["kind"],
        status=snapshot["status"],
        notes=snapshot["notes"],
        handling_code=snapshot["handling_code"],
        trading_names=snapshot["trading_names"],
        phones=snapshot["phones"],
        emails=snapshot["emails"],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_create_normalises_numbers_and_phones_and_is_audited(make_company, countries):
    company = make_company(
        registration_number="2011/123456/07",
        tax_number=" 9 123-456 ",
        phones=["021 555 0100"],
        emails=["info@blueocean.example"],
        trading_names=["Blue Ocean", "  Blue   Ocean  "],
        addresses=[CompanyAddressInput(address="1 Dock Road", city="Durban")],
    )
    assert company.registration_normalised == "201112345607"
    assert company.tax_normalised == "9123456"
    assert company.unit.code == "PORT" and company.unit_path == company.unit.path
    assert [p.e164 for p in company.phones.all()] == ["+27215550100"]
    assert [t.name for t in company.trading_names.all()] == ["Blue Ocean"]
    assert company.versions.get().version == 1
    event = AuditEvent.objects.get(
        event_type=AuditEventType.RECORD_CREATED, target_id=str(company.pk)
    )
    assert event.target_type == "companies.company"


def test_create_refuses_bad_phone_email_and_empty_name(port_officer, countries):
    with pytest.raises(ValidationError) as error:
        company_create(
            actor=port_officer,
            data=CompanyInput(name="  ", phones=["not a phone"], emails=["nobody"]),
        )
    assert set(error.value.message_dict) == {"name", "phones.0", "emails.0"}


def test_create_needs_the_edit_permission(make_user, unit_tree, countries):
    from opencen.accounts.choices import Role

    analyst = make_user(roles={Role.ANALYST}, unit=unit_tree["hq"])
    with pytest.raises(PermissionDenied):
        company_create(actor=analyst, data=CompanyInput(name="X Ltd"))


def test_update_records_a_version_with_differences(make_company, port_officer):
    company = make_company()
    updated = company_update(
        actor=port_officer,
        company=company,
        data=_input(company, kind="importer", trading_names=["Blue Ocean"]),
        expected_version=1,
    )
    assert updated.version == 2
    version = updated.versions.get(version=2)
    assert version.changes["kind"] == ["", "importer"]
    assert version.changes["trading_names"] == [[], ["Blue Ocean"]]
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.RECORD_CHANGED, target_id=str(company.pk)
    ).exists()


def test_update_without_change_keeps_the_version(make_company, port_officer):
    company = make_company(phones=["+27 21 555 0100"])
    same = company_update(
        actor=port_officer, company=company, data=_input(company), expected_version=1
    )
    assert same.version == 1
    assert company.versions.count() == 1


def test_stale_update_raises_a_conflict_and_writes_nothing(make_company, port_officer):
    company = make_company()
    company_update(
        actor=port_officer,
        company=company,
        data=_input(company, kind="carrier"),
        expected_version=1,
    )
    with pytest.raises(CompanyConflict) as conflict:
        company_update(
            actor=port_officer,
            company=company,
            data=_input(company, name="Something Else Ltd"),
            expected_version=1,
        )
    assert conflict.value.current_version == 2
    assert conflict.value.changes["kind"] == ["", "carrier"]
    company.refresh_from_db()
    assert company.name == "Blue Ocean Trading (Pty) Ltd"


def test_another_unit_cannot_update(make_company, border_officer):
    company = make_company()
    with pytest.raises(PermissionDenied):
        company_update(
            actor=border_officer, company=company, data=_input(company), expected_version=1
        )


def test_people_of_a_company(make_company, port_officer, person):
    company = make_company()
    link = company_person_add(actor=port_officer, company=company, person=person, role="director")
    assert list(company.people.values_list("role", flat=True)) == ["director"]
    with pytest.raises(ValidationError):
        company_person_add(actor=port_officer, company=company, person=person, role="director")
    with pytest.raises(ValidationError):
        company_person_add(actor=port_officer, company=company, person=person, role="boss")
    company_person_remove(actor=port_officer, link=link)
    assert not CompanyPerson.objects.exists()


def test_seizure_involvement_add_and_remove(make_company, port_officer, seizure):
    company = make_company()
    seizure_company_add(actor=port_officer, seizure=seizure, company=company, role="importer")
    seizure_company_add(actor=port_officer, seizure=seizure, company=company, role="importer")
    assert SeizureCompany.objects.filter(seizure=seizure, company=company).count() == 1
    with pytest.raises(ValidationError):
        seizure_company_add(actor=port_officer, seizure=seizure, company=company, role="pilot")
    seizure_company_remove(actor=port_officer, seizure=seizure, company=company, role="importer")
    assert not SeizureCompany.objects.exists()
    details = [
        e.details
        for e in AuditEvent.objects.filter(target_id=str(seizure.pk)).order_by("id")
        if "company_added" in e.details or "company_removed" in e.details
    ]
    assert details == [
        {"company_added": str(company.pk), "role": "importer"},
        {"company_removed": str(company.pk), "role": "importer"},
    ]


def test_a_company_out_of_scope_cannot_be_linked(make_company, border_officer, seizure, countries):
    from django.utils import timezone

    from opencen.seizures.services import SeizureInput, seizure_create

    theirs = seizure_create(
        actor=border_officer, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    company = make_company()  # the port's
    with pytest.raises(ValidationError):
        seizure_company_add(actor=border_officer, seizure=theirs, company=company, role="shipper")
    with pytest.raises(PermissionDenied):
        seizure_company_add(actor=border_officer, seizure=seizure, company=company, role="shipper")
