"""Recording, changing and validating seizures through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.choices import SeizureStatus, SeizureTransition
from opencen.seizures.selectors import seizure_list
from opencen.seizures.services import (
    ConveyanceInput,
    GoodsInput,
    SeizureConflict,
    seizure_create,
    seizure_update,
)
from opencen.seizures.workflow import seizure_transition


@pytest.mark.django_db
def test_a_seizure_gets_a_reference_its_sections_a_version_and_an_audit_event(officer, make_input):
    seizure = seizure_create(actor=officer, data=make_input())
    year = seizure.occurred_at.year
    assert seizure.reference == f"XX-PORT-{year}-000001"
    assert seizure.status == SeizureStatus.DRAFT
    assert seizure.unit_path == "HQ/NORTH/PORT/"
    assert [g.commodity_section_id for g in seizure.goods.all()] == ["drugs"]
    assert seizure.conveyances.get().container_number == "CSQU3054383"
    assert seizure.versions.get().version == 1
    event = AuditEvent.objects.get(event_type=AuditEventType.RECORD_CREATED)
    assert event.target_id == str(seizure.pk)
    second = seizure_create(actor=officer, data=make_input())
    assert second.reference == f"XX-PORT-{year}-000002"


@pytest.mark.django_db
def test_bad_identifiers_and_quantities_are_refused_naming_the_field(officer, make_input):
    data = make_input()
    data.conveyances = [
        ConveyanceInput(
            type=ref.ConveyanceType.objects.get(code="sea_container"),
            container_number="CSQU3054384",
            imo_number="9074728",
            air_waybill="020-12345670",
            flight_number="1234",
        )
    ]
    data.goods[0].quantity = Decimal("0")
    with pytest.raises(ValidationError) as caught:
        seizure_create(actor=officer, data=data)
    errors = caught.value.message_dict
    assert "expected 3" in errors["conveyances.0.container_number"][0]
    assert set(errors) == {
        "conveyances.0.container_number",
        "conveyances.0.imo_number",
        "conveyances.0.air_waybill",
        "conveyances.0.flight_number",
        "goods.0.quantity",
    }


@pytest.mark.django_db
def test_cigarettes_are_not_counted_in_litres_and_dates_are_not_in_the_future(officer, make_input):
    data = make_input(occurred_at=timezone.now() + datetime.timedelta(days=2))
    data.goods = [
        GoodsInput(
            commodity_type=ref.CommodityType.objects.get(code="cigarettes"),
            quantity=Decimal("10"),
            unit=ref.MeasurementUnit.objects.get(code="l"),
        )
    ]
    with pytest.raises(ValidationError) as caught:
        seizure_create(actor=officer, data=data)
    assert "not litres" in caught.value.message_dict["goods.0.unit"][0]
    assert "future" in caught.value.message_dict["occurred_at"][0]


@pytest.mark.django_db
def test_stale_version_is_a_conflict_that_changes_nothing(officer, make_input):
    seizure = seizure_create(actor=officer, data=make_input())
    seizure_update(
        actor=officer, seizure=seizure, data=make_input(narrative="first edit"), expected_version=1
    )
    with pytest.raises(SeizureConflict) as caught:
        seizure_update(
            actor=officer,
            seizure=seizure,
            data=make_input(narrative="stale edit"),
            expected_version=1,
        )
    assert caught.value.current_version == 2
    assert caught.value.changes["narrative"][1] == "first edit"
    seizure.refresh_from_db()
    assert seizure.narrative == "first edit"
    assert seizure.version == 2


@pytest.mark.django_db
def test_workflow_submit_validate_and_editing_sends_back(officer, supervisor, make_input):
    seizure = seizure_create(actor=officer, data=make_input())
    with pytest.raises(PermissionDenied):
        seizure_transition(actor=officer, seizure=seizure, transition=SeizureTransition.VALIDATE)
    seizure = seizure_transition(actor=officer, seizure=seizure, transition="submit")
    with pytest.raises(ValidationError):
        seizure_transition(actor=supervisor, seizure=seizure, transition="return")  # no comment
    seizure = seizure_transition(actor=supervisor, seizure=seizure, transition="validate")
    assert seizure.status == SeizureStatus.VALIDATED
    assert seizure.validated_by == supervisor
    seizure = seizure_update(
        actor=officer,
        seizure=seizure,
        data=make_input(narrative="late detail"),
        expected_version=seizure.version,
    )
    assert seizure.status == SeizureStatus.SUBMITTED
    transitions = list(
        AuditEvent.objects.filter(event_type=AuditEventType.STATUS_CHANGED)
        .order_by("id")
        .values_list("details__to", flat=True)
    )
    assert transitions == ["submitted", "validated", "submitted"]


@pytest.mark.django_db
def test_an_incomplete_draft_saves_but_cannot_be_submitted(officer, make_input):
    seizure = seizure_create(actor=officer, data=make_input(route=[], goods=[]))
    with pytest.raises(ValidationError) as caught:
        seizure_transition(actor=officer, seizure=seizure, transition="submit")
    assert set(caught.value.message_dict) == {"goods", "route"}


@pytest.mark.django_db
def test_scope_by_unit_and_handling_code(officer, other_officer, analyst, make_input):
    open_seizure = seizure_create(actor=officer, data=make_input())
    restricted = seizure_create(actor=officer, data=make_input(handling_code=HandlingCode.H2))
    assert set(seizure_list(user=officer)) == {open_seizure, restricted}
    assert set(seizure_list(user=other_officer)) == set()
    # An analyst reads nationally, but H2 stays inside the recording unit's line of command.
    assert set(seizure_list(user=analyst)) == {open_seizure}
