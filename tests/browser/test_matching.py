"""Matching in Chromium: typing a known suspect's name on the new-person form shows the
existing person with its score and why; the same for a company on the new-company form; the
person search page finds a name typed in Arabic script."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencen.companies.services import CompanyInput, company_create
from opencen.persons.services import DocumentInput, PersonInput, person_create
from tests.persons import conftest as person_fixtures

countries = person_fixtures.countries


@pytest.fixture
def suspect(browser_user, countries):
    return person_create(
        actor=browser_user,
        data=PersonInput(
            given_names="Mohammed",
            family_name="Al-Hassan",
            birth_date="1984-03-02",
            nationalities=[countries["SD"]],
            documents=[DocumentInput(type="passport", number="P01234567")],
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_typing_a_known_suspects_name_shows_the_existing_person(logged_in_page: Page, suspect):
    page = logged_in_page
    page.goto("/persons/new/")
    matches = page.locator("#person-matches")
    expect(matches).to_contain_text("appear here as you type")
    page.locator("#id_given_names").press_sequentially("Muhammad", delay=20)
    page.locator("#id_family_name").press_sequentially("Alhasan", delay=20)
    page.locator("#id_birth_date").press_sequentially("1984", delay=20)
    expect(matches).to_contain_text("Mohammed AL-HASSAN")
    expect(matches).to_contain_text("birth year agrees (1984)")
    link = matches.get_by_role("link", name="Open Mohammed AL-HASSAN")
    expect(link).to_have_attribute("href", f"/persons/{suspect.pk}/")
    # Nothing was recorded while typing.
    assert page.url.endswith("/persons/new/")


@pytest.mark.django_db(transaction=True)
def test_typing_a_known_company_shows_it_whatever_the_legal_form(
    logged_in_page: Page, browser_user, countries
):
    company = company_create(
        actor=browser_user,
        data=CompanyInput(name="BLUE OCEAN TRADING PROPRIETARY LIMITED", country=countries["ZA"]),
    )
    page = logged_in_page
    page.goto("/companies/new/")
    page.locator("#id_name").press_sequentially("Blue Ocean Trading (Pty) Ltd", delay=10)
    matches = page.locator("#company-matches")
    expect(matches).to_contain_text("BLUE OCEAN TRADING PROPRIETARY LIMITED")
    link = matches.get_by_role("link", name="Open BLUE OCEAN TRADING PROPRIETARY LIMITED")
    expect(link).to_have_attribute("href", f"/companies/{company.pk}/")


@pytest.mark.django_db(transaction=True)
def test_person_search_page_finds_a_name_typed_in_arabic(logged_in_page: Page, suspect):
    page = logged_in_page
    page.goto("/matching/persons/")
    page.locator("#id_name").fill("محمد الحسن")
    page.locator("#id_name").press("Enter")
    results = page.locator("#match-results")
    expect(results.get_by_role("link", name="Mohammed AL-HASSAN")).to_be_visible()
    expect(results).to_contain_text("name 0.")


@pytest.mark.django_db(transaction=True)
def test_from_a_seizure_the_existing_person_is_linked_instead_of_recorded_again(
    logged_in_page: Page, browser_user, suspect
):
    from django.utils import timezone

    from opencen.persons.models import Person, SeizurePerson
    from opencen.seizures.services import SeizureInput, seizure_create

    seizure = seizure_create(
        actor=browser_user, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    persons_before = Person.objects.count()
    page = logged_in_page
    page.goto(f"/persons/new/?seizure={seizure.pk}&role=courier")
    page.locator("#id_family_name").press_sequentially("AL HASSAN", delay=20)
    page.locator("#id_given_names").press_sequentially("Mohamed", delay=20)
    button = page.locator("#person-matches").get_by_role(
        "button", name=f"Link this one to {seizure.reference}"
    )
    expect(button).to_be_visible()
    button.click()
    page.wait_for_url(f"**/seizures/{seizure.pk}/**")
    expect(page.locator("body")).to_contain_text("Mohammed AL-HASSAN")
    assert SeizurePerson.objects.filter(seizure=seizure, person=suspect, role="courier").exists()
    assert Person.objects.count() == persons_before
