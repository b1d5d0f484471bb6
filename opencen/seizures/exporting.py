"""Files out of the seizure database: the filtered list as CSV or Excel, the import template,
and the rejected rows of an import.

The export has the import template's columns first (an export can be imported again), then the
reference, status and unit code, which the importer ignores. A seizure is written as its first
goods item, concealment and conveyance, its first departure (or origin) and destination.

CSV is streamed row by row (seizures read in chunks of 2,000 with their sections prefetched per
chunk). Excel is written by openpyxl's write-only workbook into an anonymous temporary file,
then sent from there, so neither keeps the whole list in memory.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.reference import models as ref
from opencen.seizures.choices import Direction, RouteRole
from opencen.seizures.importing import (
    COLUMN_NAMES,
    COLUMNS,
    DATETIME_FORMAT,
    EXPORT_ONLY_COLUMNS,
    FORMULA_STARTS,
)
from opencen.seizures.models import Seizure

EXPORT_COLUMNS: tuple[str, ...] = (*COLUMN_NAMES, *EXPORT_ONLY_COLUMNS)
#: Seizures read per query (and per prefetch of their sections) while exporting.
EXPORT_CHUNK = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- a seizure as one row ------------------------------------------------------------------


def export_queryset(queryset: QuerySet[Seizure]) -> QuerySet[Seizure]:
    """What one row needs, fetched per chunk (a fixed number of queries per 2,000 seizures)."""
    return queryset.select_related("unit").prefetch_related(
        "detection_methods", "goods", "concealments", "conveyances", "route"
    )


def _first(items, role=None):
    for item in items:
        if role is None or item.role in role:
            return item
    return None


def _text(value) -> str:
    return "" if value is None else str(value)


def seizure_cells(seizure: Seizure) -> list[str]:
    """One seizure in :data:`EXPORT_COLUMNS` order, codes for code lists."""
    goods = _first(seizure.goods.all())
    concealment = _first(seizure.concealments.all())
    conveyance = _first(seizure.conveyances.all())
    legs = list(seizure.route.all())
    departure = _first(legs, {RouteRole.DEPARTURE}) or _first(legs, {RouteRole.ORIGIN})
    destination = _first(legs, {RouteRole.DESTINATION})
    occurred = timezone.localtime(seizure.occurred_at).strftime(DATETIME_FORMAT)
    values = {
        "occurred_at": occurred,
        "place": seizure.place_id,
        "direction": seizure.direction,
        "detection_methods": ";".join(sorted(m.code for m in seizure.detection_methods.all())),
        "narrative": seizure.narrative,
        "handling_code": seizure.handling_code,
        "reference": seizure.reference,
        "status": seizure.status,
        "unit_code": seizure.unit.code,
    }
    if goods is not None:
        values.update(
            commodity=goods.commodity_type_id,
            quantity=_decimal(goods.quantity),
            unit=goods.unit_id,
            weight_kg=_decimal(goods.weight_kg),
            estimated_value=_decimal(goods.estimated_value),
            currency=goods.currency_id,
            hs_code=goods.hs_code_id,
            description=goods.description,
        )
    if concealment is not None:
        values["concealment_method"] = concealment.method_id
    if conveyance is not None:
        values.update(
            conveyance_type=conveyance.type_id,
            container_number=conveyance.container_number,
            flight_number=conveyance.flight_number,
            air_waybill=conveyance.air_waybill,
            vehicle_plate=conveyance.vehicle_plate,
        )
    values["departure_country"] = departure.country_id if departure else ""
    values["destination_country"] = destination.country_id if destination else ""
    return [_text(values.get(name)) for name in EXPORT_COLUMNS]


def _decimal(value) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def export_rows(queryset: QuerySet[Seizure]) -> Iterator[list[str]]:
    """The header, then every seizure of ``queryset`` as a row, read in chunks."""
    yield list(EXPORT_COLUMNS)
    for seizure in export_queryset(queryset).iterator(chunk_size=EXPORT_CHUNK):
        yield seizure_cells(seizure)


# --- writers -------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns what it was given (csv.writer to a stream)."""

    def write(self, value: str) -> str:
        return value


def _csv_safe(value: str) -> str:
    # A leading apostrophe keeps spreadsheets from running a cell as a formula; the importer
    # removes it again.
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_stream(rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text in pieces: a BOM (Excel then reads UTF-8), then one line per row."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_safe(cell) for cell in row])


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    return "".join(csv_stream(rows)).encode("utf-8")


def _text_cells(sheet, row: list[str]) -> list:
    """Cells stored as text, never as formulas (a narrative may begin with "=")."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value if value != "" else None)
        if value:
            cell.data_type = "s"
        cells.append(cell)
    return cells


def xlsx_file(rows: Iterable[list[str]], *, title: str = "Seizures") -> IO[bytes]:
    """A workbook of one sheet written as a stream into an anonymous temporary file, rewound."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(_text_cells(sheet, row))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response that sends it
    workbook.save(handle)
    handle.seek(0)
    return handle


# --- the import template -------------------------------------------------------------------


def _code_lists() -> list[tuple[str, list[tuple[str, str]]]]:
    active = {"active": True}
    commodities = [
        (
            c.code,
            f"{c.localized_label} ({c.section.localized_label}; units: "
            f"{', '.join(sorted(u.code for u in c.allowed_units.all())) or _('any')})",
        )
        for c in ref.CommodityType.objects.filter(**active)
        .select_related("section")
        .prefetch_related("allowed_units")
    ]

    def entries(model) -> list[tuple[str, str]]:
        return [(e.code, e.localized_label) for e in model.objects.filter(**active)]

    return [
        ("commodity", commodities),
        ("unit", entries(ref.MeasurementUnit)),
        ("detection_methods", entries(ref.DetectionMethod)),
        ("concealment_method", entries(ref.ConcealmentMethod)),
        ("conveyance_type", entries(ref.ConveyanceType)),
        ("direction", [(value, str(label)) for value, label in Direction.choices]),
        ("handling_code", [("H0", "H0"), ("H1", "H1"), ("H2", "H2"), ("H3", "H3")]),
    ]


def template_rows() -> list[list[str]]:
    """Header and one sample row (the CSV template)."""
    return [list(COLUMN_NAMES), [column.example for column in COLUMNS]]


def template_xlsx() -> IO[bytes]:
    """The template workbook: sheet "Seizures" (header with a comment on each column, one
    sample row), sheet "Codes" (the valid code of every coded column) and sheet "Columns"."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Seizures"
    bold = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = bold
        if column.required:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        note = str(column.help) + (" " + _("Required.") if column.required else "")
        cell.comment = Comment(note, "OpenCEN", width=300, height=80)
        sample = sheet.cell(row=2, column=index, value=column.example or None)
        sample.data_type = "s"
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.name) + 4)
    sheet.freeze_panes = "A2"

    codes = workbook.create_sheet("Codes")
    position = 1
    for name, entries in _code_lists():
        codes.cell(row=1, column=position, value=name).font = bold
        codes.cell(row=1, column=position + 1, value=_("meaning")).font = bold
        for row, (code, label) in enumerate(entries, start=2):
            codes.cell(row=row, column=position, value=code).data_type = "s"
            codes.cell(row=row, column=position + 1, value=label)
        codes.column_dimensions[codes.cell(row=1, column=position).column_letter].width = 20
        codes.column_dimensions[codes.cell(row=1, column=position + 1).column_letter].width = 40
        position += 3
    note = codes.cell(row=1, column=position, value=_("Countries, currencies, places, HS codes"))
    note.font = bold
    codes.cell(
        row=2,
        column=position,
        value=_("ISO 3166 alpha-2, ISO 4217, UN/LOCODE or ICAO/IATA codes: see Code lists."),
    )

    guide = workbook.create_sheet("Columns")
    guide.append([_("column"), _("required"), _("what to write"), _("example")])
    for cell in guide[1]:
        cell.font = bold
    for column in COLUMNS:
        guide.append(
            [column.name, _("yes") if column.required else "", str(column.help), column.example]
        )
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["C"].width = 70
    guide.column_dimensions["D"].width = 24

    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response that sends it
    workbook.save(handle)
    handle.seek(0)
    return handle
