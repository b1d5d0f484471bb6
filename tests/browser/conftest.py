"""Browser tests: headless Chromium (Debian's package) driven by Playwright against live_server.

Every test in this folder is marked ``browser``: ``make test`` runs them in their own pass
(``pytest -m browser``) after the SQLite and PostgreSQL passes (``-m "not browser"``).
Playwright never downloads a browser here; it launches ``/usr/bin/chromium`` or
``$OPENCEN_CHROMIUM``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from opencen.accounts.choices import Role
from tests.factories import TEST_PASSWORD

# Serve on the IPv4 loopback, so "nothing loaded from outside 127.0.0.1" is checkable.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

BROWSER_DIR = Path(__file__).resolve().parent
#: screenshots and other artefacts (gitignored)
RESULTS_DIR = BROWSER_DIR.parent.parent / "test-results"
CHROMIUM = os.environ.get("OPENCEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
#: the login form's submit button (the navigation bar has forms and buttons of its own)
SIGN_IN_BUTTON = "form:has(#id_password) button[type=submit]"
#: milliseconds Playwright waits for a page, a selector or a navigation
TIMEOUT_MS = 15_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ ``browser`` (before ``-m`` deselects)."""
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(make test does it as root) or set OPENCEN_CHROMIUM."
        )
    # Playwright's sync API runs an event loop in the test thread; Django would then refuse
    # database access from that thread as "async" code. Set only while the browser runs: a
    # process started from another test (``check --deploy``) must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A fresh browser context (no cookies) whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    yield new_page
    context.close()


def login(page: Page, user, password: str = TEST_PASSWORD) -> Page:
    """Sign ``user`` in through the login form and wait for the page that follows."""
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click(SIGN_IN_BUTTON)
    return page


@pytest.fixture
def browser_user(make_user, unit_tree):
    """An officer of the port office with a recognisable name."""
    return make_user(
        roles={Role.OFFICER},
        unit=unit_tree["port"],
        username="amina.diallo",
        first_name="Amina",
        last_name="Diallo",
    )


@pytest.fixture
def logged_in_page(page: Page, browser_user) -> Page:
    """``page``, signed in as ``browser_user``."""
    return login(page, browser_user)


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page PNG into test-results/: ``screenshot(page, "login")``."""
    RESULTS_DIR.mkdir(exist_ok=True)

    def _save(page: Page, name: str) -> Path:
        path = RESULTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _save
