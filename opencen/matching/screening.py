"""Screening: an uploaded list (a passenger manifest, a list of consignees and shippers) checked
row by row against the persons or companies on file.

:func:`screening_run_create` reads the file as a stream (CSV through a text wrapper, XLSX with
openpyxl's read-only reader), finds its columns under the usual header spellings in any order,
and screens the rows in chunks: each chunk is one call of ``person_matches_many`` (or
``company_matches_many``), whose blocking-key lookups are batched for the whole chunk, then one
bulk insert of the rows with their hits and one progress update, each in a short transaction, so
a page polling the run shows the progress while the upload request works. The run is audited
with the file's SHA-256 and row counts, never its content.

Hits are kept as the matcher returned them for the uploader's scope; pages and downloads filter
them again by the reader's scope (:func:`visible_ids`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import gc
import hashlib
import io
import itertools
import re
import time
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencen.accounts.permissions import Permission, Scope, has_permission, permission_scope
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.core.querysets import path_prefix_q
from opencen.matching.models_screening import (
    ScreeningKind,
    ScreeningRow,
    ScreeningRun,
    ScreeningStatus,
)
from opencen.reference.models import Country
from opencen.seizures.importing import FORMULA_STARTS, ImportFileError, file_kind

#: Largest file accepted, and most data rows in one file.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
#: Rows read, matched and stored together (one matcher call, one insert, one progress update).
CHUNK_ROWS = 500
#: Candidates scored per row (the best by shared blocking keys); an interactive search scores
#: up to ``search.MAX_CANDIDATES``. On two samples of 1,000 variants of stored persons among
#: the bench's 1,000,000, 300 and 150 both found 901 of the first sample; 120 found 901 and
#: 890 (150: 891) of the second, in about 12 % less time than 150.
SCREENING_CANDIDATES = 120
MAX_CELL = 300
DEFAULT_THRESHOLD = 0.75
DEFAULT_HITS_PER_ROW = 3
MAX_HITS_PER_ROW = 10
#: Header search: the first row naming a name column among the first rows of the file
#: (manifests often start with a title, a flight number and a date).
HEADER_SEARCH_ROWS = 10

#: The permission a kind of list needs besides analysis.run.
VIEW_PERMISSION = {
    ScreeningKind.PERSONS: Permission.PERSON_VIEW,
    ScreeningKind.COMPANIES: Permission.COMPANY_VIEW,
}


class ScreeningFileError(ImportFileError):
    """The file as a whole cannot be screened (not a row problem)."""


# --- columns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column the screening reads, with the header spellings it is found under."""

    name: str
    help: Any
    example: str
    spellings: tuple[str, ...]


PERSON_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        gettext_lazy("Full name, in any order and any script (or the two columns below)."),
        "Mohammed AL-HASSAN",
        (
            "name",
            "full_name",
            "fullname",
            "names",
            "person",
            "passenger",
            "passenger_name",
            "traveller",
            "traveler",
            "traveller_name",
            "crew_member",
            "nom",
            "nom_complet",
            "nombre",
            "nome",
        ),
    ),
    Column(
        "given_names",
        gettext_lazy("Given names, when the family name has its own column."),
        "",
        (
            "given_names",
            "given_name",
            "first_name",
            "first_names",
            "firstname",
            "forename",
            "forenames",
            "prenom",
            "prenoms",
        ),
    ),
    Column(
        "family_name",
        gettext_lazy("Family name, when the given names have their own column."),
        "",
        ("family_name", "surname", "last_name", "lastname", "nom_de_famille", "apellido"),
    ),
    Column(
        "birth_date",
        gettext_lazy("Birth date: 1984-03-02, 02/03/1984, 02MAR1984, 1984-03 or 1984."),
        "1984-03-02",
        (
            "birth_date",
            "date_of_birth",
            "dob",
            "birthdate",
            "born",
            "birth",
            "date_de_naissance",
            "fecha_de_nacimiento",
            "data_de_nascimento",
        ),
    ),
    Column(
        "nationality",
        gettext_lazy("Nationality: ISO code (SD, SDN) or country name; several separated by ;."),
        "SD",
        ("nationality", "nationalities", "citizenship", "nat", "nationalite", "nacionalidad"),
    ),
    Column(
        "document_number",
        gettext_lazy("Passport or other identity document number."),
        "P01234567",
        (
            "document_number",
            "document",
            "document_no",
            "doc_number",
            "doc_no",
            "passport",
            "passport_number",
            "passport_no",
            "travel_document",
            "travel_document_number",
            "id_number",
            "id_no",
            "identity_document",
        ),
    ),
    Column(
        "sex",
        gettext_lazy("Sex: M or F (optional)."),
        "M",
        ("sex", "gender", "sexe", "sexo"),
    ),
)

COMPANY_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        gettext_lazy("Company name, with or without its legal form."),
        "Blue Ocean Trading (Pty) Ltd",
        (
            "name",
            "company",
            "company_name",
            "legal_name",
            "business_name",
            "party",
            "party_name",
            "consignee",
            "consignee_name",
            "shipper",
            "shipper_name",
            "consignor",
            "importer",
            "exporter",
            "trader",
            "raison_sociale",
            "razon_social",
        ),
    ),
    Column(
        "country",
        gettext_lazy("Country: ISO code (ZA, ZAF) or country name."),
        "ZA",
        ("country", "country_code", "pays", "pais"),
    ),
    Column(
        "registration_number",
        gettext_lazy("Company registration number."),
        "2011/123456/07",
        (
            "registration_number",
            "registration",
            "registration_no",
            "reg_no",
            "reg_number",
            "company_number",
            "company_registration",
        ),
    ),
    Column(
        "tax_number",
        gettext_lazy("Tax or VAT number."),
        "",
        ("tax_number", "tax_no", "tax_id", "tin", "vat", "vat_number", "vat_no", "nif"),
    ),
)

COLUMNS = {ScreeningKind.PERSONS: PERSON_COLUMNS, ScreeningKind.COMPANIES: COMPANY_COLUMNS}


def header_key(value: Any) -> str:
    """``"Date of Birth "`` -> ``date_of_birth``; ``"Passport No."`` -> ``passport_no``;
    ``"Given Name(s)"`` -> ``given_names``."""
    text = unicodedata.normalize("NFKD", cell_text(value).lstrip("\ufeff"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("(s)", "s")  # "Given name(s)"
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def match_header(header: list[str], kind: str) -> dict[int, str]:
    """{position: column name} for the header cells that name a known column (first wins)."""
    spelling_to_column = {s: c.name for c in COLUMNS[kind] for s in c.spellings}
    found: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = spelling_to_column.get(header_key(cell))
        if name and name not in found.values():
            found[index] = name
    return found


# --- cells ---------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text the user meant (dates as ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "janv", "ene"),
            ("feb", "fev", "fév", "fevr"),
            ("mar", "mars"),
            ("apr", "avr", "abr"),
            ("may", "mai", "mayo"),
            ("jun", "juin"),
            ("jul", "juil"),
            ("aug", "aou", "aoû", "ago"),
            ("sep", "sept", "set"),
            ("oct", "out"),
            ("nov",),
            ("dec", "déc", "dic", "dez"),
        ],
        start=1,
    )
    for name in names
}


def parse_birth_date(text: str) -> str | None:
    """``1984``, ``1984-03`` or ``1984-03-02`` from the usual ways of writing a birth date;
    None when it cannot be read (or is not a possible date)."""
    text = text.strip()
    year = month = day = None
    if m := re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", text):
        year, month, day = m.group(1), m.group(2), m.group(3)
    elif m := re.fullmatch(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})", text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := re.fullmatch(r"(\d{1,2})[-/. ]?([^\W\d_]{3,5})\.?[-/. ]?(\d{4})", text):
        month_number = _MONTHS.get(m.group(2).lower())
        if month_number is None:
            return None
        day, month, year = m.group(1), str(month_number), m.group(3)
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", text):
        month, year = m.group(1), m.group(2)
    else:
        return None
    try:
        y = int(year)
        if not 1900 <= y <= timezone.now().year:
            return None
        if month is None:
            return f"{y:04d}"
        mo = int(month)
        if day is None:
            return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
        return datetime.date(y, mo, int(day)).isoformat()
    except ValueError:
        return None


class CountryBook:
    """Countries by alpha-2, alpha-3 and (lower-cased) name, loaded once per run."""

    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}
        for code, alpha3, label in Country.objects.values_list("code", "alpha3", "label"):
            self.by_key[code.lower()] = code
            if alpha3:
                self.by_key[alpha3.lower()] = code
            if label:
                self.by_key[header_key(label)] = code

    def resolve(self, text: str) -> str | None:
        key = text.strip().lower()
        return self.by_key.get(key) or self.by_key.get(header_key(text))


_SEX = {"m": "male", "male": "male", "h": "male", "f": "female", "female": "female"}


# --- reading files -------------------------------------------------------------------------


def _csv_rows(file) -> tuple[Iterator[list[str]], int | None]:
    """Rows of a UTF-8 CSV (with or without BOM), ``;``, ``,`` or tab separated."""
    file.seek(0)
    lines = sum(block.count(b"\n") for block in iter(lambda: file.read(1024 * 1024), b""))
    file.seek(0)
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    # The separator used most in the first lines (a title line may have none).
    head = [text.readline() for _ in range(HEADER_SEARCH_ROWS)]
    sample = "".join(head)
    delimiter = max((";", ",", "\t"), key=sample.count)
    if not sample.count(delimiter):
        delimiter = ","
    return csv.reader(itertools.chain(head, text), delimiter=delimiter), lines or None


def _xlsx_rows(file) -> tuple[Iterator[tuple], int | None]:
    """Rows of the first sheet of a workbook, read as a stream (read-only mode)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ScreeningFileError(_("This is not an Excel (.xlsx) workbook.")) from error
    sheet = workbook.worksheets[0]
    return sheet.iter_rows(values_only=True), sheet.max_row


def read_rows(
    file, file_format: str, kind: str
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]], int | None]:
    """(ignored header cells, iterator of (row number, {column: text}), rows if known).

    Row numbers are the spreadsheet's; blank rows are skipped. Raises
    :class:`ScreeningFileError` when no header row names the columns.
    """
    rows, expected = _xlsx_rows(file) if file_format == "xlsx" else _csv_rows(file)
    rows = iter(rows)
    positions: dict[int, str] = {}
    header: list[str] = []
    header_number = 0
    for header_number, row in enumerate(  # noqa: B007 - used after the loop
        itertools.islice(rows, HEADER_SEARCH_ROWS), start=1
    ):
        header = [cell_text(value) for value in row]
        positions = match_header(header, kind)
        names = set(positions.values())
        if (
            "name" in names
            or {"given_names", "family_name"} & names
            or ("document_number" in names)
        ):
            break
        positions = {}
    if not positions:
        expected_names = ", ".join(c.name for c in COLUMNS[kind][:4])
        raise ScreeningFileError(
            _(
                "No header row found: the first row must name the columns, with at least a "
                "name column (for example: %(columns)s)."
            )
            % {"columns": expected_names}
        )
    ignored = [h for i, h in enumerate(header) if h.strip() and i not in positions]
    if expected:
        expected = max(expected - header_number, 0)

    def data_rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, row in enumerate(rows, start=header_number + 1):
            cells = {}
            for index, name in positions.items():
                if index < len(row):
                    text = cell_text(row[index])
                    if text:
                        cells[name] = text[:MAX_CELL]
            if cells:
                yield number, cells

    return ignored, data_rows(), expected


# --- rows to queries -----------------------------------------------------------------------


@dataclass
class RowQuery:
    """A row turned into what the matcher asks, with its problems."""

    query: Any = None
    errors: list[str] | None = None
    warnings: list[str] | None = None


def person_row_query(cells: dict[str, str], countries: CountryBook) -> RowQuery:
    from opencen.matching.search import PersonQuery

    errors: list[str] = []
    warnings: list[str] = []
    given, family = cells.get("given_names", ""), cells.get("family_name", "")
    if cells.get("name") and given and not family:
        family = cells["name"]  # "Nom" beside "Prénom", "Name" beside "First name"
    name = " ".join(p for p in (given, family) if p) or cells.get("name", "")
    document = cells.get("document_number", "")
    if not name and not document:
        errors.append(_("No name and no document number: nothing to screen."))
    birth_date = None
    if cells.get("birth_date"):
        birth_date = parse_birth_date(cells["birth_date"])
        if birth_date is None:
            warnings.append(
                _("Birth date “%(value)s” not understood: screened without it.")
                % {"value": cells["birth_date"]}
            )
    nationalities = []
    for part in re.split(r"[;,/|]", cells.get("nationality", "")):
        if not part.strip():
            continue
        code = countries.resolve(part)
        if code:
            nationalities.append(code)
        else:
            warnings.append(
                _("Nationality “%(value)s” unknown: screened without it.") % {"value": part}
            )
    sex = _SEX.get(cells.get("sex", "").strip().lower())
    if errors:
        return RowQuery(errors=errors, warnings=warnings)
    query = PersonQuery(
        name=name,
        birth_date=birth_date or "",
        nationalities=nationalities,
        document_number=document,
        sex=sex or "",
    )
    return RowQuery(query=query, errors=[], warnings=warnings)


def company_row_query(cells: dict[str, str], countries: CountryBook) -> RowQuery:
    from opencen.matching.search import CompanyQuery

    warnings: list[str] = []
    name = cells.get("name", "")
    registration = cells.get("registration_number", "")
    tax = cells.get("tax_number", "")
    if not name and not registration and not tax:
        return RowQuery(errors=[_("No name and no registration or tax number: nothing to screen.")])
    country = ""
    if cells.get("country"):
        country = countries.resolve(cells["country"]) or ""
        if not country:
            warnings.append(
                _("Country “%(value)s” unknown: screened without it.") % {"value": cells["country"]}
            )
    query = CompanyQuery(
        name=name, country=country, registration_number=registration, tax_number=tax
    )
    return RowQuery(query=query, errors=[], warnings=warnings)


# --- the service ---------------------------------------------------------------------------


def screening_check_may_run(user, kind: str) -> None:
    if not has_permission(user, Permission.ANALYSIS_RUN) or not has_permission(
        user, VIEW_PERMISSION[ScreeningKind(kind)]
    ):
        raise PermissionDenied


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for block in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(block)
    file.seek(0)
    return digest.hexdigest()


def _hit(match) -> dict:
    return {
        "id": str(match.id),
        "score": round(float(match.score), 3),
        "name": str(match.name)[:300],
        "explanation": match.explanation,
    }


def screening_run_create(
    *,
    actor,
    file,
    file_name: str,
    kind: str,
    threshold: float = DEFAULT_THRESHOLD,
    hits_per_row: int = DEFAULT_HITS_PER_ROW,
    run_id: uuid.UUID | None = None,
) -> ScreeningRun:
    """Screen the rows of ``file`` (binary, seekable) against the persons or companies the
    actor may see. Saves the run first, then the rows and the progress chunk by chunk, each in
    its own short transaction: call it outside ``transaction.atomic`` for the progress to show.
    A file that cannot be read leaves a run with status ``failed`` and its reason; a file that
    is not CSV or XLSX at all, or too large, is refused (ValidationError)."""
    screening_check_may_run(actor, kind)
    if getattr(actor, "unit_id", None) is None:
        raise ValidationError(_("Your account belongs to no unit: ask an administrator."))
    if not 0 <= threshold <= 1:
        raise ValidationError(_("The threshold is a score between 0 and 1."))
    if not 1 <= hits_per_row <= MAX_HITS_PER_ROW:
        raise ValidationError(_("Hits per row: from 1 to %(max)d.") % {"max": MAX_HITS_PER_ROW})
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB: split it.") % {"mb": MAX_FILE_BYTES // 2**20}
        )
    if size == 0:
        raise ValidationError(_("The file is empty."))
    head = file.read(4096)  # enough to see the NUL bytes of a binary file
    file.seek(0)
    try:
        file_format = file_kind(file_name, head)
    except ImportFileError as error:
        raise ValidationError(str(error)) from error
    run = ScreeningRun.objects.create(
        id=run_id or uuid.uuid4(),
        kind=kind,
        file_name=file_name[-255:],
        sha256=_sha256(file),
        file_format=file_format,
        unit=actor.unit,
        threshold=threshold,
        hits_per_row=hits_per_row,
        created_by=actor,
        updated_by=actor,
    )
    started = time.monotonic()
    try:
        _screen_into(run, file, actor)
    except ScreeningFileError as error:
        _fail(run, str(error))
    except UnicodeDecodeError:
        _fail(run, _("The file is not UTF-8 text: save it as “CSV UTF-8” or as .xlsx."))
    except csv.Error as error:
        _fail(run, _("Unreadable CSV: %s") % error)
    else:
        run.status = ScreeningStatus.DONE
        run.finished_at = timezone.now()
        run.duration_ms = round((time.monotonic() - started) * 1000)
        run.save(
            update_fields=[
                "status",
                "finished_at",
                "duration_ms",
                "total_count",
                "processed_count",
                "error_count",
                "hit_row_count",
                "hit_count",
                "updated_at",
            ]
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.SCREENING,
        target=run,
        details={
            "kind": run.kind,
            "file_sha256": run.sha256,
            "file_format": run.file_format,
            "status": run.status,
            "rows": run.total_count,
            "rows_not_screened": run.error_count,
            "rows_with_hits": run.hit_row_count,
            "hits": run.hit_count,
            "threshold": run.threshold,
            "hits_per_row": run.hits_per_row,
        },
    )
    return run


def _fail(run: ScreeningRun, message: str) -> None:
    run.rows.all().delete()
    run.status = ScreeningStatus.FAILED
    run.message = message
    run.finished_at = timezone.now()
    run.total_count = run.processed_count = run.error_count = 0
    run.hit_row_count = run.hit_count = 0
    run.save(
        update_fields=[
            "status",
            "message",
            "finished_at",
            "total_count",
            "processed_count",
            "error_count",
            "hit_row_count",
            "hit_count",
            "updated_at",
        ]
    )


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector off while a chunk is matched: matching makes almost no cyclic
    garbage, but its many short-lived objects would start collections that also walk the
    similarities remembered for the whole list (a tenth of a 10,000-row screening's time).
    Collections resume, with what the chunk left, as soon as it is matched."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _screen_into(run: ScreeningRun, file, actor) -> None:
    from opencen.matching import search

    ignored, rows, expected = read_rows(file, run.file_format, run.kind)
    ScreeningRun.objects.filter(pk=run.pk).update(ignored_columns=ignored, expected_count=expected)
    run.ignored_columns, run.expected_count = ignored, expected
    countries = CountryBook()
    to_query = person_row_query if run.kind == ScreeningKind.PERSONS else company_row_query
    match_many = (
        search.person_matches_many
        if run.kind == ScreeningKind.PERSONS
        else search.company_matches_many
    )
    # Name parts compared once for the whole list, whatever the chunk.
    sim = search.PartSimilarity()
    total = errors = hit_rows = hits = 0
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        total += len(chunk)
        if total > MAX_ROWS:
            raise ScreeningFileError(
                _("The file has more than %(max)d rows: split it.") % {"max": MAX_ROWS}
            )
        parsed = [(number, cells, to_query(cells, countries)) for number, cells in chunk]
        queries = [row.query for _n, _c, row in parsed if row.query is not None]
        with collector_paused():
            found_many = (
                match_many(
                    user=actor,
                    queries=queries,
                    limit=run.hits_per_row,
                    threshold=run.threshold,
                    candidates=SCREENING_CANDIDATES,
                    sim=sim,
                )
                if queries
                else []
            )
        results = iter(found_many)
        stored = []
        for number, cells, row in parsed:
            found = [_hit(m) for m in next(results)] if row.query is not None else []
            found = [h for h in found if h["score"] >= run.threshold][: run.hits_per_row]
            errors += bool(row.errors)
            hit_rows += bool(found)
            hits += len(found)
            stored.append(
                ScreeningRow(
                    run=run,
                    number=number,
                    data=cells,
                    errors=row.errors or [],
                    warnings=row.warnings or [],
                    hits=found,
                    hit_count=len(found),
                    problem_count=len(row.errors or []) + len(row.warnings or []),
                    screened=not row.errors,
                    best_score=found[0]["score"] if found else None,
                )
            )
        with transaction.atomic():
            ScreeningRow.objects.bulk_create(stored)
            ScreeningRun.objects.filter(pk=run.pk).update(processed_count=total)
    if total == 0:
        raise ScreeningFileError(_("The file has no data rows under its header."))
    run.total_count = run.processed_count = total
    run.error_count, run.hit_row_count, run.hit_count = errors, hit_rows, hits


# --- reads ---------------------------------------------------------------------------------


def screening_run_list(*, user) -> QuerySet[ScreeningRun]:
    """Runs of the units within the user's analysis.run scope."""
    scope = permission_scope(user, Permission.ANALYSIS_RUN)
    runs = ScreeningRun.objects.select_related("unit", "created_by")
    if scope is Scope.NONE or (scope is not Scope.ALL and not getattr(user, "unit_id", None)):
        return runs.none()
    if scope is Scope.OWN_UNIT:
        return runs.filter(unit=user.unit)
    if scope is not Scope.ALL:
        return runs.filter(path_prefix_q("unit__path", user.unit.path))
    return runs


def screening_run_get(*, user, pk) -> ScreeningRun | None:
    return screening_run_list(user=user).filter(pk=pk).first()


def visible_ids(*, user, kind: str, ids: Iterable[str]) -> set[str]:
    """Of these record ids, those the user may read now (one query)."""
    ids = {str(i) for i in ids}
    if not ids:
        return set()
    if kind == ScreeningKind.PERSONS:
        from opencen.persons.selectors import person_list

        queryset = person_list(user=user)
    else:
        from opencen.companies.selectors import company_list

        queryset = company_list(user=user)
    return {str(pk) for pk in queryset.filter(pk__in=list(ids)).values_list("pk", flat=True)}


def rows_with_visible_hits(*, user, run: ScreeningRun, rows: Iterable[ScreeningRow]) -> list:
    """The rows, each with ``visible_hits``: its hits the user may read now."""
    rows = list(rows)
    allowed = visible_ids(user=user, kind=run.kind, ids=(h["id"] for row in rows for h in row.hits))
    for row in rows:
        row.visible_hits = [h for h in row.hits if h["id"] in allowed]
    return rows


def explanation_text(explanation: Any) -> str:
    """The matcher's explanation as one line of text, whatever its shape."""
    if not explanation:
        return ""
    if isinstance(explanation, str):
        return explanation
    if isinstance(explanation, dict):
        return "; ".join(f"{key}: {value}" for key, value in explanation.items())
    if isinstance(explanation, list | tuple):
        return "; ".join(explanation_text(item) for item in explanation)
    return str(explanation)


# --- files out -----------------------------------------------------------------------------


def result_header(kind: str) -> list[str]:
    columns = [c.name for c in COLUMNS[kind]]
    return [
        "row",
        *columns,
        "hit_rank",
        "score",
        "record_id",
        "record_name",
        "explanation",
        "problems",
    ]


DOWNLOAD_CHUNK = 1000


def result_rows(*, user, run: ScreeningRun) -> Iterator[list[str]]:
    """The header, then one line per row and hit (a row without a hit: one line saying so),
    read in chunks, hits filtered by what the user may read now."""
    columns = [c.name for c in COLUMNS[run.kind]]
    yield result_header(run.kind)
    last = 0
    while True:
        chunk = list(run.rows.filter(number__gt=last).order_by("number")[:DOWNLOAD_CHUNK])
        if not chunk:
            return
        last = chunk[-1].number
        for row in rows_with_visible_hits(user=user, run=run, rows=chunk):
            cells = [str(row.number), *(row.data.get(name, "") for name in columns)]
            problems = "; ".join([*row.errors, *row.warnings])
            if row.errors:
                yield [*cells, "", "", "", _("not screened"), "", problems]
                continue
            if not row.visible_hits:
                yield [*cells, "0", "", "", _("no hit"), "", problems]
                continue
            for rank, hit in enumerate(row.visible_hits, start=1):
                yield [
                    *cells,
                    str(rank),
                    f"{hit['score']:.3f}",
                    hit["id"],
                    hit["name"],
                    explanation_text(hit["explanation"]),
                    problems,
                ]


def template_rows(kind: str) -> list[list[str]]:
    """Header and one sample row: the screening template."""
    columns = [c for c in COLUMNS[kind] if c.name not in ("given_names", "family_name")]
    return [[c.name for c in columns], [c.example for c in columns]]
