"""The status of alerts and investigations, in one place.

open → active (work starts) → suspended ⇄ active → closed; a closed one is reopened (to
active) by its supervisor with a reason. Only managers (the named supervisor, or a supervisor
of the owning unit or above) move the status. Every change is audited and noted in the journal
so the officers see it in their timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.investigations.choices import CaseStatus, CaseTransition, JournalKind
from opencen.investigations.models import Investigation, JournalEntry
from opencen.investigations.selectors import investigation_can_manage


@dataclass(frozen=True)
class Rule:
    source: frozenset[CaseStatus]
    target: CaseStatus
    needs_comment: bool = False


S = CaseStatus
RULES: dict[CaseTransition, Rule] = {
    CaseTransition.ACTIVATE: Rule(frozenset({S.OPEN}), S.ACTIVE),
    CaseTransition.SUSPEND: Rule(frozenset({S.ACTIVE}), S.SUSPENDED, needs_comment=True),
    CaseTransition.RESUME: Rule(frozenset({S.SUSPENDED}), S.ACTIVE),
    CaseTransition.CLOSE: Rule(frozenset({S.OPEN, S.ACTIVE, S.SUSPENDED}), S.CLOSED),
    CaseTransition.REOPEN: Rule(frozenset({S.CLOSED}), S.ACTIVE, needs_comment=True),
}


def available_transitions(*, user, investigation: Investigation) -> list[CaseTransition]:
    """The transitions this user may apply now (for buttons and the API)."""
    if not investigation_can_manage(user=user, investigation=investigation):
        return []
    return [t for t, rule in RULES.items() if investigation.status in rule.source]


@transaction.atomic
def investigation_transition(
    *,
    actor,
    investigation: Investigation,
    transition: CaseTransition | str,
    comment: str = "",
) -> Investigation:
    """Apply one transition: checks who, the current status and the reason; audited."""
    try:
        transition = CaseTransition(transition)
    except ValueError:
        raise ValidationError(_("Unknown status change."), code="invalid_transition") from None
    rule = RULES[transition]
    investigation = Investigation.objects.select_for_update().get(pk=investigation.pk)
    if not investigation_can_manage(user=actor, investigation=investigation):
        raise PermissionDenied(
            _("Only a supervisor of this investigation may %(action)s it.")
            % {"action": transition.label.lower()}
        )
    if investigation.status not in rule.source:
        raise ValidationError(
            _("A %(status)s investigation cannot be changed this way (%(action)s).")
            % {
                "status": investigation.get_status_display().lower(),
                "action": transition.label.lower(),
            },
            code="invalid_transition",
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ValidationError({"comment": _("Say why, for the officers of the investigation.")})
    previous = investigation.status
    investigation.status = rule.target
    investigation.closed_at = timezone.now() if rule.target == S.CLOSED else None
    investigation.updated_by = actor
    investigation.version += 1
    investigation.save(update_fields=["status", "closed_at", "updated_by", "updated_at", "version"])
    text = _("Status changed from %(from)s to %(to)s.") % {
        "from": S(previous).label,
        "to": S(rule.target).label,
    }
    if comment:
        text = f"{text}\n{comment}"
    JournalEntry.objects.create(
        investigation=investigation, kind=JournalKind.ACTION, text=text, created_by=actor
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.STATUS_CHANGED,
        target=investigation,
        details={
            "from": previous,
            "to": investigation.status,
            "transition": str(transition),
            "comment": comment,
        },
    )
    return investigation
