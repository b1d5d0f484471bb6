"""Signing in through the real pages, in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import SIGN_IN_BUTTON, login
from tests.factories import TEST_PASSWORD

LOGIN_URL = re.compile(r"/accounts/login/")


def test_anonymous_user_is_sent_to_login_then_lands_home(page: Page, live_server, browser_user):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))

    page.fill("#id_username", browser_user.username)
    page.fill("#id_password", TEST_PASSWORD)
    with page.expect_navigation():
        page.click(SIGN_IN_BUTTON)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_contain_text("Amina Diallo")
    expect(page.locator("nav")).to_contain_text("Amina Diallo")


def test_wrong_password_shows_an_error_and_stays_on_login(page: Page, browser_user):
    login(page, browser_user, password="not the password at all")

    expect(page).to_have_url(LOGIN_URL)
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value(browser_user.username)
    expect(page.locator("nav")).not_to_contain_text("Amina Diallo")


def test_pages_load_nothing_from_outside_the_loopback(page: Page, browser_user):
    requested: list[str] = []

    def remember(request: Request) -> None:
        requested.append(request.url)

    page.on("request", remember)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    login(page, browser_user)
    page.wait_for_load_state("networkidle")

    assert requested, "the request listener saw nothing"
    assert any(url.endswith(".css") for url in requested), "no stylesheet was loaded"
    outside = [
        url
        for url in requested
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert outside == []


def test_screenshots_of_login_and_home(page: Page, browser_user, screenshot):
    """Saves test-results/{login,login-error,home,home-phone}.png for a person to look at."""
    page.goto("/accounts/login/")
    expect(page.locator("#id_username")).to_be_visible()
    login_png = screenshot(page, "login")

    login(page, browser_user, password="not the password at all")
    expect(page.locator(".alert-danger")).to_be_visible()
    error_png = screenshot(page, "login-error")

    login(page, browser_user)
    expect(page.locator("h1")).to_contain_text("Amina Diallo")
    home_png = screenshot(page, "home")
    page.set_viewport_size({"width": 390, "height": 844})
    phone_png = screenshot(page, "home-phone")

    for path in (login_png, error_png, home_png, phone_png):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
