"""Investigations in Chromium: a supervisor opens an investigation and assigns an officer; the
officer finds it under "My investigations" and adds a journal entry."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from opencen.accounts.choices import Role
from opencen.investigations.models import Investigation, JournalEntry
from tests.browser.conftest import login

#: Where the pictures of the pages go when asked for (never into the repository).
SHOTS = os.environ.get("OPENCEN_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_supervisor_assigns_and_the_officer_adds_to_the_journal(page: Page, make_user, unit_tree):
    supervisor = make_user(
        roles={Role.SUPERVISOR},
        unit=unit_tree["port"],
        username="grace.mensah",
        first_name="Grace",
        last_name="Mensah",
    )
    make_user(
        roles={Role.OFFICER},
        unit=unit_tree["port"],
        username="joao.silva",
        first_name="João",
        last_name="Silva",
    )
    login(page, supervisor)
    page.get_by_role("link", name="Investigations", exact=True).click()
    expect(page.get_by_text("No alert or investigation yet.")).to_be_visible()
    _shot(page, "investigations-empty")
    page.get_by_role("link", name="Open an investigation").first.click()
    page.get_by_label("Title").fill("Cocaine couriers on the Lagos flight")
    page.get_by_label("Summary").fill("Three couriers in two weeks, same organiser suspected.")
    page.get_by_label("Priority").select_option("high")
    _shot(page, "investigation-form")
    page.get_by_role("button", name="Open").click()

    # Sent on to the assignment.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assign")
    page.get_by_label("João Silva (PORT)").check()
    _shot(page, "investigation-assign")
    page.get_by_role("button", name="Save the assignment").click()
    expect(page.get_by_text("assignment saved")).to_be_visible()
    page.get_by_role("button", name="Start work").click()
    expect(page.get_by_text("is now active")).to_be_visible()
    investigation = Investigation.objects.get()
    assert investigation.status == "active"

    page.context.clear_cookies()
    officer = investigation.officers.get()
    login(page, officer)
    page.get_by_role("link", name="Investigations", exact=True).click()
    page.get_by_role("link", name="My investigations").click()
    row = page.get_by_role("link", name=investigation.reference)
    expect(row).to_be_visible()
    _shot(page, "investigations-mine")
    row.click()
    page.get_by_label("Action taken").check()
    page.get_by_label("Entry").fill("Checked the passenger list: the organiser flew on 3 May.")
    page.get_by_role("button", name="Add to the journal").click()
    expect(page.get_by_text("The entry was added to the journal.")).to_be_visible()
    journal = page.locator("#journal")
    expect(journal).to_contain_text("Checked the passenger list")
    expect(journal).to_contain_text("João Silva")
    _shot(page, "investigation-detail")
    entry = JournalEntry.objects.get(kind="action", created_by=officer)
    assert entry.investigation_id == investigation.pk


@pytest.mark.django_db(transaction=True)
def test_supervisor_keeps_one_person_and_erases_another_from_the_review_queue(
    page: Page, make_user, unit_tree
):
    import datetime

    from django.utils import timezone

    from opencen.persons.models import Person
    from opencen.persons.retention import is_erased

    supervisor = make_user(roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="rev.sup")
    today = timezone.localdate()
    kept, erased = (
        Person.objects.create(
            unit=unit_tree["port"],
            unit_path=unit_tree["port"].path,
            given_names=given,
            family_name=family,
            review_due=today - datetime.timedelta(days=days),
        )
        for given, family, days in (("Kofi", "Boateng", 40), ("Lina", "Haddad", 3))
    )
    login(page, supervisor)
    page.get_by_role("link", name="Data review").click()
    expect(page.get_by_text("2 persons to review")).to_be_visible()
    _shot(page, "review-queue")
    first = page.locator("tr", has_text="BOATENG")
    first.get_by_text("Keep…").click()
    first.get_by_label("Why is the record still needed?").fill("Open case PORT-INV-2026-0001")
    first.get_by_role("button", name="Keep and set the next review").click()
    expect(page.get_by_text("is kept; next review on")).to_be_visible()
    page.locator("tr", has_text="HADDAD").get_by_role("link", name="Erase…").click()
    page.get_by_label("Reason for erasure").fill("No longer linked to any case")
    page.get_by_label("I understand").check()
    _shot(page, "review-erase")
    page.get_by_role("button", name="Erase the personal data").click()
    expect(page.get_by_text("Nobody is due for review.")).to_be_visible()
    kept.refresh_from_db()
    erased.refresh_from_db()
    assert kept.review_due > today and kept.family_name == "Boateng"
    assert is_erased(erased)
