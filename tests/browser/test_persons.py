"""Persons in Chromium: merging two records of the same person through the merge page leaves
one person with both names and all seizures; a seizure linked from the person's page shows
on it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencen.persons.models import Person, SeizurePerson
from opencen.persons.services import AliasInput, PersonInput, person_create, seizure_person_add
from opencen.seizures.services import SeizureInput, seizure_create
from tests.persons import conftest as person_fixtures

countries = person_fixtures.countries


def _seizure(actor):
    return seizure_create(
        actor=actor, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )


@pytest.mark.django_db(transaction=True)
def test_merging_two_duplicates_keeps_both_names_and_all_seizures(
    logged_in_page: Page, browser_user, countries, screenshot
):
    page = logged_in_page
    survivor = person_create(
        actor=browser_user,
        data=PersonInput(
            given_names="Mohammed",
            family_name="Al-Hassan",
            birth_date="1984-03-02",
            nationalities=[countries["SD"]],
            aliases=[AliasInput(name="Abu Ali", type="nickname")],
        ),
    )
    duplicate = person_create(
        actor=browser_user,
        data=PersonInput(
            given_names="Muhammad",
            family_name="Alhasan",
            birth_date="1984",
            name_original="محمد الحسن",
        ),
    )
    first, second = _seizure(browser_user), _seizure(browser_user)
    seizure_person_add(actor=browser_user, seizure=first, person=survivor, role="courier")
    seizure_person_add(actor=browser_user, seizure=second, person=duplicate, role="organiser")

    page.goto(f"/persons/{survivor.pk}/")
    page.get_by_role("link", name="Merge with…").click()
    page.locator("#merge-lookup").press_sequentially("Alhasan", delay=30)
    candidate = page.locator("#merge-candidates a", has_text="ALHASAN")
    expect(candidate).to_be_visible()
    candidate.click()
    expect(page.get_by_text("Keep this record").first).to_be_visible()
    screenshot(page, "persons-merge")
    with page.expect_navigation():
        page.get_by_role("button", name="Merge these two records").click()

    expect(page).to_have_url(re.compile(rf"/persons/{survivor.pk}/$"))
    expect(page.locator(".alert-success")).to_contain_text("was merged into")
    identity = page.locator("section[aria-labelledby=identity-heading]")
    expect(identity).to_contain_text("Al-Hassan")
    expect(identity).to_contain_text("Muhammad Alhasan")
    expect(identity).to_contain_text("محمد الحسن")
    seizures = page.locator("#seizures")
    expect(seizures).to_contain_text(first.reference)
    expect(seizures).to_contain_text(second.reference)
    screenshot(page, "persons-merged")

    assert Person.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk
    assert SeizurePerson.objects.filter(person=survivor).count() == 2
    # The duplicate's page now leads to the survivor.
    page.goto(f"/persons/{duplicate.pk}/")
    expect(page).to_have_url(re.compile(rf"/persons/{survivor.pk}/$"))


@pytest.mark.django_db(transaction=True)
def test_a_seizure_linked_from_the_person_page_shows_on_it(
    logged_in_page: Page, browser_user, countries
):
    page = logged_in_page
    person = person_create(
        actor=browser_user, data=PersonInput(given_names="Ivan", family_name="Petrov")
    )
    seizure = _seizure(browser_user)
    page.goto(f"/persons/{person.pk}/")
    page.fill("#id_reference", seizure.reference)
    page.select_option("#id_role", "driver")
    with page.expect_navigation():
        page.get_by_role("button", name="Link", exact=True).click()
    seizures = page.locator("#seizures")
    expect(seizures).to_contain_text(seizure.reference)
    expect(seizures).to_contain_text("Driver")


@pytest.mark.django_db(transaction=True)
def test_typing_a_known_name_on_the_new_person_form_shows_the_existing_person(
    logged_in_page: Page, browser_user, countries
):
    page = logged_in_page
    known = person_create(
        actor=browser_user,
        data=PersonInput(
            given_names="Mohammed",
            family_name="Al-Hassan",
            birth_date="1984-03-02",
            nationalities=[countries["SD"]],
        ),
    )
    page.goto("/persons/new/")
    page.locator("#id_family_name").press_sequentially("Alhasan", delay=20)
    page.locator("#id_given_names").press_sequentially("Muhammad", delay=20)
    matches = page.locator("#person-matches")
    expect(matches).to_contain_text("AL-HASSAN")
    expect(matches.locator(f"a[href='/persons/{known.pk}/']").first).to_be_visible()
