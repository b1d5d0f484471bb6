"""Import of seizures from a spreadsheet: CSV or Excel, one row per seizure.

Three steps, each a service:

1. :func:`import_batch_create` reads the uploaded file row by row (streaming: CSV through a text
   wrapper, XLSX with openpyxl's read-only reader), turns each row into a
   :class:`~opencen.seizures.services.SeizureInput` with code-list entries looked up in
   dictionaries (small lists loaded once, places and HS codes fetched once per chunk of rows,
   never a query per row), checks it with ``seizure_input_clean`` and stores the row's cells and
   errors as an :class:`ImportRow`. Nothing is stored as a seizure. Rows are written in chunks,
   each in its own short transaction, and the batch's ``processed_count`` is updated after each
   chunk, so that a page polling the batch shows the progress while the upload request runs.
2. The uploader reviews the preview, downloads the rejected rows with their reasons if needed.
3. :func:`import_batch_commit` re-reads the good rows (codes may have changed since the
   preview) and creates them as seizures in ONE transaction through a bulk path that keeps what
   ``seizure_create`` guarantees: a reference number per office and year (allocated as one block
   per year, one update of the sequence row), the seizure and what it holds, version 1 with its
   snapshot, and one ``RECORDS_IMPORTED`` audit event naming the batch and the id of every
   seizure it created. (A ``RECORD_CREATED`` event per seizure was measured: each append to the
   hash chain reads the last event and writes one, about 3 ms here, so 10,000 of them alone
   took longer than the 30 s the whole import may take.) :func:`import_batch_cancel` drops a
   batch instead.

Parsing runs inside the upload request and the commit inside the confirm request: this works
with gunicorn's sync or threaded workers and SQLite, needs no broker, and 10,000 rows take
seconds (``bench/run.py``, scenario ``import_10k``). The database-backed worker planned in
DESIGN.md can later call the same services.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import itertools
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencen.accounts.permissions import Permission, Scope, has_permission, permission_scope
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.core.querysets import path_prefix_q
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.choices import Direction, RouteRole, SeizureStatus
from opencen.seizures.models import (
    Concealment,
    Conveyance,
    GoodsItem,
    ImportBatch,
    ImportKind,
    ImportRow,
    ImportStatus,
    ReferenceSequence,
    RouteLeg,
    Seizure,
    SeizureVersion,
)
from opencen.seizures.search import (
    IDENTIFIER_FIELDS,
    NAME_FIELDS,
    search_document,
    seizure_index_insert,
)
from opencen.seizures.services import (
    ConcealmentInput,
    ConveyanceInput,
    GoodsInput,
    RouteLegInput,
    SeizureInput,
    _apply_fields,  # the same field mapping as seizure_create
    seizure_children_build,
    seizure_input_clean,
    seizure_snapshot,
)

#: Largest file accepted, and most data rows in one file.
MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_ROWS = 50_000
#: Rows parsed, then written, together (one short transaction and one progress update each).
CHUNK_ROWS = 500
#: Rows per INSERT when creating seizures.
BULK_SIZE = 500
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


# --- columns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the template (and of the export)."""

    name: str
    help: Any  # lazy text for the template's comments and the column guide
    example: str = ""
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "occurred_at",
        gettext_lazy("Date and time of the seizure, local time: YYYY-MM-DD HH:MM."),
        "2026-03-14 09:30",
        required=True,
    ),
    Column(
        "place",
        gettext_lazy("Place code: UN/LOCODE of a seaport, ICAO or IATA code of an airport..."),
        "ZADUR",
    ),
    Column(
        "direction",
        gettext_lazy("import, export, transit or domestic."),
        "import",
        required=True,
    ),
    Column("commodity", gettext_lazy("Commodity code (sheet Codes)."), "cocaine", required=True),
    Column("quantity", gettext_lazy("Quantity, more than 0 (12.5 or 12,5)."), "12.5", True),
    Column("unit", gettext_lazy("Unit code: kg, g, l, pieces, sticks..."), "kg", required=True),
    Column("weight_kg", gettext_lazy("Weight in kg (optional)."), "12.5"),
    Column("estimated_value", gettext_lazy("Estimated value (optional)."), "450000"),
    Column("currency", gettext_lazy("Currency of the value: ISO 4217 code."), "USD"),
    Column("hs_code", gettext_lazy("HS code: chapter, heading or subheading."), "293972"),
    Column("description", gettext_lazy("Description of the goods."), "white powder in bricks"),
    Column(
        "detection_methods",
        gettext_lazy("Detection method codes, separated by ; (sheet Codes)."),
        "xray;risk_profiling",
    ),
    Column(
        "concealment_method",
        gettext_lazy("Concealment method code (sheet Codes)."),
        "compartment",
    ),
    Column(
        "conveyance_type",
        gettext_lazy("Conveyance type code (sheet Codes)."),
        "sea_container",
    ),
    Column("container_number", gettext_lazy("ISO 6346 container number."), "CSQU3054383"),
    Column("flight_number", gettext_lazy("Flight number, such as KL592."), ""),
    Column("air_waybill", gettext_lazy("Air waybill number (11 digits)."), ""),
    Column("vehicle_plate", gettext_lazy("Vehicle registration plate."), ""),
    Column("departure_country", gettext_lazy("Country of departure: ISO alpha-2 code."), "BR"),
    Column("destination_country", gettext_lazy("Country of destination: ISO alpha-2."), "ZA"),
    Column(
        "narrative",
        gettext_lazy("What happened, in free text."),
        "Bricks behind the front wall of a reefer container.",
    ),
    Column("handling_code", gettext_lazy("H0, H1, H2 or H3 (H0 when empty)."), "H0"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
#: Columns the export adds after the template's; the importer ignores them (round trip).
EXPORT_ONLY_COLUMNS: tuple[str, ...] = ("reference", "status", "unit_code")
#: Columns of the rejected-rows file; also ignored, so a corrected file can be imported again.
REJECTED_COLUMNS: tuple[str, ...] = ("row", "errors")

_TEXT_LIMITS = {"description": 500, "vehicle_plate": 20}
CONVEYANCE_IDENTIFIERS = ("container_number", "flight_number", "air_waybill", "vehicle_plate")
#: CSV cells starting with one of these are formulas to a spreadsheet: the export quotes them
#: with a leading apostrophe, which the importer removes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- reading files -------------------------------------------------------------------------


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a row problem)."""


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text the user meant."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # 12.5 stays 12.5, 3.0 becomes 3, 0.1 + 0.2 is not shown as 0.30000000000000004
        text = format(Decimal(repr(value)).normalize(), "f")
        return text
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def _header_name(value: Any) -> str:
    return cell_text(value).lstrip("\ufeff").strip().lower().replace(" ", "_")


def _csv_rows(file) -> tuple[Iterator[list[str]], int | None]:
    """Rows of a UTF-8 CSV (with or without BOM), ``;`` or ``,`` separated."""
    # The number of lines, for the progress bar (a cell holding a line break counts twice).
    file.seek(0)
    lines = sum(block.count(b"\n") for block in iter(lambda: file.read(1024 * 1024), b""))
    file.seek(0)
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    first = text.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.reader(itertools.chain([first], text), delimiter=delimiter), lines or None


def _xlsx_rows(file) -> tuple[Iterator[tuple], int | None]:
    """Rows of the first sheet of a workbook, read as a stream (read-only mode)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise ImportFileError(_("This is not an Excel (.xlsx) workbook.")) from error
    sheet = workbook.worksheets[0]
    return sheet.iter_rows(values_only=True), sheet.max_row


def file_kind(name: str, head: bytes) -> str:
    """``xlsx`` for a workbook (a zip file), ``csv`` for text; refuse anything else."""
    if head.startswith(b"PK\x03\x04"):
        return ImportKind.XLSX
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(_("This is not an Excel (.xlsx) workbook."))
    if name.lower().endswith((".xls",)):
        raise ImportFileError(_("Old Excel files (.xls) are not read: save it as .xlsx or CSV."))
    if b"\x00" in head:
        raise ImportFileError(_("This file is neither CSV text nor an Excel workbook."))
    return ImportKind.CSV


def iter_file_rows(
    file, kind: str
) -> tuple[list[str], list[str], Iterator[tuple[int, dict[str, str]]], int | None]:
    """(columns found, columns ignored, iterator of (row number, {column: text}), row count
    if known). Row numbers are the spreadsheet's (the header is row 1); blank rows skipped."""
    rows, expected = _xlsx_rows(file) if kind == ImportKind.XLSX else _csv_rows(file)
    rows = iter(rows)
    header_number = 0
    header: list[str] = []
    for header_number, row in enumerate(rows, start=1):  # noqa: B007 - used after the loop
        header = [_header_name(value) for value in row]
        if any(header):
            break
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    known = set(COLUMN_NAMES)
    ignored = [
        h
        for h in header
        if h and h not in known and h not in (*EXPORT_ONLY_COLUMNS, *REJECTED_COLUMNS)
    ]
    positions = [(index, name) for index, name in enumerate(header) if name in known]

    def data_rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, row in enumerate(rows, start=header_number + 1):
            cells = {}
            for index, name in positions:
                if index < len(row):
                    text = cell_text(row[index])
                    if text:
                        cells[name] = text
            if cells:
                yield number, cells

    return [h for h in header if h], ignored, data_rows(), expected


# --- code lists ----------------------------------------------------------------------------


class CodeBook:
    """Code-list entries by lower-cased code, loaded once; places and HS codes, which are
    many, are fetched once per chunk of rows for the codes that chunk uses."""

    def __init__(self) -> None:
        self.commodities = self._load(ref.CommodityType.objects.prefetch_related("allowed_units"))
        for commodity in self.commodities.values():
            # seizure_input_clean reads this cache instead of querying once per row.
            commodity._allowed_unit_codes = {u.code for u in commodity.allowed_units.all()}
        self.units = self._load(ref.MeasurementUnit.objects.all())
        self.currencies = self._load(ref.Currency.objects.all())
        self.detection_methods = self._load(ref.DetectionMethod.objects.all())
        self.concealment_methods = self._load(ref.ConcealmentMethod.objects.all())
        self.conveyance_types = self._load(ref.ConveyanceType.objects.all())
        self.countries = self._load(ref.Country.objects.all())
        self.places: dict[str, ref.Place | None] = {}
        self.hs_codes: dict[str, ref.HSCode | None] = {}

    @staticmethod
    def _load(queryset) -> dict[str, Any]:
        return {entry.code.lower(): entry for entry in queryset}

    def prepare(self, rows: Iterable[dict[str, str]]) -> None:
        """Fetch the places and HS codes these rows name that are not known yet."""
        rows = list(rows)
        places = {r["place"].strip().lower() for r in rows if r.get("place")} - set(self.places)
        hs_codes = {_hs_key(r["hs_code"]) for r in rows if r.get("hs_code")} - set(self.hs_codes)
        if places:
            found = ref.Place.objects.filter(code__in=[p.upper() for p in places])
            for place in found:
                self.places[place.code.lower()] = place
            unresolved = [p.upper() for p in places if p not in self.places]
            if unresolved:
                # Airports are coded by ICAO; officers often know the IATA code.
                for place in ref.Place.objects.filter(iata__in=unresolved).order_by("code"):
                    self.places.setdefault(place.iata.lower(), place)
            for code in places:
                self.places.setdefault(code, None)
        if hs_codes:
            for entry in ref.HSCode.objects.filter(code__in=hs_codes):
                self.hs_codes[entry.code] = entry
            for code in hs_codes:
                self.hs_codes.setdefault(code, None)


def _hs_key(text: str) -> str:
    return text.replace(".", "").replace(" ", "").strip()


# --- one row -------------------------------------------------------------------------------


class _RowErrors:
    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, column: str, message: str) -> None:
        self.items.append({"column": column, "message": str(message)})


def _parse_datetime(text: str) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(text.replace("/", "-"))
    if value.tzinfo is None:
        value = timezone.make_aware(value, timezone.get_current_timezone())
    return value.astimezone(datetime.UTC)


def _parse_decimal(text: str, places: int, max_digits: int) -> Decimal:
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    value = value.quantize(Decimal(1).scaleb(-places))
    if len(value.as_tuple().digits) > max_digits:
        raise InvalidOperation
    return value


def row_to_input(cells: dict[str, str], book: CodeBook) -> tuple[SeizureInput | None, list]:
    """One row as a checked seizure input, or None and its errors ``[{column, message}]``."""
    errors = _RowErrors()

    def code(column: str, table: dict, *, required: bool = False, upper: bool = False):
        text = cells.get(column, "")
        if not text:
            if required:
                errors.add(column, _("Required."))
            return None
        entry = table.get(text.strip().lower())
        if entry is None:
            errors.add(column, _("Unknown code “%(code)s”.") % {"code": text})
        elif not getattr(entry, "active", True):
            errors.add(column, _("The code “%(code)s” is no longer in use.") % {"code": text})
            return None
        return entry

    def number(column: str, places: int, max_digits: int, *, required: bool = False):
        text = cells.get(column, "")
        if not text:
            if required:
                errors.add(column, _("Required."))
            return None
        try:
            value = _parse_decimal(text, places, max_digits)
        except (InvalidOperation, ValueError):
            errors.add(column, _("“%(value)s” is not a number.") % {"value": text})
            return None
        if value < 0:
            # seizure_input_clean says so too, but only when the rest of the row can be read.
            errors.add(column, _("The value cannot be negative."))
        return value

    occurred_at = None
    if not cells.get("occurred_at"):
        errors.add("occurred_at", _("Required."))
    else:
        try:
            occurred_at = _parse_datetime(cells["occurred_at"])
        except ValueError:
            errors.add("occurred_at", _("Write the date and time as YYYY-MM-DD HH:MM."))

    direction = cells.get("direction", "").strip().lower()
    if not direction:
        errors.add("direction", _("Required."))
    elif direction not in Direction.values:
        errors.add(
            "direction",
            _("Write one of: %(values)s.") % {"values": ", ".join(Direction.values)},
        )
    handling_code = cells.get("handling_code", "").strip().upper() or HandlingCode.H0
    if handling_code not in HandlingCode.values:
        errors.add(
            "handling_code",
            _("Write one of: %(values)s.") % {"values": ", ".join(HandlingCode.values)},
        )

    place = code("place", book.places)
    commodity = code("commodity", book.commodities, required=True)
    quantity = number("quantity", 3, 16, required=True)
    unit = code("unit", book.units, required=True)
    weight = number("weight_kg", 3, 16)
    value = number("estimated_value", 2, 18)
    currency = code("currency", book.currencies)
    hs_code = None
    if cells.get("hs_code"):
        hs_code = book.hs_codes.get(_hs_key(cells["hs_code"]))
        if hs_code is None:
            errors.add("hs_code", _("Unknown HS code “%(code)s”.") % {"code": cells["hs_code"]})

    detection_methods = []
    for text in cells.get("detection_methods", "").replace(",", ";").split(";"):
        if text.strip():
            method = book.detection_methods.get(text.strip().lower())
            if method is None:
                errors.add(
                    "detection_methods", _("Unknown code “%(code)s”.") % {"code": text.strip()}
                )
            else:
                detection_methods.append(method)
    concealment = code("concealment_method", book.concealment_methods)
    conveyance_type = code("conveyance_type", book.conveyance_types)
    identifiers = {name: cells.get(name, "") for name in CONVEYANCE_IDENTIFIERS}
    if any(identifiers.values()) and conveyance_type is None and "conveyance_type" not in cells:
        errors.add("conveyance_type", _("Give the conveyance type of these identifiers."))
    departure = code("departure_country", book.countries)
    destination = code("destination_country", book.countries)
    for column, limit in _TEXT_LIMITS.items():
        if len(cells.get(column, "")) > limit:
            errors.add(column, _("At most %(limit)d characters.") % {"limit": limit})

    if errors.items:
        return None, errors.items

    route, route_columns = [], []
    if departure is not None:
        route.append(RouteLegInput(role=RouteRole.DEPARTURE, country=departure))
        route_columns.append("departure_country")
    if destination is not None:
        route.append(RouteLegInput(role=RouteRole.DESTINATION, country=destination))
        route_columns.append("destination_country")
    data = SeizureInput(
        occurred_at=occurred_at,
        direction=direction,
        place=place,
        narrative=cells.get("narrative", ""),
        handling_code=handling_code,
        detection_methods=list(dict.fromkeys(detection_methods)),
        goods=[
            GoodsInput(
                commodity_type=commodity,
                quantity=quantity,
                unit=unit,
                hs_code=hs_code,
                description=cells.get("description", ""),
                weight_kg=weight,
                estimated_value=value,
                currency=currency,
            )
        ],
        concealments=[ConcealmentInput(method=concealment)] if concealment else [],
        conveyances=(
            [ConveyanceInput(type=conveyance_type, **identifiers)] if conveyance_type else []
        ),
        route=route,
    )
    try:
        seizure_input_clean(data)
    except ValidationError as error:
        for path, messages in error.message_dict.items():
            column = _column_of(path, route_columns)
            for message in messages:
                errors.add(column, message)
        return None, errors.items
    return data, []


def _column_of(path: str, route_columns: list[str]) -> str:
    """The template column of a ``seizure_input_clean`` error path (``goods.0.unit``)."""
    parts = path.split(".")
    if parts[0] == "route" and len(parts) > 1 and parts[1].isdigit():
        return route_columns[int(parts[1])] if int(parts[1]) < len(route_columns) else "route"
    if parts[0] in ("goods", "conveyances", "concealments") and len(parts) > 2:
        name = parts[2]
        return {"method": "concealment_method", "type": "conveyance_type"}.get(name, name)
    return parts[0]


# --- the batch: upload and parse -----------------------------------------------------------


def _check_may_import(actor, unit) -> None:
    """The rule of ``seizure_create``: seizure.edit over the unit the seizures are for."""
    if unit is None:
        raise ValidationError({"unit": [_("You belong to no unit: ask an administrator.")]})
    if not has_permission(actor, Permission.SEIZURE_EDIT):
        raise PermissionDenied(_("You may not record seizures."))
    scope = permission_scope(actor, Permission.SEIZURE_EDIT)
    if scope is not Scope.ALL and not unit.path.startswith(actor.unit.path):
        raise PermissionDenied(_("You may record seizures only for your unit and those below it."))


def import_batch_get(*, user, pk) -> ImportBatch | None:
    """A batch the user may see: one for a unit within their seizure.edit scope."""
    scope = permission_scope(user, Permission.SEIZURE_EDIT)
    batches = ImportBatch.objects.select_related("unit").filter(pk=pk)
    if scope is Scope.NONE or (scope is not Scope.ALL and not getattr(user, "unit_id", None)):
        return None
    if scope is Scope.OWN_UNIT:
        batches = batches.filter(unit=user.unit)
    elif scope is not Scope.ALL:
        batches = batches.filter(path_prefix_q("unit__path", user.unit.path))
    return batches.first()


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for block in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(block)
    file.seek(0)
    return digest.hexdigest()


def import_batch_create(
    *, actor, file, file_name: str, batch_id: uuid.UUID | None = None, unit=None
) -> ImportBatch:
    """Read ``file`` (binary, seekable) into a new batch of checked rows; store no seizure.

    The batch is saved first (status ``parsing``) and its progress after every chunk, each in
    its own transaction, so call this outside ``transaction.atomic`` for the progress to show.
    A file that cannot be read leaves a batch with status ``failed`` and its reason.
    """
    unit = unit or getattr(actor, "unit", None)
    _check_may_import(actor, unit)
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB: split it.") % {"mb": MAX_FILE_BYTES // 2**20}
        )
    head = file.read(8)
    file.seek(0)
    kind = file_kind(file_name, head)  # raises ImportFileError
    batch = ImportBatch.objects.create(
        id=batch_id or uuid.uuid4(),
        file_name=file_name[-255:],
        sha256=_sha256(file),
        kind=kind,
        unit=unit,
        created_by=actor,
        updated_by=actor,
    )
    try:
        _parse_into(batch, file)
    except ImportFileError as error:
        batch.rows.all().delete()
        _set_status(batch, ImportStatus.FAILED, message=str(error))
    except UnicodeDecodeError:
        batch.rows.all().delete()
        _set_status(
            batch,
            ImportStatus.FAILED,
            message=_("The file is not UTF-8 text: save it as “CSV UTF-8” or as .xlsx."),
        )
    except csv.Error as error:
        batch.rows.all().delete()
        _set_status(batch, ImportStatus.FAILED, message=_("Unreadable CSV: %s") % error)
    return batch


def _parse_into(batch: ImportBatch, file) -> None:
    _columns, ignored, rows, expected = iter_file_rows(file, batch.kind)
    if expected:
        expected = max(expected - 1, 0)
    ImportBatch.objects.filter(pk=batch.pk).update(ignored_columns=ignored, expected_count=expected)
    batch.ignored_columns, batch.expected_count = ignored, expected
    book = CodeBook()
    total = ok = 0
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        total += len(chunk)
        if total > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)d rows: split it.") % {"max": MAX_ROWS}
            )
        book.prepare(cells for _number, cells in chunk)
        stored = []
        for number, cells in chunk:
            _data, errors = row_to_input(cells, book)
            ok += not errors
            stored.append(
                ImportRow(batch=batch, number=number, data=cells, errors=errors, ok=not errors)
            )
        with transaction.atomic():
            ImportRow.objects.bulk_create(stored)
            ImportBatch.objects.filter(pk=batch.pk).update(processed_count=total)
    if total == 0:
        raise ImportFileError(_("The file has no data rows under its header."))
    batch.total_count, batch.ok_count, batch.error_count = total, ok, total - ok
    batch.processed_count = total
    _set_status(
        batch,
        ImportStatus.READY,
        fields=["total_count", "ok_count", "error_count", "processed_count"],
    )


# --- status ----------------------------------------------------------------------------------

#: Which status may follow which (the one place batch statuses change).
TRANSITIONS: dict[str, set[str]] = {
    ImportStatus.PARSING: {ImportStatus.READY, ImportStatus.FAILED},
    ImportStatus.READY: {ImportStatus.COMMITTING, ImportStatus.CANCELLED},
    ImportStatus.COMMITTING: {ImportStatus.COMMITTED, ImportStatus.READY},
    ImportStatus.FAILED: {ImportStatus.CANCELLED},
    ImportStatus.COMMITTED: set(),
    ImportStatus.CANCELLED: set(),
}


def _set_status(batch: ImportBatch, status: str, *, message: str = "", fields=()) -> None:
    if status not in TRANSITIONS[batch.status]:
        raise ValidationError(
            _("This import is “%(status)s”: it cannot become “%(new)s”.")
            % {"status": batch.get_status_display(), "new": ImportStatus(status).label}
        )
    batch.status = status
    batch.message = message
    batch.save(update_fields=["status", "message", "updated_at", *fields])


def import_batch_cancel(*, actor, batch: ImportBatch) -> None:
    """Drop a batch that was not imported: its rows are deleted, the batch is kept as cancelled."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _set_status(batch, ImportStatus.CANCELLED)
        batch.rows.all().delete()


# --- the batch: commit -----------------------------------------------------------------------


class ImportChanged(Exception):
    """Rows that were good at the preview fail now (a code was deactivated meanwhile)."""

    def __init__(self, failures: dict[int, list]):
        super().__init__(f"{len(failures)} rows no longer pass")
        self.failures = failures


def import_batch_commit(
    *, actor, batch: ImportBatch, on_progress: Callable[[str], None] | None = None
) -> list[Seizure]:
    """Create the batch's good rows as draft seizures, all or none, in one transaction."""
    _check_may_import(actor, batch.unit)
    if batch.ok_count == 0:
        raise ValidationError(_("This file has no good row to import."))
    # Shown by the progress partial while the transaction runs (committed on its own).
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.READY).update(
        status=ImportStatus.COMMITTING, updated_at=timezone.now()
    )
    try:
        with transaction.atomic():
            # Claim the batch: a second confirmation waits here, then finds it committed.
            locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
            if locked is None or locked.status not in (
                ImportStatus.READY,
                ImportStatus.COMMITTING,
            ):
                raise ValidationError(_("This file was already imported or cancelled."))
            locked.status = ImportStatus.COMMITTING
            seizures = _commit_rows(actor=actor, batch=locked)
            locked.created_count = len(seizures)
            locked.committed_at = timezone.now()
            _set_status(locked, ImportStatus.COMMITTED, fields=["created_count", "committed_at"])
    except ImportChanged as changed:
        _mark_failures(batch, changed.failures)
        raise ValidationError(
            _(
                "%(count)d rows no longer pass (a code list changed since the preview): "
                "review them and confirm again."
            )
            % {"count": len(changed.failures)}
        ) from changed
    except BaseException:
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.COMMITTING).update(
            status=ImportStatus.READY
        )
        raise
    batch.refresh_from_db()
    return seizures


def _mark_failures(batch: ImportBatch, failures: dict[int, list]) -> None:
    with transaction.atomic():
        rows = list(batch.rows.filter(number__in=failures))
        for row in rows:
            row.errors, row.ok = failures[row.number], False
        ImportRow.objects.bulk_update(rows, ["errors", "ok"], batch_size=BULK_SIZE)
        ok = batch.rows.filter(ok=True).count()
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.READY, ok_count=ok, error_count=batch.total_count - ok
        )


def _commit_rows(*, actor, batch: ImportBatch) -> list[Seizure]:
    book = CodeBook()
    good: list[tuple[ImportRow, SeizureInput]] = []
    failures: dict[int, list] = {}
    # Not batch.rows: its known-batch link would load the deferred batch_id row by row.
    rows = ImportRow.objects.filter(batch_id=batch.pk, ok=True).order_by("number")
    rows = rows.only("id", "number", "data")
    for chunk in _chunks(rows.iterator(chunk_size=2000), CHUNK_ROWS):
        book.prepare(row.data for row in chunk)
        for row in chunk:
            data, errors = row_to_input(row.data, book)
            if errors:
                failures[row.number] = errors
            else:
                good.append((row, data))
    if failures:
        raise ImportChanged(failures)
    seizures = seizures_bulk_create(
        actor=actor, unit=batch.unit, inputs=[data for _row, data in good], batch=batch
    )
    # bulk_update's CASE expression grows with the batch; one prepared UPDATE per row is faster.
    seizure_field = ImportRow._meta.get_field("seizure")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        table, column = quote(ImportRow._meta.db_table), quote(seizure_field.column)
        cursor.executemany(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608 - model names
            [
                (seizure_field.get_db_prep_save(seizure.pk, connection), row.pk)
                for (row, _data), seizure in zip(good, seizures, strict=True)
            ],
        )
    return seizures


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def reference_block_allocate(*, unit, year: int, count: int) -> list[str]:
    """``count`` consecutive reference numbers for one office and year, with one update of the
    sequence row (the same format and lock as ``seizure_reference_allocate``)."""
    sequence, _created = ReferenceSequence.objects.get_or_create(office_code=unit.code, year=year)
    ReferenceSequence.objects.filter(pk=sequence.pk).update(last_value=F("last_value") + count)
    sequence.refresh_from_db(fields=["last_value"])
    first = sequence.last_value - count + 1
    country = settings.INSTALLATION_COUNTRY or "XX"
    return [f"{country}-{unit.code}-{year}-{n:06d}" for n in range(first, first + count)]


def seizures_bulk_create(
    *, actor, unit, inputs: list[SeizureInput], batch: ImportBatch | None = None
) -> list[Seizure]:
    """Create many checked draft seizures at once, keeping what ``seizure_create`` guarantees
    (reference numbers, children, version 1 with its snapshot, an audit event) with a few
    statements per table. Call it inside a transaction with inputs checked by
    ``seizure_input_clean``; one ``RECORDS_IMPORTED`` event names every seizure created."""
    _check_may_import(actor, unit)
    references: dict[int, Iterator[str]] = {}
    for year, count in sorted(Counter(data.occurred_at.year for data in inputs).items()):
        references[year] = iter(reference_block_allocate(unit=unit, year=year, count=count))

    seizures: list[Seizure] = []
    goods, concealments, conveyances, route = [], [], [], []
    detection_links, offence_links = [], []
    detection_through = Seizure.detection_methods.through
    offence_through = Seizure.offence_types.through
    for data in inputs:
        seizure = Seizure(
            id=uuid.uuid4(),
            unit=unit,
            unit_path=unit.path,
            status=SeizureStatus.DRAFT,
            created_by=actor,
            updated_by=actor,
            reference=next(references[data.occurred_at.year]),
        )
        _apply_fields(seizure, data)
        children = seizure_children_build(seizure, data)
        # The snapshot of version 1 reads these lists as if they had been prefetched.
        seizure._prefetched_objects_cache = children
        goods += children["goods"]
        concealments += children["concealments"]
        conveyances += children["conveyances"]
        route += children["route"]
        detection_links += [
            detection_through(seizure_id=seizure.id, detectionmethod_id=m.pk)
            for m in data.detection_methods
        ]
        offence_links += [
            offence_through(seizure_id=seizure.id, offencetype_id=o.pk) for o in data.offence_types
        ]
        seizures.append(seizure)

    for model, objects in (
        (Seizure, seizures),
        (GoodsItem, goods),
        (Concealment, concealments),
        (Conveyance, conveyances),
        (RouteLeg, route),
        (detection_through, detection_links),
        (offence_through, offence_links),
    ):
        insert_many(model, objects)
    changed_by = actor if getattr(actor, "is_authenticated", False) else None
    comment = _("Imported from %(file)s") % {"file": batch.file_name} if batch else ""
    versions = []
    for seizure in seizures:
        versions.append(
            SeizureVersion(
                seizure=seizure,
                version=seizure.version,
                changed_by=changed_by,
                snapshot=seizure_snapshot(seizure),
                changes={},
                comment=comment[:300],
            )
        )
        seizure._prefetched_objects_cache = {}
    insert_many(SeizureVersion, versions)
    # The free-text search documents, built from what is in memory (as seizure_create does by
    # reading them back).
    seizure_index_insert(
        (
            (
                seizure.pk,
                search_document(
                    reference=seizure.reference,
                    narrative=seizure.narrative,
                    texts=[
                        *(t for g in data.goods for t in (g.description, g.brand, g.cites_species)),
                        *(getattr(c, name) for c in data.conveyances for name in NAME_FIELDS),
                    ],
                    identifiers=[
                        getattr(c, name) for c in data.conveyances for name in IDENTIFIER_FIELDS
                    ],
                ),
            )
            for seizure, data in zip(seizures, inputs, strict=True)
        )
    )

    # One event for the whole import, naming every seizure it created: appending 10,000
    # events to the hash chain one by one (audit_record) takes longer than the import itself.
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORDS_IMPORTED,
        target=batch,
        target_type="" if batch else Seizure._meta.label_lower,
        target_label="" if batch else _("Seizures"),
        details={
            "file": batch.file_name if batch else "",
            "sha256": batch.sha256 if batch else "",
            "rows": batch.total_count if batch else len(seizures),
            "rejected": batch.error_count if batch else 0,
            "unit": unit.code,
            "created": len(seizures),
            "first_reference": seizures[0].reference if seizures else None,
            "last_reference": seizures[-1].reference if seizures else None,
            "seizure_ids": [str(seizure.pk) for seizure in seizures],
        },
    )
    return seizures


def insert_many(model, objects: list) -> None:
    """INSERT ``objects`` with one prepared statement run for every row (``executemany``).

    Several times faster than ``bulk_create`` for thousands of rows: no SQL is compiled per
    batch. Primary keys must be set already, except an auto-increment id, which is left to the
    database (and not read back). Defaults are the model's; auto_now fields are filled here.
    """
    if not objects:
        return
    meta = model._meta
    fields = [
        f
        for f in meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    now = timezone.now()
    for obj in objects:
        for field in stamped:
            setattr(obj, field.attname, now)
    prepare = [(field.attname, field.get_db_prep_save) for field in fields]
    with connection.cursor() as cursor:
        for chunk in _chunks(objects, 2000):
            cursor.executemany(
                sql,
                [[prep(getattr(obj, name), connection) for name, prep in prepare] for obj in chunk],
            )


# --- rejected rows -------------------------------------------------------------------------


def rejected_rows(batch: ImportBatch) -> Iterator[list[str]]:
    """The header, then each rejected row as typed, with an ``errors`` column at the end."""
    yield [*COLUMN_NAMES, *REJECTED_COLUMNS]
    rows = ImportRow.objects.filter(batch_id=batch.pk, ok=False).order_by("number")
    rows = rows.only("number", "data", "errors")
    for row in rows.iterator(chunk_size=2000):
        reasons = "; ".join(f"{e['column']}: {e['message']}" for e in row.errors)
        yield [*(row.data.get(name, "") for name in COLUMN_NAMES), str(row.number), reasons]
