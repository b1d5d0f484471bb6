"""Stable codes of the seizure database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    TRANSIT = "transit", _("Transit")
    DOMESTIC = "domestic", _("Domestic")


class SeizureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed")


class SeizureTransition(models.TextChoices):
    """What a user can do to a seizure's status (see opencen.seizures.workflow)."""

    SUBMIT = "submit", _("Submit for validation")
    VALIDATE = "validate", _("Validate")
    RETURN = "return", _("Return to the officer")
    CLOSE = "close", _("Close")
    REOPEN = "reopen", _("Reopen")


class RouteRole(models.TextChoices):
    ORIGIN = "origin", _("Origin")
    DEPARTURE = "departure", _("Departure")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")


class CitesAppendix(models.TextChoices):
    I = "I", _("Appendix I")  # noqa: E741
    II = "II", _("Appendix II")
    III = "III", _("Appendix III")
