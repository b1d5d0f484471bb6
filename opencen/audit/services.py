"""Writing and checking the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.context import current_request_context
from opencen.audit.models import GENESIS_HASH, AuditEvent

#: Key of the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_240_001


def _lock_chain() -> None:
    """Serialise appends: on SQLite the IMMEDIATE transaction already holds the write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def audit_record(
    *,
    actor,
    event_type: AuditEventType,
    target: Any = None,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
    purpose: str = "",
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
    details: dict | None = None,
    source_ip: str | None = None,
    actor_username: str = "",
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction when there is one.

    ``target`` may be a model instance (its type, id and str() are taken) or None with the
    ``target_*`` fields given. ``source_ip`` and ``purpose`` default to the current request's.
    """
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)[:300]
    context = current_request_context()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    # Normalise details to plain JSON now, so the hash is the same after storage.
    plain_details = json.loads(json.dumps(details or {}, cls=DjangoJSONEncoder))
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values("id", "hash").first()
        event = AuditEvent(
            id=(last["id"] + 1) if last else 1,
            occurred_at=timezone.now(),
            actor=actor if authenticated else None,
            actor_username=(actor.get_username() if authenticated else actor_username)[:150],
            source_ip=source_ip if source_ip is not None else context.source_ip,
            event_type=int(event_type),
            target_type=target_type,
            target_id=target_id,
            target_label=target_label[:300],
            purpose=(purpose or context.purpose)[:300],
            outcome=outcome,
            details=plain_details,
            previous_hash=last["hash"] if last else GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold."""

    event_id: int
    reason: str


def audit_chain_verify(*, batch_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many events were checked and the first break."""
    expected_previous = GENESIS_HASH
    expected_id = 1
    checked = 0
    for event in _iter_events(batch_size):
        if event.id != expected_id:
            reason = (
                f"event #{expected_id} is missing (next is #{event.id})"
                if event.id > expected_id
                else f"event #{event.id} is out of sequence"
            )
            return checked, ChainBreak(event.id, reason)
        if event.previous_hash != expected_previous:
            return checked, ChainBreak(event.id, "its link to the previous event is broken")
        if event.compute_hash() != event.hash:
            return checked, ChainBreak(event.id, "its content does not match its hash")
        expected_previous = event.hash
        expected_id += 1
        checked += 1
    return checked, None


def _iter_events(batch_size: int) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id
