"""Stable numbered audit event types. Never renumber: the numbers are stored and exchanged."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventType(models.IntegerChoices):
    # Sessions 1xx
    LOGIN = 100, _("Signed in")
    LOGIN_FAILED = 101, _("Failed sign-in")
    LOGOUT = 102, _("Signed out")
    ACCOUNT_LOCKED = 103, _("Account locked")
    PASSWORD_CHANGED = 104, _("Password changed")
    MFA_ENROLLED = 105, _("Two-factor authentication enrolled")
    MFA_FAILED = 106, _("Failed two-factor check")
    MFA_VERIFIED = 107, _("Two-factor check passed")
    MFA_RESET = 108, _("Two-factor authentication reset")
    BACKUP_CODES_GENERATED = 109, _("Backup codes generated")
    # Records 2xx
    RECORD_CREATED = 200, _("Record created")
    RECORD_CHANGED = 201, _("Record changed")
    RECORD_DELETED = 202, _("Record deleted")
    STATUS_CHANGED = 203, _("Status changed")
    RECORDS_MERGED = 204, _("Records merged")
    RECORD_ERASED = 205, _("Personal data erased")
    ATTACHMENT_ADDED = 206, _("Attachment added")
    ATTACHMENT_REMOVED = 207, _("Attachment withdrawn")
    RECORDS_IMPORTED = 208, _("Records imported")
    # Consultation 3xx
    RECORD_VIEWED = 300, _("Record viewed")
    SEARCH = 301, _("Search")
    SCREENING = 302, _("Screening")
    EXPORT = 303, _("Export")
    ATTACHMENT_DOWNLOADED = 304, _("Attachment downloaded")
    AUDIT_LOG_VIEWED = 305, _("Audit log viewed")
    # Administration 4xx
    USER_CREATED = 400, _("User created")
    USER_CHANGED = 401, _("User changed")
    USER_DEACTIVATED = 402, _("User deactivated")
    USER_REACTIVATED = 403, _("User reactivated")
    UNIT_CREATED = 410, _("Unit created")
    UNIT_CHANGED = 411, _("Unit changed")
    API_TOKEN_CREATED = 420, _("API token created")
    REFERENCE_CHANGED = 430, _("Code list changed")
    SETTINGS_CHANGED = 440, _("Installation settings changed")
    ADMIN_SITE_CHANGE = 450, _("Change in the Django admin pages")
    # Exchange 5xx
    DISCLOSURE = 500, _("Data disclosed to a partner")
    BUNDLE_RECEIVED = 501, _("Bundle received")


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    DENIED = "denied", _("Denied")
