"""Investigation services, workflow and selectors: who may do what, references, concurrency,
audit events."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.investigations.choices import CaseStatus, CaseTransition, JournalKind
from opencen.investigations.selectors import (
    investigation_can_manage,
    investigation_can_work,
    investigation_list,
    investigation_mine,
)
from opencen.investigations.services import (
    InvestigationConflict,
    InvestigationInput,
    investigation_assign,
    investigation_create,
    investigation_update,
    journal_add,
)
from opencen.investigations.workflow import available_transitions, investigation_transition
from opencen.reference.choices import HandlingCode


def _events(investigation, event_type):
    return AuditEvent.objects.filter(target_id=str(investigation.pk), event_type=event_type)


def test_references_count_per_office_kind_and_year(make_investigation):
    year = timezone.localdate().year
    first = make_investigation()
    second = make_investigation()
    alert = make_investigation(kind="alert")
    assert first.reference == f"PORT-INV-{year}-0001"
    assert second.reference == f"PORT-INV-{year}-0002"
    assert alert.reference == f"PORT-ALR-{year}-0001"


def test_create_is_audited_and_names_the_creator_supervisor(investigation, supervisor):
    assert investigation.status == CaseStatus.OPEN
    assert investigation.supervisor == supervisor
    event = _events(investigation, AuditEventType.RECORD_CREATED).get()
    assert event.actor == supervisor
    assert event.details["officers"] == ["off-port"]


def test_officers_may_not_open_investigations(port_officer):
    with pytest.raises(PermissionDenied):
        investigation_create(actor=port_officer, data=InvestigationInput(title="Mine"))


def test_a_supervisor_opens_only_for_their_unit_tree(supervisor, unit_tree):
    with pytest.raises(PermissionDenied):
        investigation_create(
            actor=supervisor, data=InvestigationInput(title="x"), unit=unit_tree["border"]
        )


def test_title_is_required(supervisor):
    with pytest.raises(ValidationError) as error:
        investigation_create(actor=supervisor, data=InvestigationInput(title="   "))
    assert "title" in error.value.message_dict


def test_officers_of_another_branch_cannot_be_assigned(make_investigation, make_user, unit_tree):
    from opencen.accounts.choices import Role

    stranger = make_user(roles={Role.OFFICER}, unit=unit_tree["border"])
    with pytest.raises(ValidationError) as error:
        make_investigation(officers=[stranger])
    assert "officers" in error.value.message_dict


def test_scope_team_managers_and_handling_code(
    investigation,
    port_officer,
    other_officer,
    region_supervisor,
    border_supervisor,
    analyst,
    make_investigation,
):
    # H2 (default): the team and the managers above, nobody else.
    for user in (port_officer, region_supervisor):
        assert investigation_list(user=user).filter(pk=investigation.pk).exists()
    for user in (other_officer, border_supervisor, analyst):
        assert not investigation_list(user=user).filter(pk=investigation.pk).exists()
    # H0: every reader of the unit tree, and analysts everywhere.
    open_case = make_investigation(handling_code=HandlingCode.H0)
    for user in (other_officer, analyst, region_supervisor):
        assert investigation_list(user=user).filter(pk=open_case.pk).exists()
    assert not investigation_list(user=border_supervisor).filter(pk=open_case.pk).exists()


def test_who_manages_and_who_works(investigation, port_officer, other_officer, region_supervisor):
    assert investigation_can_manage(user=region_supervisor, investigation=investigation)
    assert not investigation_can_manage(user=port_officer, investigation=investigation)
    assert investigation_can_work(user=port_officer, investigation=investigation)
    assert not investigation_can_work(user=other_officer, investigation=investigation)


def test_update_with_a_stale_version_changes_nothing(investigation, supervisor):
    data = InvestigationInput(title="New title", summary="More")
    updated = investigation_update(
        actor=supervisor, investigation=investigation, data=data, expected_version=1
    )
    assert updated.version == 2
    with pytest.raises(InvestigationConflict) as stale:
        investigation_update(
            actor=supervisor,
            investigation=investigation,
            data=InvestigationInput(title="Lost"),
            expected_version=1,
        )
    assert stale.value.current_version == 2
    investigation.refresh_from_db()
    assert investigation.title == "New title"
    change = _events(investigation, AuditEventType.RECORD_CHANGED).get()
    assert change.details["changes"]["title"] == ["Cocaine couriers through the port", "New title"]


def test_officers_may_not_update(investigation, port_officer):
    with pytest.raises(PermissionDenied):
        investigation_update(
            actor=port_officer,
            investigation=investigation,
            data=InvestigationInput(title="x"),
            expected_version=1,
        )


def test_assign_replaces_officers_and_audits_who_changed(
    investigation, supervisor, port_officer, other_officer
):
    investigation_assign(
        actor=supervisor,
        investigation=investigation,
        supervisor=supervisor,
        officers=[other_officer],
    )
    assert list(investigation.officers.all()) == [other_officer]
    event = _events(investigation, AuditEventType.RECORD_CHANGED).get()
    assert event.details["assignment"]["officers_added"] == ["off-port-2"]
    assert event.details["assignment"]["officers_removed"] == ["off-port"]


def test_transitions_follow_the_workflow_and_are_audited(investigation, supervisor, port_officer):
    assert available_transitions(user=port_officer, investigation=investigation) == []
    assert available_transitions(user=supervisor, investigation=investigation) == [
        CaseTransition.ACTIVATE,
        CaseTransition.CLOSE,
    ]
    with pytest.raises(PermissionDenied):
        investigation_transition(
            actor=port_officer, investigation=investigation, transition="activate"
        )
    with pytest.raises(ValidationError):
        investigation_transition(actor=supervisor, investigation=investigation, transition="resume")
    investigation_transition(actor=supervisor, investigation=investigation, transition="activate")
    with pytest.raises(ValidationError):  # suspending needs a reason
        investigation_transition(
            actor=supervisor, investigation=investigation, transition="suspend"
        )
    investigation_transition(
        actor=supervisor, investigation=investigation, transition="suspend", comment="Court delay"
    )
    investigation_transition(actor=supervisor, investigation=investigation, transition="resume")
    closed = investigation_transition(
        actor=supervisor, investigation=investigation, transition="close"
    )
    assert closed.status == CaseStatus.CLOSED and closed.closed_at is not None
    reopened = investigation_transition(
        actor=supervisor, investigation=investigation, transition="reopen", comment="New lead"
    )
    assert reopened.status == CaseStatus.ACTIVE and reopened.closed_at is None
    moves = list(
        _events(investigation, AuditEventType.STATUS_CHANGED)
        .order_by("id")
        .values_list("details__to", flat=True)
    )
    assert moves == ["active", "suspended", "active", "closed", "active"]
    # The officers see each change in the journal.
    assert investigation.journal.filter(kind=JournalKind.ACTION).count() == 5


def test_journal_by_the_team_only(investigation, port_officer, other_officer):
    entry = journal_add(
        actor=port_officer, investigation=investigation, kind="information", text="Tip received"
    )
    assert entry.created_by == port_officer
    assert _events(entry, AuditEventType.RECORD_CREATED).exists()
    with pytest.raises(PermissionDenied):
        journal_add(actor=other_officer, investigation=investigation, kind="note", text="x")
    with pytest.raises(ValidationError):
        journal_add(actor=port_officer, investigation=investigation, kind="note", text=" ")


def test_my_investigations_puts_overdue_first(make_investigation, port_officer, supervisor):
    today = timezone.localdate()
    later = make_investigation(officers=[port_officer], due_on=today + datetime.timedelta(days=9))
    late = make_investigation(officers=[port_officer], due_on=today - datetime.timedelta(days=2))
    undated = make_investigation(officers=[port_officer])
    closed = make_investigation(officers=[port_officer])
    investigation_transition(actor=supervisor, investigation=closed, transition="close")
    assert list(investigation_mine(user=port_officer)) == [late, later, undated]
