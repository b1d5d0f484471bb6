"""The seizure status workflow, in one place.

draft → submitted → validated (by a supervisor of the unit) or returned (with a comment)
→ closed. A returned seizure is corrected and submitted again. Editing a validated seizure
sends it back to submitted (see services.seizure_update).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.seizures.choices import SeizureStatus, SeizureTransition
from opencen.seizures.models import Seizure


@dataclass(frozen=True)
class Rule:
    source: frozenset[SeizureStatus]
    target: SeizureStatus
    permission: Permission
    needs_comment: bool = False
    needs_complete: bool = False


S = SeizureStatus
RULES: dict[SeizureTransition, Rule] = {
    SeizureTransition.SUBMIT: Rule(
        frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, Permission.SEIZURE_EDIT, needs_complete=True
    ),
    SeizureTransition.VALIDATE: Rule(
        frozenset({S.SUBMITTED}), S.VALIDATED, Permission.SEIZURE_VALIDATE, needs_complete=True
    ),
    SeizureTransition.RETURN: Rule(
        frozenset({S.SUBMITTED, S.VALIDATED}),
        S.RETURNED,
        Permission.SEIZURE_VALIDATE,
        needs_comment=True,
    ),
    SeizureTransition.CLOSE: Rule(frozenset({S.VALIDATED}), S.CLOSED, Permission.SEIZURE_VALIDATE),
    SeizureTransition.REOPEN: Rule(
        frozenset({S.CLOSED}), S.VALIDATED, Permission.SEIZURE_VALIDATE, needs_comment=True
    ),
}


def available_transitions(*, user, seizure: Seizure) -> list[SeizureTransition]:
    """The transitions this user may apply to this seizure now (for buttons and the API)."""
    from opencen.seizures.selectors import seizure_can

    return [
        transition
        for transition, rule in RULES.items()
        if seizure.status in rule.source
        and seizure_can(user=user, seizure=seizure, permission=rule.permission)
    ]


@transaction.atomic
def seizure_transition(
    *, actor, seizure: Seizure, transition: SeizureTransition | str, comment: str = ""
) -> Seizure:
    """Apply one transition: checks status, permission and completeness; audited."""
    from opencen.seizures.selectors import seizure_can
    from opencen.seizures.services import seizure_completeness_errors

    transition = SeizureTransition(transition)
    rule = RULES[transition]
    seizure = Seizure.objects.select_for_update().get(pk=seizure.pk)
    if not seizure_can(user=actor, seizure=seizure, permission=rule.permission):
        raise PermissionDenied(
            _("You may not %(action)s this seizure.") % {"action": transition.label.lower()}
        )
    if seizure.status not in rule.source:
        raise ValidationError(
            _("A %(status)s seizure cannot be %(action)s.")
            % {"status": seizure.get_status_display().lower(), "action": transition.label.lower()},
            code="invalid_transition",
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ValidationError({"comment": _("Say why, for the officer who recorded it.")})
    if rule.needs_complete:
        errors = seizure_completeness_errors(seizure=seizure)
        if errors:
            raise ValidationError(errors)
    previous = seizure.status
    now = timezone.now()
    seizure.status = rule.target
    update_fields = ["status", "updated_at", "updated_by"]
    if rule.target == S.SUBMITTED:
        seizure.submitted_at = now
        update_fields.append("submitted_at")
    if rule.target == S.VALIDATED and transition == SeizureTransition.VALIDATE:
        seizure.validated_at, seizure.validated_by = now, actor
        update_fields += ["validated_at", "validated_by"]
    if transition == SeizureTransition.RETURN:
        seizure.return_comment = comment
        update_fields.append("return_comment")
    seizure.updated_by = actor
    seizure.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        event_type=AuditEventType.STATUS_CHANGED,
        target=seizure,
        details={
            "from": previous,
            "to": seizure.status,
            "transition": str(transition),
            "comment": comment,
        },
    )
    return seizure
