"""No page shows anything to an anonymous visitor; the API answers 401."""

from __future__ import annotations

import pytest

from opencen.core.testing.urls import iter_project_urls

#: Paths an anonymous visitor may reach: the health check, the login page, language switch.
PUBLIC = ("/healthz", "/accounts/login/", "/i18n/")

PAGE_URLS = [
    url
    for url in iter_project_urls()
    if not url.path.startswith(("/api/", *PUBLIC)) and url.route != "static/"
]
API_URLS = [url for url in iter_project_urls() if url.path.startswith("/api/")]


def test_the_walk_finds_pages_and_api_endpoints():
    assert any(url.name == "core:home" for url in PAGE_URLS)
    assert any(url.name == "api-schema" for url in API_URLS)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGE_URLS, ids=lambda url: url.route or "/")
def test_every_page_redirects_an_anonymous_visitor_to_login(client, url):
    response = client.get(url.path)
    assert response.status_code == 302, url.path
    assert response["Location"].startswith("/accounts/login/?next="), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", API_URLS, ids=lambda url: url.route)
def test_every_api_endpoint_refuses_an_anonymous_client(api_client, url):
    response = api_client.get(url.path)
    assert response.status_code == 401, (url.path, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        assert response.json()["error"]["status"] == 401
