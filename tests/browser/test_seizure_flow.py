"""A seizure's life through the real pages, in Chromium: an officer records it on the quick
form and submits it, a supervisor validates it, the list filters find it; photos when the
seizure registers its attachments."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencen.accounts.choices import Role
from opencen.seizures.models import Seizure
from tests.browser.conftest import login
from tests.seizures import conftest as seizure_fixtures

# The seizure fixtures (code lists, a ready seizure input), shared with tests/seizures/.
reference_data = seizure_fixtures.reference_data
make_input = seizure_fixtures.make_input


@pytest.fixture
def port_supervisor(make_user, unit_tree):
    return make_user(
        roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="kofi.mensah", first_name="Kofi"
    )


def _sign_out(page: Page) -> None:
    page.context.clear_cookies()


def _fill_quick_form(page: Page) -> None:
    page.goto("/seizures/new/quick/")
    moment = timezone.localtime() - datetime.timedelta(hours=3)
    page.fill("#id_occurred_at", moment.strftime("%Y-%m-%dT%H:%M"))
    # The place search fills the datalist as the officer types.
    page.locator("#id_place").press_sequentially("Durb", delay=30)
    expect(page.locator("#place-options option[value='ZADUR']")).to_have_count(1)
    page.fill("#id_place", "ZADUR")
    # Choosing the commodity reloads the units it allows.
    page.select_option("#id_commodity_type", "cigarettes")
    expect(page.locator("#id_unit option[value='kg']")).to_have_count(0)
    page.select_option("#id_commodity_type", "cocaine")
    expect(page.locator("#id_unit option[value='kg']")).to_have_count(1)
    page.select_option("#id_unit", "kg")
    page.fill("#id_quantity", "12.5")
    page.select_option("#id_detection_method", "xray")
    page.select_option("#id_concealment_method", "compartment")
    page.select_option("#id_conveyance_type", "sea_container")
    page.select_option("#id_departure_country", "BR")
    page.select_option("#id_destination_country", "ZA")


@pytest.mark.usefixtures("reference_data")
def test_quick_form_submit_validate_and_find_it_in_the_list(
    page: Page, browser_user, port_supervisor, screenshot
):
    login(page, browser_user)
    _fill_quick_form(page)
    screenshot(page, "seizure-quick-form")
    with page.expect_navigation():
        page.click("button[name=submit]")

    seizure = Seizure.objects.get()
    expect(page).to_have_url(re.compile(rf"/seizures/{seizure.pk}/$"))
    expect(page.locator(".alert-success")).to_contain_text("submitted for validation")
    expect(page.locator("#workflow-heading + p")).to_contain_text("Submitted")
    expect(page.locator("main")).to_contain_text("Durban")

    _sign_out(page)
    login(page, port_supervisor)
    page.goto(f"/seizures/{seizure.pk}/")
    with page.expect_navigation():
        page.click(".workflow-buttons button:text-is('Validate')")
    expect(page.locator(".alert-success")).to_contain_text("is now validated")
    expect(page.locator("#workflow-heading + p")).to_contain_text("Validated")
    screenshot(page, "seizure-detail-validated")

    page.goto("/seizures/")
    row = page.locator("#seizure-results tbody tr", has_text=seizure.reference)
    expect(row).to_have_count(1)
    # Filters refresh the results in place (htmx) and the URL follows them.
    page.select_option("#id_country", "ZA")
    expect(page).to_have_url(re.compile(r"country=ZA"))
    expect(row).to_have_count(1)
    expect(page.locator("#seizure-results")).to_contain_text("1 seizure match")
    page.select_option("#id_commodity_type", "cigarettes")
    expect(page.locator("#seizure-results")).to_contain_text("No seizure matches these filters.")
    page.select_option("#id_commodity_type", "cocaine")
    page.check("#id_status_2")  # validated
    expect(row).to_have_count(1)
    screenshot(page, "seizure-list-filtered")


@pytest.mark.usefixtures("reference_data")
def test_full_form_adds_and_removes_rows_in_place(page: Page, browser_user, screenshot):
    login(page, browser_user)
    page.goto("/seizures/new/")
    page.click("#add-goods button")
    expect(page.locator("#goods-rows .formset-row")).to_have_count(2)
    expect(page.locator("[name='goods-1-commodity_type']")).to_be_visible()
    page.click("#add-goods button")
    expect(page.locator("[name='goods-2-commodity_type']")).to_be_visible()
    page.locator("#goods-rows .formset-row").nth(1).locator("button", has_text="Remove").click()
    expect(page.locator("#goods-rows .formset-row")).to_have_count(2)
    # Conveyance identifiers follow the type.
    expect(page.locator("[name='conveyances-0-container_number']")).to_be_hidden()
    page.select_option("[name='conveyances-0-type']", "sea_container")
    expect(page.locator("[name='conveyances-0-container_number']")).to_be_visible()
    expect(page.locator("[name='conveyances-0-flight_number']")).to_be_hidden()

    page.fill("#id_occurred_at", "2026-01-10T08:00")
    page.fill("#id_place", "ZADUR")
    page.select_option("[name='goods-0-commodity_type']", "cocaine")
    # The unit select reloads with the units the commodity allows: wait for it.
    expect(page.locator("[name='goods-0-unit'] option[value='sticks']")).to_have_count(0)
    page.select_option("[name='goods-0-unit']", "kg")
    page.fill("[name='goods-0-quantity']", "3")
    page.select_option("[name='goods-2-commodity_type']", "heroin")
    expect(page.locator("[name='goods-2-unit'] option[value='sticks']")).to_have_count(0)
    page.fill("[name='goods-2-quantity']", "1")
    page.select_option("[name='goods-2-unit']", "kg")
    page.fill("[name='conveyances-0-container_number']", "CSQU3054384")  # wrong check digit
    page.select_option("[name='route-0-country']", "BR")
    page.select_option("[name='route-1-country']", "ZA")
    with page.expect_navigation():
        page.click("button[name=draft]")
    screenshot(page, "seizure-full-form-errors")
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    expect(page.locator(".invalid-feedback")).to_contain_text("Check digit")
    expect(page.locator("[name='conveyances-0-container_number']")).to_have_value("CSQU3054384")
    expect(page.locator("[name='goods-2-quantity']")).to_have_value("1")
    page.fill("[name='conveyances-0-container_number']", "CSQU3054383")
    with page.expect_navigation():
        page.click("button[name=draft]")
    seizure = Seizure.objects.get()
    assert [g.commodity_type_id for g in seizure.goods.all()] == ["cocaine", "heroin"]
    assert seizure.conveyances.get().container_number == "CSQU3054383"


def test_officer_adds_a_photo_and_sees_it(page: Page, browser_user, request, tmp_path):
    from opencen.attachments.access import is_registered_owner_type

    if not is_registered_owner_type(Seizure):
        pytest.skip("seizures do not register their attachments yet")
    from PIL import Image

    from opencen.seizures.services import seizure_create

    seizure = seizure_create(actor=browser_user, data=request.getfixturevalue("make_input")())
    photo = tmp_path / "concealment.jpg"
    Image.new("RGB", (640, 480), (180, 120, 60)).save(photo, "JPEG")

    login(page, browser_user)
    page.goto(f"/seizures/{seizure.pk}/")
    page.set_input_files("form.attachment-upload input[type=file]", str(photo))
    page.fill("form.attachment-upload input[name=caption]", "Bricks behind the front wall")
    page.select_option("form.attachment-upload select[name=tag]", "concealment")
    with page.expect_navigation():
        page.click("form.attachment-upload button[type=submit]")
    gallery = page.locator(".attachment-gallery")
    expect(gallery).to_contain_text("Bricks behind the front wall")
    expect(gallery.locator("img")).to_have_count(1)
    assert gallery.locator("img").evaluate("img => img.naturalWidth") > 0

    # The concealment gallery shows it under its concealment method, and opens the seizure.
    method = seizure.concealments.get().method
    page.goto("/seizures/gallery/")
    section = page.locator("section", has=page.get_by_role("heading", name=method.label))
    card = section.locator("a.gallery-card", has_text=seizure.reference)
    expect(card).to_have_count(1)
    assert card.locator("img").evaluate("img => img.naturalWidth") > 0
    page.select_option("#id_concealment_method", method.code)
    expect(page.locator("#gallery-results")).to_contain_text(seizure.reference)
    card = page.locator("a.gallery-card", has_text=seizure.reference)
    with page.expect_navigation():
        card.click()
    expect(page).to_have_url(re.compile(rf"/seizures/{seizure.pk}/$"))
