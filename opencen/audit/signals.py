"""Sign-in, sign-out and failed sign-in become audit events."""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.middleware import client_ip
from opencen.audit.services import audit_record


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, event_type=AuditEventType.LOGIN, source_ip=_ip(request))


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(actor=user, event_type=AuditEventType.LOGOUT, source_ip=_ip(request))


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The username typed is kept (it may be a mistyped real one); never the password.
    audit_record(
        actor=None,
        actor_username=str(credentials.get("username", ""))[:150],
        event_type=AuditEventType.LOGIN_FAILED,
        outcome=AuditOutcome.FAILURE,
        source_ip=_ip(request),
    )


@receiver(post_save, sender=LogEntry)
def audit_admin_site_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    """Every add, change or delete made in the Django admin pages (code lists, users...) is an
    audit event, in the admin's own transaction."""
    if not created:
        return
    content_type = instance.content_type
    label = f"{content_type.app_label}.{content_type.model}" if content_type else ""
    audit_record(
        actor=instance.user,
        event_type=AuditEventType.REFERENCE_CHANGED
        if content_type and content_type.app_label == "reference"
        else AuditEventType.ADMIN_SITE_CHANGE,
        target_type=label,
        target_id=str(instance.object_id or "")[:64],
        target_label=instance.object_repr[:300],
        details={
            "action": {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}.get(
                instance.action_flag, str(instance.action_flag)
            ),
            "change": instance.get_change_message(),
        },
    )
