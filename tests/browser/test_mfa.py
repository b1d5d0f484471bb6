"""Two-factor authentication through the real pages, in Chromium: enrol, sign out, sign in."""

from __future__ import annotations

import re
from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tests.browser.conftest import login

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def code_from_secret(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed from the page."""
    totp = TOTP(b32decode(secret_text.replace(" ", "")))
    totp.time = totp.time + 30 * steps_ahead
    return f"{totp.token():06d}"


def shoot_both_widths(page: Page, screenshot, name: str) -> None:
    for label, size in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        screenshot(page, f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


def test_enrol_sign_out_and_sign_in_with_a_code(page: Page, browser_user, settings, screenshot):
    settings.MFA_REQUIRED = True

    login(page, browser_user)
    expect(page).to_have_url(re.compile(r"/accounts/mfa/\?next=/$"))
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    expect(page.locator(".mfa-qr svg")).to_be_visible()
    shoot_both_widths(page, screenshot, "mfa-enrol")

    secret = page.inner_text("#mfa-secret")
    page.fill("#id_token", code_from_secret(secret))
    with page.expect_navigation():
        page.click("main button[type=submit]:has-text('Confirm')")
    codes = page.locator(".backup-codes code")
    expect(codes).to_have_count(10)
    shoot_both_widths(page, screenshot, "mfa-backup-codes")
    with page.expect_navigation():
        page.click("text=I have saved my codes")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("h1")).to_contain_text("Amina Diallo")

    page.click(".user-menu .dropdown-toggle")
    with page.expect_navigation():
        page.click(".user-menu button:has-text('Sign out')")

    login(page, browser_user)
    expect(page).to_have_url(re.compile(r"/accounts/mfa/verify/\?next=/$"))
    shoot_both_widths(page, screenshot, "mfa-verify")
    # The enrolment code's time step is spent; the app's next code is accepted.
    page.fill("#id_token", code_from_secret(secret, steps_ahead=1))
    with page.expect_navigation():
        page.click("main button[type=submit]:has-text('Verify')")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("nav")).to_contain_text("Amina Diallo")

    page.goto("/accounts/mfa/")
    expect(page.locator("h1")).to_have_text("Two-factor authentication")
    expect(page.locator("main")).to_contain_text("Unused backup codes")
    shoot_both_widths(page, screenshot, "mfa-status")
