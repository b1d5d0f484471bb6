"""Two-factor authentication: TOTP devices and one-time backup codes (django-otp).

Every write here is one service that writes its audit event in the same transaction.
Backup codes are stored the way django-otp stores them (``StaticToken``) and removed on use.
"""

from __future__ import annotations

import re
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass, field

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from opencen.accounts.lockout import (
    login_failure_record,
    login_is_locked,
    login_success_record,
)
from opencen.accounts.models import User
from opencen.accounts.services import user_sessions_end
from opencen.audit.choices import AuditEventType, AuditOutcome
from opencen.audit.services import audit_record

#: How many backup codes a user gets at a time.
BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
#: A code from the app is six digits; anything else typed is tried as a backup code.
_TOTP_FORMAT = re.compile(r"^\d{6}$")


# --- reads -------------------------------------------------------------------------------


def mfa_user_has_device(*, user: User) -> bool:
    """True when the user has a confirmed second factor (they must verify at sign-in)."""
    return user_has_device(user, confirmed=True)


@dataclass(frozen=True)
class MfaStatus:
    """What the two-factor page shows about a user."""

    totp_device: TOTPDevice | None
    backup_codes_left: int

    @property
    def enrolled(self) -> bool:
        return self.totp_device is not None


def mfa_status(*, user: User) -> MfaStatus:
    totp_device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    codes_left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return MfaStatus(totp_device=totp_device, backup_codes_left=codes_left)


def totp_secret_new() -> str:
    """A fresh TOTP key (hex, 20 random bytes), kept in the session until it is confirmed."""
    return default_key()


def totp_secret_text(key: str) -> str:
    """The key as authenticator apps take it when typed: base32, in groups of four."""
    encoded = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def totp_qr_svg(*, user: User, key: str) -> str:
    """The ``otpauth://`` URL of the key as an inline SVG QR code, drawn here (works offline)."""
    device = TOTPDevice(user=user, key=key)
    qr = segno.make(device.config_url, error="m")
    # svg_inline escapes nothing we pass but the fixed title; the URL becomes path data only.
    return qr.svg_inline(scale=5, border=2, title=str(_("QR code for your authenticator app")))


def _totp_token_matches(key: str, token: str) -> bool:
    """Check a code against a key not yet stored (enrolment), with the devices' tolerance."""
    token = token.strip().replace(" ", "")
    if not _TOTP_FORMAT.match(token):
        return False
    totp = TOTP(unhexlify(key))
    return totp.verify(int(token), tolerance=1)


def _normalise_token(token: str) -> str:
    """Codes are typed with spaces or dashes and in either case; compare them bare."""
    return re.sub(r"[\s-]", "", token or "").lower()


# --- writes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Enrolment:
    """A confirmed TOTP device and the backup codes to show once."""

    device: TOTPDevice
    backup_codes: list[str] = field(default_factory=list)


def _backup_codes_replace(*, user: User) -> list[str]:
    """Delete the user's backup codes and make new ones (no audit: callers record it)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def mfa_enrol(*, user: User, key: str, token: str) -> Enrolment:
    """Confirm a TOTP key with a first code from the app; give out backup codes.

    Raises ``ValidationError`` when the code is wrong (the failure is audited and kept) or
    when the user already has a confirmed app: a second one is added only after a reset.
    """
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ValidationError(_("Two-factor authentication is already set up."))
        if _totp_token_matches(key, token):
            TOTPDevice.objects.filter(user=user).delete()  # left-overs of earlier attempts
            device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
            # The confirming code cannot be used again to sign in.
            device.last_t = TOTP(unhexlify(key)).t()
            device.save()
            codes = _backup_codes_replace(user=user)
            audit_record(
                actor=user,
                event_type=AuditEventType.MFA_ENROLLED,
                target=user,
                details={"method": "totp", "backup_codes": len(codes)},
            )
            return Enrolment(device=device, backup_codes=codes)
        audit_record(
            actor=user,
            event_type=AuditEventType.MFA_FAILED,
            target=user,
            outcome=AuditOutcome.FAILURE,
            details={"step": "enrolment"},
        )
    raise ValidationError({"token": _("That code is not right. Check the time on your phone.")})


@dataclass(frozen=True)
class Verification:
    """The outcome of a second-step code."""

    device: Device | None
    method: str
    locked: bool = False
    throttled: bool = False

    @property
    def ok(self) -> bool:
        return self.device is not None


def mfa_verify(*, user: User, token: str) -> Verification:
    """Check a code from the app or a backup code typed at sign-in.

    A wrong code is audited and counted with failed sign-ins: at the lockout limit the
    username is locked (``locked`` is then True and the caller signs the session out).
    django-otp also slows repeated failures on the device itself (``throttled``).
    """
    token = _normalise_token(token)
    method = "totp" if _TOTP_FORMAT.match(token) else "backup_code"
    device_model = TOTPDevice if method == "totp" else StaticDevice
    with transaction.atomic():
        device = device_model.objects.filter(user=user, confirmed=True).select_for_update().first()
        allowed = device is not None and device.verify_is_allowed()[0]
        if allowed and token and device.verify_token(token):
            details = {"method": method}
            if method == "backup_code":
                details["backup_codes_left"] = device.token_set.count()
            audit_record(
                actor=user, event_type=AuditEventType.MFA_VERIFIED, target=user, details=details
            )
            login_success_record(username=user.get_username())
            return Verification(device=device, method=method)
        throttled = device is not None and not allowed
        audit_record(
            actor=user,
            event_type=AuditEventType.MFA_FAILED,
            target=user,
            outcome=AuditOutcome.FAILURE,
            details={"step": "sign-in", "method": method, "throttled": throttled},
        )
        locked = login_failure_record(username=user.get_username())
        locked = locked or login_is_locked(username=user.get_username())
    return Verification(device=None, method=method, locked=locked, throttled=throttled)


@transaction.atomic
def mfa_backup_codes_generate(*, user: User) -> list[str]:
    """Replace the user's backup codes with new ones; the old ones stop working.

    Raises ``ValidationError`` when the user has no authenticator app set up.
    """
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Set up an authenticator app first."))
    codes = _backup_codes_replace(user=user)
    audit_record(
        actor=user,
        event_type=AuditEventType.BACKUP_CODES_GENERATED,
        target=user,
        details={"count": len(codes)},
    )
    return codes


@transaction.atomic
def mfa_reset(*, actor: User, user: User, password: str | None = None) -> int:
    """Remove every second factor of ``user`` (app and backup codes); returns how many.

    A user resetting their own needs their current password (``ValidationError`` keyed by
    ``password`` otherwise). When an administrator resets someone else's, that user's
    sessions end: they sign in again with their password and enrol a new phone.
    """
    by_self = actor.pk == user.pk
    if by_self and not user.check_password(password or ""):
        raise ValidationError({"password": _("That is not your current password.")})
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    audit_record(
        actor=actor,
        event_type=AuditEventType.MFA_RESET,
        target=user,
        details={"devices": len(devices), "by_administrator": not by_self},
    )
    if not by_self:
        # The phone changed, not the password: the API token stays.
        user_sessions_end(user=user)
    return len(devices)
