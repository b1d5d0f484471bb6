"""The seizure database: a seizure and what it holds (goods, concealments, conveyances, route).

Child rows carry their seizure's id and are replaced as a whole when a seizure is saved, so a
version of a seizure is one consistent set. Every filter of the list page has an index.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.core.models import BaseModel
from opencen.reference.choices import HandlingCode, InformationAccuracy, SourceReliability
from opencen.seizures.choices import CitesAppendix, Direction, RouteRole, SeizureStatus


class ReferenceSequence(models.Model):
    """The last sequence number given for one office and year (reference numbers)."""

    office_code = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office_code", "year"], name="seizures_refseq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_code}/{self.year}: {self.last_value}"


class Seizure(BaseModel):
    """One seizure or offence case."""

    reference = models.CharField(_("reference"), max_length=48, unique=True)
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # The unit's path, copied for scoping ("this unit and below" is one indexed prefix filter).
    unit_path = models.CharField(max_length=500, db_index=True, editable=False)
    occurred_at = models.DateTimeField(_("date and time"), db_index=True)
    place = models.ForeignKey(
        "reference.Place",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, db_index=True
    )
    offence_types = models.ManyToManyField(
        "reference.OffenceType", verbose_name=_("offence types"), blank=True, related_name="+"
    )
    detection_methods = models.ManyToManyField(
        "reference.DetectionMethod",
        verbose_name=_("detection methods"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SeizureStatus.choices,
        default=SeizureStatus.DRAFT,
        db_index=True,
    )
    narrative = models.TextField(_("narrative"), blank=True)
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default=HandlingCode.H0
    )
    source_reliability = models.CharField(
        _("source reliability"),
        max_length=1,
        choices=SourceReliability.choices,
        default=SourceReliability.A,
    )
    information_accuracy = models.CharField(
        _("information accuracy"),
        max_length=1,
        choices=InformationAccuracy.choices,
        default=InformationAccuracy.KNOWN,
    )
    share_regional = models.BooleanField(_("may go to regional partners"), default=False)
    share_cen = models.BooleanField(_("may go to CEN (non-nominal)"), default=False)
    related = models.ManyToManyField("self", verbose_name=_("related seizures"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    validated_at = models.DateTimeField(null=True, blank=True, editable=False)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    return_comment = models.TextField(_("return comment"), blank=True, editable=False)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("seizure")
        verbose_name_plural = _("seizures")
        indexes = [
            models.Index(fields=["unit_path", "occurred_at"], name="seizure_unit_time_idx"),
            models.Index(fields=["status", "occurred_at"], name="seizure_status_time_idx"),
            # Covers the scope test and the EXISTS filters by id over a period: counts of the
            # list pages read this narrow index instead of the seizure rows (benchmarks).
            models.Index(
                fields=["occurred_at", "handling_code", "unit_path", "id"],
                name="seizure_time_scope_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class SeizureChild(models.Model):
    """Common part of the rows a seizure holds."""

    id = models.BigAutoField(primary_key=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class GoodsItem(SeizureChild):
    seizure = models.ForeignKey(Seizure, on_delete=models.CASCADE, related_name="goods")
    commodity_section = models.ForeignKey(
        "reference.CommoditySection",
        verbose_name=_("commodity section"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    commodity_type = models.ForeignKey(
        "reference.CommodityType",
        verbose_name=_("commodity"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    hs_code = models.ForeignKey(
        "reference.HSCode",
        verbose_name=_("HS code"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    brand = models.CharField(_("brand"), max_length=200, blank=True)
    cites_species = models.CharField(_("CITES species"), max_length=200, blank=True)
    cites_appendix = models.CharField(
        _("CITES appendix"), max_length=3, choices=CitesAppendix.choices, blank=True
    )
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3)
    unit = models.ForeignKey(
        "reference.MeasurementUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.ForeignKey(
        "reference.Currency",
        verbose_name=_("currency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(SeizureChild.Meta):
        verbose_name = _("goods item")
        indexes = [
            models.Index(fields=["commodity_type", "seizure"], name="goods_type_seizure_idx"),
            models.Index(fields=["commodity_section", "seizure"], name="goods_sect_seizure_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit_id} {self.commodity_type_id}"


class Concealment(SeizureChild):
    seizure = models.ForeignKey(Seizure, on_delete=models.CASCADE, related_name="concealments")
    method = models.ForeignKey(
        "reference.ConcealmentMethod",
        verbose_name=_("concealment method"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta(SeizureChild.Meta):
        verbose_name = _("concealment")
        indexes = [models.Index(fields=["method", "seizure"], name="conceal_method_seizure_idx")]

    def __str__(self) -> str:
        return str(self.method_id)


class Conveyance(SeizureChild):
    seizure = models.ForeignKey(Seizure, on_delete=models.CASCADE, related_name="conveyances")
    type = models.ForeignKey(
        "reference.ConveyanceType",
        verbose_name=_("conveyance type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    flight_number = models.CharField(_("flight number"), max_length=8, blank=True)
    airline = models.CharField(_("airline"), max_length=100, blank=True)
    vessel_name = models.CharField(_("vessel name"), max_length=100, blank=True)
    imo_number = models.CharField(_("IMO number"), max_length=7, blank=True)
    container_number = models.CharField(
        _("container number"), max_length=11, blank=True, db_index=True
    )
    vehicle_plate = models.CharField(_("vehicle plate"), max_length=20, blank=True)
    vehicle_country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("vehicle country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    air_waybill = models.CharField(_("air waybill"), max_length=12, blank=True, db_index=True)
    bill_of_lading = models.CharField(_("bill of lading"), max_length=40, blank=True)
    tracking_number = models.CharField(
        _("postal or courier tracking number"), max_length=40, blank=True
    )

    class Meta(SeizureChild.Meta):
        verbose_name = _("conveyance")
        indexes = [models.Index(fields=["type", "seizure"], name="conveyance_type_seizure_idx")]

    def __str__(self) -> str:
        return str(self.type_id)


class RouteLeg(SeizureChild):
    seizure = models.ForeignKey(Seizure, on_delete=models.CASCADE, related_name="route")
    role = models.CharField(_("role"), max_length=12, choices=RouteRole.choices)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.ForeignKey(
        "reference.Place",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta(SeizureChild.Meta):
        verbose_name = _("route leg")
        indexes = [models.Index(fields=["country", "seizure"], name="route_country_seizure_idx")]

    def __str__(self) -> str:
        return f"{self.role} {self.country_id}"


class SeizureVersion(models.Model):
    """One saved version of a seizure: who, when, the whole content and what changed."""

    id = models.BigAutoField(primary_key=True)
    seizure = models.ForeignKey(Seizure, on_delete=models.CASCADE, related_name="versions")
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
            models.UniqueConstraint(fields=["seizure", "version"], name="seizure_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.seizure_id} v{self.version}"


# --- import batches (opencen.seizures.importing) ---------------------------------------------


class ImportKind(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (.xlsx)")


class ImportStatus(models.TextChoices):
    PARSING = "parsing", _("Reading the file")
    READY = "ready", _("Ready to import")
    COMMITTING = "committing", _("Importing")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportBatch(BaseModel):
    """One uploaded file of seizures: read and checked row by row, stored as seizures only when
    its uploader confirms (see :mod:`opencen.seizures.importing`)."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    kind = models.CharField(_("kind"), max_length=4, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PARSING
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    total_count = models.PositiveIntegerField(_("rows"), default=0)
    ok_count = models.PositiveIntegerField(_("good rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    created_count = models.PositiveIntegerField(_("seizures created"), default=0)
    # Rows read so far while parsing (progress), and the size of the file in rows if known.
    processed_count = models.PositiveIntegerField(default=0)
    expected_count = models.PositiveIntegerField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        indexes = [models.Index(fields=["created_by", "created_at"], name="import_user_time_idx")]

    def __str__(self) -> str:
        return self.file_name


class ImportRow(models.Model):
    """One data row of an import: its cells as text (by column) and what is wrong with it."""

    id = models.BigAutoField(primary_key=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))  # as the spreadsheet numbers it (header = 1)
    data = models.JSONField(_("cells"), default=dict)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    ok = models.BooleanField(default=False)
    seizure = models.ForeignKey(
        Seizure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="import_row_unique")
        ]
        indexes = [models.Index(fields=["batch", "ok", "number"], name="import_row_ok_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id} row {self.number}"


class SeizureTally(models.Model):
    """How many seizures each (unit path, handling code) holds: the exact total of an
    unfiltered list, read from a few rows instead of counting every seizure.

    Written only by database triggers on the seizure table (:mod:`opencen.seizures.tally`),
    so inserts in bulk, deletions, unit moves and handling-code changes all keep it exact."""

    id = models.BigAutoField(primary_key=True)
    unit_path = models.CharField(max_length=500)
    handling_code = models.CharField(max_length=2)
    seizures = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit_path", "handling_code"], name="seizure_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.handling_code}: {self.seizures}"
