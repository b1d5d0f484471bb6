"""Screening runs (an uploaded list checked against the database) and duplicate pairs.

A :class:`ScreeningRun` is one uploaded file; each of its data rows is a :class:`ScreeningRow`
holding the cells as read, what was wrong with them and the ranked hits found (record id, score,
name, explanation). The hits are filtered again by the reader's scope whenever they are shown
or downloaded.

:class:`PersonDuplicate` and :class:`CompanyDuplicate` are candidate pairs found through the
blocking keys by ``opencen matching-duplicates`` (and refreshed when a record is written), with
their score; a pair an officer marks "not a duplicate" keeps its row with ``dismissed_at`` set
and is never listed again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.core.models import BaseModel


class ScreeningKind(models.TextChoices):
    PERSONS = "persons", _("Persons (passenger or crew list)")
    COMPANIES = "companies", _("Companies (consignees, shippers)")


class ScreeningStatus(models.TextChoices):
    RUNNING = "running", _("Screening")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScreeningRun(BaseModel):
    """One uploaded list screened against the persons or companies on file."""

    kind = models.CharField(_("list of"), max_length=10, choices=ScreeningKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file_format = models.CharField(_("format"), max_length=4)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.RUNNING,
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    threshold = models.FloatField(_("threshold"), default=0.75)
    hits_per_row = models.PositiveSmallIntegerField(_("hits per row"), default=3)
    total_count = models.PositiveIntegerField(_("rows"), default=0)
    # Rows screened so far (progress), and the size of the file in rows if known.
    processed_count = models.PositiveIntegerField(default=0)
    expected_count = models.PositiveIntegerField(null=True, blank=True)
    error_count = models.PositiveIntegerField(_("rows not screened"), default=0)
    hit_row_count = models.PositiveIntegerField(_("rows with hits"), default=0)
    hit_count = models.PositiveIntegerField(_("hits"), default=0)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")
        indexes = [
            models.Index(fields=["created_by", "created_at"], name="screening_user_time_idx")
        ]

    def __str__(self) -> str:
        return self.file_name


class ScreeningRow(models.Model):
    """One data row of a screened list: its cells, its problems and its ranked hits."""

    id = models.BigAutoField(primary_key=True)
    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))  # as the spreadsheet numbers it (header = 1)
    data = models.JSONField(_("cells"), default=dict)
    # Problems: an error means the row was not screened; a warning means a cell was ignored.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # [{"id", "score", "name", "explanation"}], best first.
    hits = models.JSONField(_("hits"), default=list, blank=True)
    hit_count = models.PositiveSmallIntegerField(default=0)
    # Errors plus warnings, for the "with problems" filter.
    problem_count = models.PositiveSmallIntegerField(default=0)
    screened = models.BooleanField(default=True)
    best_score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="screening_row_unique")
        ]
        indexes = [
            models.Index(fields=["run", "hit_count", "number"], name="screening_row_hits_idx")
        ]

    def __str__(self) -> str:
        return f"{self.run_id} row {self.number}"


class DuplicatePairBase(models.Model):
    """A likely duplicate pair, stored once (``first`` has the smaller id)."""

    id = models.BigAutoField(primary_key=True)
    score = models.FloatField(_("score"), db_index=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    found_at = models.DateTimeField(_("found at"), auto_now=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class PersonDuplicate(DuplicatePairBase):
    """Two persons that may be the same person."""

    first = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("possible duplicate person")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="person_duplicate_unique")
        ]
        indexes = [models.Index(fields=["dismissed_at", "score"], name="person_duplicate_open_idx")]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id}"


class CompanyDuplicate(DuplicatePairBase):
    """Two companies that may be the same company."""

    first = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("possible duplicate company")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="company_duplicate_unique")
        ]
        indexes = [
            models.Index(fields=["dismissed_at", "score"], name="company_duplicate_open_idx")
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id}"


class DuplicateScan(models.Model):
    """When the duplicates of persons (or companies) were last brought up to date: records
    changed after it have their pairs found again when the review page is opened."""

    kind = models.CharField(max_length=10, primary_key=True)
    scanned_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.kind} {self.scanned_at:%Y-%m-%d %H:%M}"
