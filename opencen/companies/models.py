"""The company database: offending businesses, their names and numbers, and their people.

Scoped by the recording unit like seizures and persons. Registration and tax numbers are
stored as typed and normalised (upper case, letters and digits only) for lookups and matching.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.companies.choices import (
    CompanyInvolvementRole,
    CompanyKind,
    CompanyPersonRole,
    CompanyStatus,
)
from opencen.core.models import BaseModel
from opencen.reference.choices import HandlingCode


class Company(BaseModel):
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=500, db_index=True, editable=False)
    name = models.CharField(_("legal name"), max_length=300)
    legal_form = models.CharField(_("legal form"), max_length=100, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    registration_normalised = models.CharField(max_length=64, db_index=True, editable=False)
    tax_number = models.CharField(_("tax number"), max_length=64, blank=True)
    tax_normalised = models.CharField(max_length=64, db_index=True, editable=False)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    website = models.CharField(_("website"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=CompanyKind.choices, blank=True, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.ACTIVE
    )
    notes = models.TextField(_("notes"), blank=True)
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default=HandlingCode.H0
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [
            models.Index(fields=["unit_path", "name"], name="company_unit_name_idx"),
            models.Index(fields=["name"], name="company_name_idx"),
            models.Index(fields=["country", "name"], name="company_country_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CompanyChild(models.Model):
    id = models.BigAutoField(primary_key=True)

    class Meta:
        abstract = True


class TradingName(CompanyChild):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="trading_names")
    name = models.CharField(_("trading name"), max_length=300)

    def __str__(self) -> str:
        return self.name


class CompanyAddress(CompanyChild):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="addresses")
    address = models.CharField(_("address"), max_length=500)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return ", ".join(p for p in (self.address, self.city) if p)


class CompanyPhone(CompanyChild):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone number"), max_length=40)
    e164 = models.CharField(max_length=40, db_index=True, editable=False)

    def __str__(self) -> str:
        return self.e164 or self.number


class CompanyEmail(CompanyChild):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField(_("email"), db_index=True)

    def __str__(self) -> str:
        return self.email


class CompanyPerson(models.Model):
    """A person's role in a company (director, owner...), with dates."""

    id = models.BigAutoField(primary_key=True)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="company_roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=CompanyPersonRole.choices)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "person", "role"], name="company_person_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} of {self.company_id}"


class SeizureCompany(models.Model):
    """A company's involvement in a seizure, with a role."""

    id = models.BigAutoField(primary_key=True)
    seizure = models.ForeignKey(
        "seizures.Seizure", on_delete=models.CASCADE, related_name="company_involvements"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(_("role"), max_length=12, choices=CompanyInvolvementRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("involvement of a company")
        constraints = [
            models.UniqueConstraint(
                fields=["seizure", "company", "role"], name="seizure_company_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_id} {self.role} in {self.seizure_id}"


class CompanyVersion(models.Model):
    id = models.BigAutoField(primary_key=True)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    snapshot = models.JSONField(default=dict)
    changes = models.JSONField(default=dict)
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["company", "version"], name="company_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.company_id} v{self.version}"
