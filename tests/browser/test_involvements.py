"""In Chromium: an officer links a person and a company to a seizure from the seizure page
(search as you type, then "Link"); the seizure then shows on the person's and the company's
pages."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencen.companies.services import CompanyInput, company_create
from opencen.persons.models import Person
from opencen.reference.models import Country
from opencen.seizures.services import SeizureInput, seizure_create


@pytest.fixture
def records(browser_user):
    Country.objects.get_or_create(
        code="ZA", defaults={"alpha3": "ZAF", "numeric": "710", "label": "South Africa"}
    )
    seizure = seizure_create(
        actor=browser_user, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    company = company_create(
        actor=browser_user,
        data=CompanyInput(
            name="Blue Ocean Trading (Pty) Ltd", country=Country.objects.get(code="ZA")
        ),
    )
    unit = browser_user.unit
    person = Person.objects.create(
        unit=unit, unit_path=unit.path, given_names="Mohammed", family_name="Al-Hassan"
    )
    from opencen.matching.indexing import person_index

    person_index([person.pk])  # as every write through the persons services does
    return seizure, company, person


def test_link_a_person_and_a_company_from_the_seizure_page(
    logged_in_page: Page, records, screenshot
):
    page = logged_in_page
    seizure, _company, person = records
    page.goto(f"/seizures/{seizure.pk}/")
    section = page.locator("#involvements")
    expect(section).to_contain_text("No company linked.")

    page.select_option("#company-role", "consignee")
    page.locator("#company-q").press_sequentially("blue oce", delay=30)
    option = page.locator("#company-options li", has_text="Blue Ocean Trading")
    expect(option).to_be_visible()
    with page.expect_navigation():
        option.get_by_role("button", name="Link").click()
    expect(page.locator("#involved-companies")).to_contain_text("Blue Ocean Trading (Pty) Ltd")
    expect(page.locator("#involved-companies")).to_contain_text("Consignee")

    page.select_option("#person-role", "courier")
    page.locator("#person-q").press_sequentially("hassan", delay=30)
    option = page.locator("#person-options li", has_text="AL-HASSAN")
    expect(option).to_be_visible()
    with page.expect_navigation():
        option.get_by_role("button", name="Link").click()
    expect(page.locator("#involved-persons")).to_contain_text("AL-HASSAN")
    expect(page.locator("#involved-persons")).to_contain_text("Courier")
    screenshot(page, "seizure-involvements")

    page.locator("#involved-companies a", has_text="Blue Ocean").click()
    expect(page.locator("#seizures")).to_contain_text(seizure.reference)
    expect(page.locator("#seizures")).to_contain_text("Consignee")
    screenshot(page, "company-detail")

    page.goto(f"/persons/{person.pk}/")
    expect(page.locator("main")).to_contain_text(seizure.reference)
