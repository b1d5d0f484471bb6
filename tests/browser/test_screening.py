"""In Chromium: an analyst's supervisor uploads a small passenger manifest, sees the hits and
downloads them."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from opencen.accounts.choices import Role
from opencen.matching.indexing import person_index
from opencen.persons.models import Person
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

MANIFEST = (
    "Flight,KQ310\n"
    "Surname,Given names,Date of birth,Passport No.\n"
    "AL HASSAN,Muhammad,1984,\n"
    "OKAFOR,Grace,05/05/1990,A7654321\n"
    "LINDQVIST,Lucas,1966,X0000001\n"
)


@pytest.fixture
def screener(make_user, unit_tree):
    return make_user(
        roles={Role.SUPERVISOR},
        unit=unit_tree["port"],
        username="kwame.mensah",
        first_name="Kwame",
        last_name="Mensah",
    )


@pytest.fixture
def on_file(unit_tree):
    unit = unit_tree["port"]
    people = {}
    for key, given, family, year, month, day in (
        ("hassan", "Mohammed", "Al-Hassan", 1984, 3, 2),
        ("okafor", "Grace", "Okafor", 1990, 5, 5),
    ):
        people[key] = Person.objects.create(
            unit=unit,
            unit_path=unit.path,
            given_names=given,
            family_name=family,
            birth_year=year,
            birth_month=month,
            birth_day=day,
        )
    person_index([p.pk for p in people.values()])
    return people


def test_upload_a_manifest_see_the_hits_and_download_them(page: Page, screener, on_file):
    login(page, screener)
    page.goto("/matching/screening/")
    expect(page.get_by_role("heading", name="Screen a list")).to_be_visible()
    page.check("input[name=kind][value=persons]")
    page.set_input_files(
        "#id_file",
        {"name": "kq310.csv", "mimeType": "text/csv", "buffer": MANIFEST.encode()},
    )
    page.get_by_role("button", name="Screen the list").click()
    page.wait_for_url("**/matching/screening/*/")
    expect(page.get_by_role("heading", name="Screening: kq310.csv")).to_be_visible()
    hits = page.locator("table.screening-rows")
    expect(hits.get_by_role("link", name="Mohammed AL-HASSAN")).to_be_visible()
    expect(hits.get_by_role("link", name="Grace OKAFOR")).to_be_visible()
    expect(hits).not_to_contain_text("LINDQVIST")  # no hit: on the "Without a hit" tab

    with page.expect_download() as caught:
        page.get_by_role("link", name="Results (CSV)").click()
    download = caught.value
    assert download.suggested_filename == "kq310-hits.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        lines = list(csv.DictReader(handle))
    found = {line["row"]: line for line in lines}
    assert found["3"]["record_id"] == str(on_file["hassan"].pk)
    assert found["4"]["record_id"] == str(on_file["okafor"].pk)
    assert found["5"]["record_name"] == "no hit"

    with page.expect_download() as caught:
        page.get_by_role("link", name="Results (Excel)").click()
    assert caught.value.suggested_filename == "kq310-hits.xlsx"
    with open(caught.value.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()), read_only=True)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    ids = [row[header.index("record_id")] for row in rows[1:]]
    assert str(on_file["hassan"].pk) in ids and str(on_file["okafor"].pk) in ids

    page.get_by_role("link", name="Without a hit").click()
    expect(page.locator("table.screening-rows")).to_contain_text("LINDQVIST")
