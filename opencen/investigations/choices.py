"""Stable codes of alerts and investigations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    ALERT = "alert", _("Alert")
    INVESTIGATION = "investigation", _("Investigation")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class JournalKind(models.TextChoices):
    NOTE = "note", _("Note")
    ACTION = "action", _("Action taken")
    INFORMATION = "information", _("Information received")


class CaseTransition(models.TextChoices):
    """The status changes a supervisor applies (opencen.investigations.workflow)."""

    ACTIVATE = "activate", _("Start work")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    CLOSE = "close", _("Close")
    REOPEN = "reopen", _("Reopen")
