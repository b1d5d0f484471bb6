"""Import (template, upload, preview, confirm, rejected rows) and export of seizures."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.audit.services import audit_chain_verify
from opencen.reference import models as ref
from opencen.seizures import importing, search
from opencen.seizures.models import ImportBatch, ImportRow, ImportStatus, Seizure, SeizureVersion
from opencen.seizures.services import seizure_create, seizure_snapshot
from opencen.seizures.validators import normalise_identifier

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMN_NAMES)


def _when(days: int = 1) -> str:
    return (timezone.localtime() - datetime.timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def good_row(**overrides) -> dict[str, str]:
    row = {
        "occurred_at": _when(),
        "place": "ZADUR",
        "direction": "import",
        "commodity": "cocaine",
        "quantity": "12.5",
        "unit": "kg",
        "hs_code": "293972",
        "description": "white powder in bricks",
        "detection_methods": "xray",
        "concealment_method": "compartment",
        "conveyance_type": "sea_container",
        "container_number": "CSQU3054383",
        "departure_country": "BR",
        "destination_country": "ZA",
        "narrative": "Bricks behind the front wall.",
    }
    row.update(overrides)
    return row


#: The acceptance file: rows 2, 3 and 5 are good; row 4 has a wrong container check digit and
#: row 6 an unknown commodity and a negative quantity.
ACCEPTANCE_ROWS = [
    good_row(),
    good_row(commodity="cannabis_herb", quantity="3", container_number=""),
    good_row(container_number="CSQU3054384"),
    good_row(direction="export", departure_country="ZA", destination_country="NL"),
    good_row(commodity="unobtainium", quantity="-2"),
]


def csv_file(rows, *, delimiter=",", bom=False, name="seizures.csv", header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    data = buffer.getvalue().encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, "text/csv")


def xlsx_file(rows, *, name="seizures.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        values = [row.get(name, "") or None for name in HEADER]
        # Excel stores numbers and dates as such: the importer must read them back as text.
        values[HEADER.index("quantity")] = float(row["quantity"])
        values[HEADER.index("occurred_at")] = datetime.datetime.strptime(
            row["occurred_at"], "%Y-%m-%d %H:%M"
        )
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def upload(client, file) -> ImportBatch:
    response = client.post(reverse("seizures:import"), {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("seizures:import-preview", args=[batch.pk])
    return batch


# --- the acceptance scenario -----------------------------------------------------------------


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_three_good_two_bad_rows_preview_then_confirm(client, officer, reference_data, make_file):
    client.force_login(officer)
    batch = upload(client, make_file(ACCEPTANCE_ROWS))

    assert (batch.status, batch.total_count, batch.ok_count, batch.error_count) == (
        ImportStatus.READY,
        5,
        3,
        2,
    )
    assert not Seizure.objects.exists()
    errors = {row.number: row.errors for row in batch.rows.filter(ok=False)}
    assert set(errors) == {4, 6}
    assert [e["column"] for e in errors[4]] == ["container_number"]
    assert {e["column"] for e in errors[6]} == {"commodity", "quantity"}

    page = client.get(reverse("seizures:import-preview", args=[batch.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Confirm import of 3 good rows" in html
    for row_number in (4, 6):
        assert f">{row_number}</th>" in html
    assert "check digit" in html.lower()
    assert "Unknown code “unobtainium”" in html
    assert not Seizure.objects.exists()

    response = client.post(reverse("seizures:import-confirm", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert batch.created_count == 3
    seizures = Seizure.objects.order_by("reference")
    assert seizures.count() == 3
    assert [s.reference[-6:] for s in seizures] == ["000001", "000002", "000003"]
    assert {s.unit_id for s in seizures} == {officer.unit_id}
    assert SeizureVersion.objects.filter(version=1).count() == 3
    summary = AuditEvent.objects.get(event_type=AuditEventType.RECORDS_IMPORTED)
    assert summary.actor_id == officer.pk and summary.target_id == str(batch.pk)
    assert summary.details["created"] == 3 and summary.details["rejected"] == 2
    assert set(summary.details["seizure_ids"]) == {str(s.pk) for s in seizures}
    assert audit_chain_verify()[1] is None
    assert set(batch.rows.filter(ok=True).values_list("seizure_id", flat=True)) == {
        s.pk for s in seizures
    }

    # A second confirmation (a double click) creates nothing more.
    client.post(reverse("seizures:import-confirm", args=[batch.pk]))
    assert Seizure.objects.count() == 3


def test_imported_seizure_is_what_seizure_create_makes(officer, reference_data):
    """The bulk path writes the same content and version snapshot as the service."""
    ref.Currency.objects.get_or_create(code="USD", defaults={"label": "US dollar"})
    cells = good_row(weight_kg="12.6", estimated_value="450000", currency="USD")
    book = importing.CodeBook()
    book.prepare([cells])
    data, errors = importing.row_to_input(cells, book)
    assert errors == []
    imported = importing.seizures_bulk_create(actor=officer, unit=officer.unit, inputs=[data])[0]
    book.prepare([cells])
    data_again, _errors = importing.row_to_input(cells, book)
    created = seizure_create(actor=officer, data=data_again)

    stored = Seizure.objects.get(pk=imported.pk)
    assert seizure_snapshot(stored) == seizure_snapshot(created)
    # The same search document as the service writes, and the list's text filter finds it.
    documents = dict(search._documents([imported.pk, created.pk], "default"))
    before = documents[imported.pk].replace(imported.reference, "REF")
    before = before.replace(normalise_identifier(imported.reference), "REF")
    after = documents[created.pk].replace(created.reference, "REF")
    after = after.replace(normalise_identifier(created.reference), "REF")
    assert before == after
    found = Seizure.objects.filter(search.seizure_text_q("CSQU3054383"))
    assert set(found) == {stored, created}
    assert stored.versions.get().snapshot == seizure_snapshot(stored)
    assert int(created.reference[-6:]) == int(imported.reference[-6:]) + 1


def test_semicolon_csv_with_bom_and_decimal_comma(client, officer, reference_data):
    client.force_login(officer)
    rows = [good_row(quantity="12,5", direction="IMPORT", place="zadur")]
    batch = upload(client, csv_file(rows, delimiter=";", bom=True))
    assert (batch.ok_count, batch.error_count) == (1, 0), list(batch.rows.values("errors"))
    client.post(reverse("seizures:import-confirm", args=[batch.pk]))
    goods = Seizure.objects.get().goods.get()
    assert str(goods.quantity) == "12.500"


def test_file_without_required_columns_fails_with_reason(client, officer, reference_data):
    client.force_login(officer)
    file = csv_file([good_row()], header=["occurred_at", "place"])
    batch = upload(client, file)
    assert batch.status == ImportStatus.FAILED
    assert "commodity" in batch.message
    page = client.get(reverse("seizures:import-preview", args=[batch.pk]))
    assert "could not be read" in page.content.decode()


def test_not_a_spreadsheet_is_refused_on_the_form(client, officer, reference_data):
    client.force_login(officer)
    response = client.post(
        reverse("seizures:import"),
        {"file": SimpleUploadedFile("photo.xlsx", b"\x89PNG\r\n\x1a\nrest", "image/png")},
    )
    assert response.status_code == 200
    assert "not an Excel" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_rejected_rows_download_has_the_bad_rows_and_reasons(client, officer, reference_data):
    client.force_login(officer)
    batch = upload(client, csv_file(ACCEPTANCE_ROWS))

    response = client.get(reverse("seizures:import-rejected-csv", args=[batch.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["row"] for r in rows] == ["4", "6"]
    assert rows[0]["container_number"] == "CSQU3054384"
    assert "container_number:" in rows[0]["errors"]
    assert "commodity:" in rows[1]["errors"] and "quantity:" in rows[1]["errors"]

    response = client.get(reverse("seizures:import-rejected-xlsx", args=[batch.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert sheet_rows[0][-1] == "errors"
    assert [r[-2] for r in sheet_rows[1:]] == ["4", "6"]
    assert "Unknown code" in sheet_rows[2][-1]

    # The rejected file, corrected, imports again (its row and errors columns are ignored).
    fixed = text.replace("CSQU3054384", "CSQU3054383").replace("unobtainium", "cocaine")
    fixed = fixed.replace(",'-2,", ",2,")  # the export quotes a leading minus
    ImportBatch.objects.all().delete()
    again = upload(client, SimpleUploadedFile("fixed.csv", fixed.encode(), "text/csv"))
    assert (again.ok_count, again.error_count, again.ignored_columns) == (2, 0, [])


def test_cancel_stores_nothing(client, officer, reference_data):
    client.force_login(officer)
    batch = upload(client, csv_file(ACCEPTANCE_ROWS))
    response = client.post(reverse("seizures:import-cancel", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED
    assert not ImportRow.objects.exists()
    client.post(reverse("seizures:import-confirm", args=[batch.pk]))
    assert not Seizure.objects.exists()


def test_code_deactivated_after_preview_blocks_the_commit(client, officer, reference_data):
    client.force_login(officer)
    batch = upload(client, csv_file([good_row(), good_row(commodity="cannabis_herb")]))
    ref.CommodityType.objects.filter(code="cannabis_herb").update(active=False)
    response = client.post(reverse("seizures:import-confirm", args=[batch.pk]), follow=True)
    assert "no longer pass" in response.content.decode()
    batch.refresh_from_db()
    assert (batch.status, batch.ok_count, batch.error_count) == (ImportStatus.READY, 1, 1)
    assert not Seizure.objects.exists()


def test_batches_of_another_unit_are_not_found(client, officer, other_officer, reference_data):
    client.force_login(officer)
    batch = upload(client, csv_file(ACCEPTANCE_ROWS))
    client.force_login(other_officer)
    for name in ("seizures:import-preview", "seizures:import-rejected-csv"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("seizures:import-confirm", args=[batch.pk])).status_code == 404
    assert not Seizure.objects.exists()


def test_progress_partial_polls_until_the_batch_is_ready(client, officer, reference_data):
    client.force_login(officer)
    import uuid

    pending = uuid.uuid4()
    response = client.get(reverse("seizures:import-progress", args=[pending]))
    assert 'hx-trigger="every 1s"' in response.content.decode()
    batch = upload(client, csv_file([good_row()]))
    response = client.get(reverse("seizures:import-progress", args=[batch.pk]))
    assert "every 1s" not in response.content.decode()
    response = client.get(
        reverse("seizures:import-progress", args=[batch.pk]) + "?from=preview",
        headers={"HX-Request": "true"},
    )
    assert response["HX-Refresh"] == "true"


def test_officer_without_permission_cannot_import(client, analyst, reference_data):
    client.force_login(analyst)
    assert client.get(reverse("seizures:import")).status_code == 403
    response = client.post(reverse("seizures:import"), {"file": csv_file([good_row()])})
    assert response.status_code == 403


# --- template ------------------------------------------------------------------------------


def test_xlsx_template_has_comments_codes_and_imports_as_is(client, officer, reference_data):
    ref.Currency.objects.get_or_create(code="USD", defaults={"label": "US dollar"})
    client.force_login(officer)
    response = client.get(reverse("seizures:import-template-xlsx"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[:2] == ["Seizures", "Codes"]
    sheet = workbook["Seizures"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["A1"].comment is not None
    codes = [row[0] for row in workbook["Codes"].iter_rows(min_row=2, values_only=True)]
    assert "cocaine" in codes

    batch = upload(client, SimpleUploadedFile("template.xlsx", content))
    assert (batch.total_count, batch.ok_count) == (1, 1), list(batch.rows.values("errors"))


def test_csv_template_round_trip(client, officer, reference_data):
    ref.Currency.objects.get_or_create(code="USD", defaults={"label": "US dollar"})
    client.force_login(officer)
    content = client.get(reverse("seizures:import-template-csv")).content
    assert content.startswith(b"\xef\xbb\xbf")
    batch = upload(client, SimpleUploadedFile("template.csv", content, "text/csv"))
    assert (batch.total_count, batch.ok_count) == (1, 1), list(batch.rows.values("errors"))


# --- export --------------------------------------------------------------------------------


@pytest.fixture
def three_seizures(make_input, officer, reference_data):
    made = []
    for country in ("BR", "NL", "BR"):
        data = make_input(narrative=f"=cmd from {country}")
        data.route[0].country = ref.Country.objects.get(code=country)
        data.route[0].place = None
        made.append(seizure_create(actor=officer, data=data))
    return made


def _export(client, fmt, query=""):
    response = client.get(reverse(f"seizures:export-{fmt}") + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_export_csv_of_a_filter_has_exactly_the_filtered_seizures(
    client, supervisor, three_seizures
):
    client.force_login(supervisor)
    content = _export(client, "csv", "?country=BR")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    expected = {s.reference for s in three_seizures if s.route.first().country_id == "BR"}
    assert {r["reference"] for r in rows} == expected and len(rows) == 2
    assert rows[0]["narrative"].startswith("'=cmd")  # a formula is neutralised
    assert rows[0]["container_number"] == "CSQU3054383"
    event = AuditEvent.objects.get(event_type=AuditEventType.EXPORT)
    assert event.details == {"format": "csv", "filters": {"country": "BR"}, "count": 2}
    assert event.actor_id == supervisor.pk


def test_export_xlsx_of_a_filter_is_audited(client, analyst, three_seizures):
    client.force_login(analyst)
    content = _export(client, "xlsx", "?country=NL")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert len(rows) == 2
    assert rows[1][header.index("reference")] == three_seizures[1].reference
    assert rows[1][header.index("narrative")] == "=cmd from NL"  # text, not a formula
    assert AuditEvent.objects.filter(event_type=AuditEventType.EXPORT).count() == 1


def test_export_refused_to_an_officer(client, officer, three_seizures):
    client.force_login(officer)
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse(f"seizures:export-{fmt}")).status_code == 403
    assert not AuditEvent.objects.filter(event_type=AuditEventType.EXPORT).exists()


def test_export_with_an_invalid_filter_is_a_bad_request(client, supervisor, three_seizures):
    client.force_login(supervisor)
    response = client.get(reverse("seizures:export-csv") + "?occurred_after=yesterday")
    assert response.status_code == 400


def test_export_imports_again(client, supervisor, officer, three_seizures):
    """Round trip: the export of a seizure, imported, gives the same row."""
    client.force_login(supervisor)
    content = _export(client, "csv", "?country=NL")
    client.force_login(officer)
    batch = upload(client, SimpleUploadedFile("export.csv", content, "text/csv"))
    assert (batch.total_count, batch.ok_count, batch.ignored_columns) == (1, 1, [])
    client.post(reverse("seizures:import-confirm", args=[batch.pk]))
    imported = Seizure.objects.exclude(pk__in=[s.pk for s in three_seizures]).get()
    from opencen.seizures.exporting import seizure_cells

    before = seizure_cells(Seizure.objects.get(pk=three_seizures[1].pk))
    after = seizure_cells(imported)
    names = list(importing.COLUMN_NAMES)
    assert after[: len(names)] == before[: len(names)]
