"""Stable codes for units and roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    HEADQUARTERS = "headquarters", _("Headquarters")
    REGION = "region", _("Regional directorate")
    OFFICE = "office", _("Customs office")
    BORDER_POST = "border_post", _("Border post")
    INTELLIGENCE = "intelligence", _("Intelligence unit")


class Role(models.TextChoices):
    """What a user does. A user may hold several roles."""

    OFFICER = "officer", _("Officer")
    ANALYST = "analyst", _("Analyst")
    SUPERVISOR = "supervisor", _("Supervisor")
    LIAISON = "liaison", _("Liaison officer")
    ADMINISTRATOR = "administrator", _("Administrator")
