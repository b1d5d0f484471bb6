"""Stable codes of the company database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanyKind(models.TextChoices):
    IMPORTER = "importer", _("Importer")
    EXPORTER = "exporter", _("Exporter")
    BROKER = "broker", _("Customs broker")
    CARRIER = "carrier", _("Carrier")
    FORWARDER = "forwarder", _("Freight forwarder")
    COURIER = "courier", _("Courier")
    MANUFACTURER = "manufacturer", _("Manufacturer")
    SHELL = "shell", _("Shell company")


class CompanyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    DISSOLVED = "dissolved", _("Dissolved")
    UNKNOWN = "unknown", _("Unknown")


class CompanyPersonRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    OWNER = "owner", _("Owner")
    SHAREHOLDER = "shareholder", _("Shareholder")
    EMPLOYEE = "employee", _("Employee")
    REPRESENTATIVE = "representative", _("Representative")


class CompanyInvolvementRole(models.TextChoices):
    """A company's role in a seizure."""

    IMPORTER = "importer", _("Importer")
    EXPORTER = "exporter", _("Exporter")
    CONSIGNEE = "consignee", _("Consignee")
    SHIPPER = "shipper", _("Shipper")
    CARRIER = "carrier", _("Carrier")
    BROKER = "broker", _("Broker or declarant")
    FORWARDER = "forwarder", _("Forwarder")
    MANUFACTURER = "manufacturer", _("Manufacturer")
    OTHER = "other", _("Other")
