"""Account lockout: after N failed sign-ins a username is refused for M minutes.

The count is kept per typed username, whether or not such a user exists, so an unknown
username and a wrong password get the same answer and take the same path.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from opencen.accounts.models import LoginThrottle
from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.services import audit_record


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def login_is_locked(*, username: str) -> bool:
    """True while the username is locked out."""
    throttle = LoginThrottle.objects.filter(username=_key(username)).first()
    return bool(throttle and throttle.locked_until and throttle.locked_until > timezone.now())


@transaction.atomic
def login_failure_record(*, username: str) -> bool:
    """Count a failed sign-in; lock the username when the limit is reached.

    Returns True when this failure locked it (the lock is audited).
    """
    key = _key(username)
    now = timezone.now()
    throttle, _created = LoginThrottle.objects.get_or_create(username=key)
    if throttle.locked_until and throttle.locked_until <= now:
        throttle.failures = 0  # a lock that ran out starts a fresh count
        throttle.locked_until = None
        throttle.save(update_fields=["failures", "locked_until"])
    LoginThrottle.objects.filter(pk=throttle.pk).update(
        failures=F("failures") + 1, last_failure_at=now
    )
    throttle.refresh_from_db()
    if throttle.failures < settings.LOCKOUT_ATTEMPTS or throttle.locked_until:
        return False
    throttle.locked_until = now + datetime.timedelta(minutes=settings.LOCKOUT_MINUTES)
    throttle.save(update_fields=["locked_until"])
    audit_record(
        actor=None,
        actor_username=key,
        event_type=AuditEventType.ACCOUNT_LOCKED,
        outcome=AuditOutcome.DENIED,
        details={"failures": throttle.failures, "minutes": settings.LOCKOUT_MINUTES},
    )
    return True


def login_success_record(*, username: str) -> None:
    """A successful sign-in clears the count."""
    LoginThrottle.objects.filter(username=_key(username)).delete()
