"""Code-list pages: the index and one page per list."""

from __future__ import annotations

import pytest

from opencen.reference.models import CODE_LISTS, ConcealmentMethod


@pytest.fixture
def browser(client, officer):
    client.force_login(officer)
    return client


def test_pages_redirect_anonymous_users_to_login(client, db):
    for url in ("/reference/", "/reference/countries/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_index_links_every_list(browser, reference_data):
    html = browser.get("/reference/").content.decode()
    for name in CODE_LISTS:
        assert f'href="/reference/{name}/"' in html


@pytest.mark.parametrize("name", list(CODE_LISTS))
def test_every_list_page_renders(browser, reference_data, name):
    response = browser.get(f"/reference/{name}/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_and_pagination(browser, reference_data):
    html = browser.get("/reference/places/?q=heathrow&kind=airport&country=GB").content.decode()
    assert "EGLL" in html and "LHR" in html and "1 entry" in html
    second = browser.get("/reference/hs-codes/?level=6&page=2").content.decode()
    assert "Page 2 of" in second
    assert "level=6&amp;page=3" in second


def test_active_filter_on_the_page(browser, reference_data):
    ConcealmentMethod.objects.filter(code="on_body").update(active=False)
    html = browser.get("/reference/concealment-methods/?active=false").content.decode()
    assert "on_body" in html
    assert "in_baggage" not in html


def test_htmx_requests_get_the_table_only(browser, reference_data):
    response = browser.get("/reference/countries/?q=BRA", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "BR" in html
    assert "<html" not in html


def test_an_empty_list_says_how_to_load_it(browser, reference_data):
    ConcealmentMethod.objects.all().delete()
    html = browser.get("/reference/concealment-methods/").content.decode()
    assert "opencen load-reference" in html


def test_an_unknown_list_is_404(browser, db):
    assert browser.get("/reference/planets/").status_code == 404
