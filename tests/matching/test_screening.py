"""Screening of uploaded lists: reading CSV and Excel files, hits per row, downloads, scope,
permissions and the audit trail."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from opencen.accounts.choices import Role
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.matching import screening
from opencen.matching.models_screening import ScreeningRun, ScreeningStatus
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


# --- helpers ---------------------------------------------------------------------------------


def csv_file(
    rows: list[list[str]], *, name="manifest.csv", delimiter=",", bom=True
) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    data = ("\ufeff" if bom else "") + text.getvalue()
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list], *, name="manifest.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def read_xlsx(response) -> list[dict]:
    data = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [
        [("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


@pytest.fixture
def supervisor(make_user, unit_tree):
    """Screens lists (analysis.run) and reads persons and companies of the port's unit tree."""
    return make_user(roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="screener")


@pytest.fixture
def on_file(make_person):
    return {
        "hassan": make_person(
            "Mohammed",
            "Al-Hassan",
            birth="1984-03-02",
            nationalities=["SD"],
            documents=[("passport", "P01234567")],
            sex="male",
        ),
        "namesake": make_person("Mohammed", "Al-Hassan", birth="1991-07-10", nationalities=["EG"]),
        "okafor": make_person("Grace", "Okafor", birth="1990-05-05", nationalities=["NG"]),
        "petrov": make_person("Ivan", "Petrov", birth="1975-01-01", nationalities=["RU"]),
        "wang": make_person("Wei", "Wang", birth="1988-11-20", nationalities=["CN"]),
    }


def run_list(user, upload, kind="persons", **options) -> ScreeningRun:
    return screening.screening_run_create(
        actor=user, file=upload, file_name=upload.name, kind=kind, **options
    )


# --- reading files ---------------------------------------------------------------------------


def test_header_spellings_in_any_order_are_recognised(supervisor, on_file):
    upload = csv_file(
        [
            ["Passport No.", "Surname", "Given Name(s)", "Date of Birth", "Nationality", "Seat"],
            ["P01234567", "AL HASSAN", "Mohamed", "02/03/1984", "SDN", "12A"],
            ["", "PETROV", "Ivan", "01JAN1975", "Russian Federation", "14C"],
        ],
        delimiter=";",
    )
    run = run_list(supervisor, upload)
    assert run.status == ScreeningStatus.DONE
    assert run.ignored_columns == ["Seat"]
    rows = list(run.rows.order_by("number"))
    assert rows[0].data == {
        "document_number": "P01234567",
        "family_name": "AL HASSAN",
        "given_names": "Mohamed",
        "birth_date": "02/03/1984",
        "nationality": "SDN",
    }
    assert rows[0].hits[0]["id"] == str(on_file["hassan"].pk)
    assert rows[0].hits[0]["score"] >= 0.9
    assert rows[1].hits[0]["id"] == str(on_file["petrov"].pk)
    assert rows[1].warnings == []


def test_a_semicolon_list_under_a_title_line_without_separators(supervisor, on_file):
    upload = SimpleUploadedFile(
        "crew.csv",
        "CREW LIST MV OCEAN STAR\nNom;Prénom;Date de naissance\nOKAFOR;Grace;05/05/1990\n".encode(),
    )
    run = run_list(supervisor, upload)
    assert run.status == ScreeningStatus.DONE, run.message
    row = run.rows.get()
    assert row.number == 3
    assert row.data == {"name": "OKAFOR", "given_names": "Grace", "birth_date": "05/05/1990"}
    assert row.hits[0]["id"] == str(on_file["okafor"].pk)


def test_an_excel_manifest_with_title_rows_and_date_cells(supervisor, on_file):
    import datetime

    upload = xlsx_file(
        [
            ["Passenger manifest KQ 310"],
            ["Departure 2026-03-14"],
            [],
            ["Name", "DOB", "Nationality", "Document"],
            ["Grace OKAFOR", datetime.datetime(1990, 5, 5), "NG", "A1234567"],
            ["Wang Wei", datetime.date(1988, 11, 20), "CHN", None],
            ["Nobody Known", 1970, "GB", None],
        ]
    )
    run = run_list(supervisor, upload)
    assert run.status == ScreeningStatus.DONE, run.message
    rows = list(run.rows.order_by("number"))
    assert [r.number for r in rows] == [5, 6, 7]
    assert rows[0].data["birth_date"] == "1990-05-05"
    assert rows[0].hits[0]["id"] == str(on_file["okafor"].pk)
    assert rows[1].hits[0]["id"] == str(on_file["wang"].pk)
    assert rows[2].hits == [] and rows[2].hit_count == 0
    assert (run.total_count, run.hit_row_count) == (3, 2)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1984-03-02", "1984-03-02"),
        ("02/03/1984", "1984-03-02"),
        ("2.3.1984", "1984-03-02"),
        ("02MAR1984", "1984-03-02"),
        ("02 Mar 1984", "1984-03-02"),
        ("1984-03", "1984-03"),
        ("03/1984", "1984-03"),
        ("1984", "1984"),
        ("31/02/1984", None),
        ("yesterday", None),
        ("1850", None),
    ],
)
def test_birth_dates_as_manifests_write_them(text, expected):
    assert screening.parse_birth_date(text) == expected


def test_rows_with_problems_are_reported_and_the_others_screened(supervisor, on_file):
    upload = csv_file(
        [
            ["name", "birth_date", "nationality", "document_number"],
            ["", "1984", "SD", ""],
            ["Ivan Petrov", "someday", "Atlantis", ""],
        ]
    )
    run = run_list(supervisor, upload)
    first, second = run.rows.order_by("number")
    assert first.errors == ["No name and no document number: nothing to screen."]
    assert not first.screened and first.hits == []
    assert "Birth date “someday” not understood: screened without it." in second.warnings
    assert "Nationality “Atlantis” unknown: screened without it." in second.warnings
    assert second.hits[0]["id"] == str(on_file["petrov"].pk)
    assert (run.error_count, run.hit_row_count) == (1, 1)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "neither CSV text nor an Excel workbook"),
        ("list.xlsx", b"name,birth_date\nA,1984\n", "not an Excel (.xlsx) workbook"),
        ("list.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Old Excel files (.xls)"),
        ("empty.csv", b"", "The file is empty."),
    ],
)
def test_files_that_are_not_lists_are_refused_with_a_clear_message(
    supervisor, name, content, message
):
    with pytest.raises(ValidationError) as error:
        run_list(supervisor, SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.messages)


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["seat", "class"], ["12A", "Y"]], "No header row found"),
        ([["name", "birth_date"]], "no data rows under its header"),
    ],
)
def test_a_list_without_header_or_rows_fails_with_its_reason(supervisor, rows, message):
    run = run_list(supervisor, csv_file(rows))
    assert run.status == ScreeningStatus.FAILED
    assert message in run.message
    assert run.rows.count() == 0


def test_a_file_that_is_not_utf8_says_how_to_save_it(supervisor):
    upload = SimpleUploadedFile("latin1.csv", "name\nJosé Gonçalves\n".encode("latin-1"))
    run = run_list(supervisor, upload)
    assert run.status == ScreeningStatus.FAILED
    assert "CSV UTF-8" in run.message


def test_too_large_a_file_is_refused(supervisor, monkeypatch):
    monkeypatch.setattr(screening, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValidationError, match="larger than"):
        run_list(supervisor, csv_file([["name"], *[["Some Body"]] * 20]))


# --- the acceptance: 100 rows, hits downloaded -----------------------------------------------

SPELLINGS = [
    # (name as listed, birth date, nationality, document, expected person)
    ("Muhammad Alhasan", "1984", "SD", "", "hassan"),
    ("AL HASSAN Mohamed", "02/03/1984", "SDN", "", "hassan"),
    ("محمد الحسن", "1984-03-02", "SD", "", "hassan"),
    ("M. Al Hasan", "", "", "P01234567", "hassan"),
    ("Okafor Grace", "1990-05", "NG", "", "okafor"),
    ("Grâce Okafôr", "", "NGA", "", "okafor"),
    ("Иван Петров", "1975", "RU", "", "petrov"),
    ("PETROV Ivan", "01.01.1975", "", "", "petrov"),
    ("王伟", "1988-11-20", "CN", "", "wang"),
    ("Wang Wei", "1988", "", "", "wang"),
]
NOBODIES = [
    f"{given} {family}"
    for given in ("Lucas", "Amara", "Tomasz", "Ingrid", "Kofi", "Sofia", "Rahul", "Elena", "Juan")
    for family in (
        "Lindqvist",
        "Oyelaran",
        "Kowalczyk",
        "Haugland",
        "Mensah",
        "Bianchi",
        "Raghunathan",
        "Vasquez",
        "Delacroix",
        "Thorsen",
    )
]


def hundred_rows() -> list[list[str]]:
    rows = [["name", "birth_date", "nationality", "document_number"]]
    for index in range(100):
        if index % 10 == 0:
            name, birth, nationality, document, _who = SPELLINGS[index // 10]
            rows.append([name, birth, nationality, document])
        else:
            rows.append([NOBODIES[index - index // 10 - 1], "1966", "BR", f"X{index:07d}"])
    return rows


@pytest.fixture
def signed_in(client, supervisor):
    client.login(username=supervisor.username, password=TEST_PASSWORD)
    return client


def _upload(client, upload, **fields):
    data = {"kind": "persons", "threshold": "0.75", "hits_per_row": "3", "file": upload}
    data.update(fields)
    return client.post(reverse("matching:screening"), data)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_100_row_list_returns_its_hits_as_a_downloadable_file(signed_in, on_file, fmt):
    upload = csv_file(hundred_rows()) if fmt == "csv" else xlsx_file(hundred_rows())
    response = _upload(signed_in, upload)
    run = ScreeningRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:screening-run", args=[run.pk])
    assert run.status == ScreeningStatus.DONE and run.total_count == 100

    download = signed_in.get(reverse("matching:screening-download", args=[run.pk, fmt]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert f"manifest-hits.{fmt}" in download["Content-Disposition"]
    lines = read_csv(download) if fmt == "csv" else read_xlsx(download)
    by_row: dict[int, list[dict]] = {}
    for line in lines:
        by_row.setdefault(int(line["row"]), []).append(line)
    assert sorted(by_row) == list(range(2, 102))  # every row of the list, header = row 1
    for index in range(100):
        found = by_row[index + 2]
        if index % 10 == 0:
            expected = on_file[SPELLINGS[index // 10][4]]
            first = found[0]
            assert first["hit_rank"] == "1", (index, found)
            assert first["record_id"] == str(expected.pk), (SPELLINGS[index // 10], found)
            assert float(first["score"]) >= 0.75
            assert first["record_name"] == expected.display_name
            assert first["explanation"]
        else:
            assert len(found) == 1 and found[0]["record_name"] == "no hit"
            assert found[0]["hit_rank"] == "0"
    # The 1984 namesake was asked with 1984: he never comes before the right man.
    hassan_rows = [by_row[2], by_row[12]]
    for found in hassan_rows:
        ids = [line["record_id"] for line in found]
        assert ids[0] == str(on_file["hassan"].pk)


def test_the_result_page_shows_rows_with_hits_and_counts(signed_in, on_file):
    _upload(signed_in, csv_file(hundred_rows()))
    run = ScreeningRun.objects.get()
    page = signed_in.get(reverse("matching:screening-run", args=[run.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mohammed AL-HASSAN" in html and "Muhammad Alhasan" in html
    assert html.count('class="badge text-bg-light border">10<') == 1  # rows with hits
    assert "Lucas Lindqvist" not in html  # rows without a hit are on their own tab
    no_hits = signed_in.get(reverse("matching:screening-run", args=[run.pk]) + "?show=nohits")
    assert "Lucas Lindqvist" in no_hits.content.decode()


def test_invalid_options_keep_what_was_typed(signed_in):
    response = _upload(signed_in, csv_file(hundred_rows()), threshold="1.5", hits_per_row="0")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="1.5"' in html
    assert "Ensure this value is less than or equal to 1" in html
    assert not ScreeningRun.objects.exists()


def test_a_bad_file_is_refused_on_the_page(signed_in):
    response = _upload(signed_in, SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00"))
    assert response.status_code == 200
    assert "neither CSV text nor an Excel workbook" in response.content.decode()


def test_the_template_names_the_columns(signed_in):
    response = signed_in.get(reverse("matching:screening-template", args=["persons"]))
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header == "name,birth_date,nationality,document_number,sex"
    response = signed_in.get(reverse("matching:screening-template", args=["companies"]))
    assert response.content.decode("utf-8-sig").startswith("name,country,registration_number")


# --- companies -------------------------------------------------------------------------------


def test_a_list_of_consignees_finds_the_company_whatever_its_legal_form(supervisor, make_company):
    blue = make_company("BLUE OCEAN TRADING PROPRIETARY LIMITED", country="ZA")
    make_company("Blue Ocean Trading LLC", country="CN")
    upload = csv_file(
        [
            ["Consignee", "Country", "Reg No"],
            ["Blue Ocean Trading (Pty) Ltd", "ZA", ""],
            ["Red Sky Logistics GmbH", "DE", ""],
        ]
    )
    run = run_list(supervisor, upload, kind="companies")
    first, second = run.rows.order_by("number")
    assert first.hits[0]["id"] == str(blue.pk)
    assert second.hits == []


# --- scope, permissions, audit ---------------------------------------------------------------


def test_hits_never_name_records_the_user_cannot_see(
    make_person, make_user, unit_tree, supervisor, client
):
    hidden = make_person("Amina", "Diallo", birth="1979-02-02", unit=unit_tree["border"])
    upload = csv_file([["name", "birth_date"], ["Amina Diallo", "1979-02-02"]])
    # The port's supervisor does not read the border post's persons: no hit.
    run = run_list(supervisor, upload)
    assert run.rows.get().hits == []
    # An analyst reads everyone and finds her ...
    analyst = make_user(roles={Role.ANALYST}, unit=unit_tree["hq"])
    analyst_run = run_list(analyst, csv_file([["name"], ["Amina Diallo"]]))
    assert analyst_run.rows.get().hits[0]["id"] == str(hidden.pk)
    # ... but a reader of that run in a narrower scope never sees her, on the page or in files.
    analyst_run.unit = unit_tree["port"]
    analyst_run.save(update_fields=["unit"])
    client.login(username=supervisor.username, password=TEST_PASSWORD)
    html = client.get(reverse("matching:screening-run", args=[analyst_run.pk]) + "?show=all")
    assert "Amina DIALLO" not in html.content.decode()
    lines = read_csv(
        client.get(reverse("matching:screening-download", args=[analyst_run.pk, "csv"]))
    )
    assert [line["record_id"] for line in lines] == [""]
    assert str(hidden.pk) not in str(lines)


def test_runs_of_another_unit_are_not_found(make_user, unit_tree, supervisor, client):
    run = run_list(supervisor, csv_file([["name"], ["Some One"]]))
    other = make_user(roles={Role.SUPERVISOR}, unit=unit_tree["border"])
    client.login(username=other.username, password=TEST_PASSWORD)
    assert client.get(reverse("matching:screening-run", args=[run.pk])).status_code == 404
    url = reverse("matching:screening-download", args=[run.pk, "csv"])
    assert client.get(url).status_code == 404


def test_officers_may_not_screen(make_user, unit_tree, client):
    officer = make_user(roles={Role.OFFICER}, unit=unit_tree["port"])
    with pytest.raises(PermissionDenied):
        run_list(officer, csv_file([["name"], ["Some One"]]))
    client.login(username=officer.username, password=TEST_PASSWORD)
    assert client.get(reverse("matching:screening")).status_code == 403


def test_the_run_is_audited_with_the_files_hash_and_counts_not_its_content(signed_in, on_file):
    _upload(signed_in, csv_file(hundred_rows()))
    run = ScreeningRun.objects.get()
    event = AuditEvent.objects.filter(event_type=AuditEventType.SCREENING).get()
    assert event.target_id == str(run.pk)
    assert event.details["file_sha256"] == run.sha256 and len(run.sha256) == 64
    assert event.details["rows"] == 100 and event.details["rows_with_hits"] == 10
    assert "Alhasan" not in str(event.details) and "Okafor" not in str(event.details)
    signed_in.get(reverse("matching:screening-download", args=[run.pk, "csv"]))
    export = AuditEvent.objects.filter(event_type=AuditEventType.EXPORT).get()
    assert export.target_id == str(run.pk)


@override_settings(PURPOSE_REQUIRED=True)
def test_the_purpose_is_asked_first_when_mandatory(signed_in):
    response = signed_in.get(reverse("matching:screening"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("audit:purpose") + "?kind=screening")
    signed_in.post(response["Location"], {"purpose": "Operation Sandstorm, flight KQ310"})
    assert signed_in.get(reverse("matching:screening")).status_code == 200
    _upload(signed_in, csv_file([["name"], ["Some One"]]))
    event = AuditEvent.objects.filter(event_type=AuditEventType.SCREENING).get()
    assert event.purpose == "Operation Sandstorm, flight KQ310"


def test_progress_is_polled_until_the_run_is_done(signed_in):
    import uuid

    pending = uuid.uuid4()
    url = reverse("matching:screening-progress", args=[pending])
    response = signed_in.get(url + "?from=upload", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in response.content.decode()
    _upload(signed_in, csv_file([["name"], ["Some One"]]), run_id=str(pending))
    response = signed_in.get(url + "?from=run", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Refresh"] == "true"


def test_the_result_page_shows_names_listed_in_separate_columns(signed_in, on_file):
    upload = csv_file(
        [["Surname", "Given names", "DOB"], ["OKAFOR", "Grace", "1990"], ["", "Ivan", "1975"]]
    )
    _upload(signed_in, upload)
    run = ScreeningRun.objects.get()
    html = signed_in.get(reverse("matching:screening-run", args=[run.pk]) + "?show=all")
    text = html.content.decode()
    assert html.status_code == 200
    assert "Grace OKAFOR" in text and "Ivan " in text


def test_the_cycle_collector_is_back_on_after_a_chunk_even_when_matching_fails():
    """A screening pauses Python's cycle collector while a chunk is matched; the server
    process must get it back whatever happens, or its memory would grow unchecked."""
    import gc

    from opencen.matching.screening import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("matching failed")
    assert gc.isenabled()
