"""The audit log is append-only and hash-chained; `opencen audit verify` finds any change."""

from __future__ import annotations

import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.models import GENESIS_HASH, AuditEvent
from opencen.audit.services import audit_chain_verify, audit_record
from opencen.audit.triggers import drop_triggers, install_triggers
from tests.factories import TEST_PASSWORD


@pytest.fixture
def chain(officer):
    return [
        audit_record(
            actor=officer,
            event_type=AuditEventType.RECORD_VIEWED,
            target=officer.unit,
            purpose=f"case {n}",
            details={"n": n, "when": officer.date_joined},
        )
        for n in range(5)
    ]


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_events_link_to_the_previous_one(chain):
    assert chain[0].previous_hash == GENESIS_HASH
    for previous, event in itertools.pairwise(chain):
        assert event.previous_hash == previous.hash
    stored = AuditEvent.objects.get(pk=chain[2].pk)
    assert stored.compute_hash() == stored.hash
    assert stored.target_type == "accounts.unit"
    assert stored.purpose == "case 2"
    assert "Audit chain verified: 5 events" in _verify()


@pytest.mark.django_db
def test_the_database_refuses_update_and_delete(chain):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=chain[1].pk).update(purpose="nothing to see")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=chain[1].pk).delete()
    assert AuditEvent.objects.get(pk=chain[1].pk).purpose == "case 1"


def _tamper(sql: str, params: list) -> None:
    drop_triggers(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        install_triggers(connection)


@pytest.mark.django_db
def test_an_altered_row_is_named(chain):
    _tamper("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["x", chain[2].id])
    with pytest.raises(CommandError, match=rf"event #{chain[2].id}: its content"):
        _verify()


@pytest.mark.django_db
def test_a_removed_row_is_named(chain):
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [chain[3].id])
    checked, first_break = audit_chain_verify()
    assert checked == 3
    assert first_break.event_id == chain[4].id
    assert f"event #{chain[3].id} is missing" in first_break.reason


@pytest.mark.django_db
def test_a_rehashed_row_still_breaks_the_link_to_the_next(chain):
    """Someone who alters a row and recomputes its hash breaks the next event's link."""
    event = AuditEvent.objects.get(pk=chain[1].pk)
    event.purpose = "forged"
    forged_hash = event.compute_hash()
    _tamper(
        "UPDATE audit_auditevent SET purpose = %s, hash = %s WHERE id = %s",
        ["forged", forged_hash, event.id],
    )
    _checked, first_break = audit_chain_verify()
    assert first_break.event_id == chain[2].id
    assert "link" in first_break.reason


@pytest.mark.django_db
def test_sign_in_failure_and_sign_out_are_recorded(client, officer):
    client.post("/accounts/login/", {"username": officer.username, "password": "wrong"})
    client.post("/accounts/login/", {"username": officer.username, "password": TEST_PASSWORD})
    client.post("/accounts/logout/")
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.event_type for e in events] == [
        AuditEventType.LOGIN_FAILED,
        AuditEventType.LOGIN,
        AuditEventType.LOGOUT,
    ]
    assert events[0].outcome == AuditOutcome.FAILURE
    assert events[0].actor is None
    assert events[0].actor_username == officer.username
    assert events[1].actor == officer
    assert events[1].source_ip == "127.0.0.1"
    assert "wrong" not in str(events[0].details)
    assert audit_chain_verify()[1] is None


@pytest.mark.django_db
def test_an_event_is_lost_with_the_transaction_it_belongs_to(officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=officer, event_type=AuditEventType.RECORD_CREATED)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()
