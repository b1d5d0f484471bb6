"""Alerts and investigations: what they concern, who works on them, and their journal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.core.models import BaseModel
from opencen.investigations.choices import CaseKind, CaseStatus, JournalKind, Priority
from opencen.reference.choices import HandlingCode


class Investigation(BaseModel):
    """An alert or an investigation, owned by a unit."""

    reference = models.CharField(_("reference"), max_length=48, unique=True)
    kind = models.CharField(
        _("kind"), max_length=13, choices=CaseKind.choices, default=CaseKind.INVESTIGATION
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CaseStatus.choices,
        default=CaseStatus.OPEN,
        db_index=True,
    )
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority.choices, default=Priority.NORMAL
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=500, db_index=True, editable=False)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_investigations",
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officers"),
        blank=True,
        related_name="assigned_investigations",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    persons = models.ManyToManyField(
        "persons.Person", verbose_name=_("persons"), blank=True, related_name="investigations"
    )
    companies = models.ManyToManyField(
        "companies.Company",
        verbose_name=_("companies"),
        blank=True,
        related_name="investigations",
    )
    seizures = models.ManyToManyField(
        "seizures.Seizure", verbose_name=_("seizures"), blank=True, related_name="investigations"
    )
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default=HandlingCode.H2
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")
        indexes = [
            models.Index(fields=["unit_path", "status"], name="investigation_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("investigations:detail", args=[self.pk])


class JournalEntry(models.Model):
    """One structured entry of an investigation's journal; entries are never changed."""

    id = models.BigAutoField(primary_key=True)
    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="journal"
    )
    kind = models.CharField(_("kind"), max_length=11, choices=JournalKind.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return f"{self.investigation_id}: {self.kind}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("investigations:detail", args=[self.investigation_id]) + "#journal"


class InvestigationSequence(models.Model):
    """The last sequence number given for one office, kind prefix and year (references)."""

    office_code = models.CharField(max_length=32)
    prefix = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office_code", "prefix", "year"], name="investigation_refseq_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_code}-{self.prefix}/{self.year}: {self.last_value}"
