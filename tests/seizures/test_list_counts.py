"""Totals of the seizure list: exact and immediate without filters (the tally), loaded after
the rows with filters (a count fragment), never wrong; the API always answers ``count``."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from opencen.reference.choices import HandlingCode
from opencen.seizures import search
from opencen.seizures import views as seizure_views
from opencen.seizures.services import seizure_create

LIST = reverse("seizures:list")
COUNT = reverse("seizures:count")
API = "/api/v1/seizures/"


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def five(officer, make_input):
    """Five seizures a minute apart, newest last, one of them restricted (H2)."""
    made = []
    for index in range(5):
        data = make_input(handling_code=HandlingCode.H2 if index == 2 else HandlingCode.H0)
        data.occurred_at = timezone.now() - datetime.timedelta(days=1, minutes=10 - index)
        made.append(seizure_create(actor=officer, data=data))
    return made


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.django_db
def test_unfiltered_list_shows_the_exact_total_at_once(officer_client, five):
    body = _text(officer_client.get(LIST, {"per_page": 2}))
    assert "5 seizures" in body
    assert "Page 1 of 3" in body
    assert COUNT not in body


@pytest.mark.django_db
def test_filtered_list_shows_rows_then_loads_its_count(officer_client, five):
    response = officer_client.get(LIST, {"commodity_type": "cocaine", "per_page": 2})
    body = _text(response)
    assert [s.pk for s in response.context["seizures"]] == [five[4].pk, five[3].pk]
    assert "Counting the matching seizures" in body
    assert f'hx-get="{COUNT}?commodity_type=cocaine"' in body
    assert "count=1" in body  # the link for browsers without scripts
    assert "Page 1<" in body and 'rel="next"' in body

    fragment = officer_client.get(COUNT, {"commodity_type": "cocaine"})
    assert fragment.status_code == 200
    assert "<html" not in _text(fragment)
    assert "5 seizures match these filters" in _text(fragment)
    assert "0 seizures match" in _text(officer_client.get(COUNT, {"commodity_type": "khat"}))
    assert "5 seizures<" in _text(officer_client.get(COUNT))


@pytest.mark.django_db
def test_without_scripts_the_count_comes_in_the_page(officer_client, five):
    body = _text(officer_client.get(LIST, {"commodity_type": "cocaine", "per_page": 2, "count": 1}))
    assert "5 seizures match these filters" in body
    assert "Page 1 of 3" in body


@pytest.mark.django_db
def test_the_last_page_knows_its_total_without_counting(officer_client, five):
    body = _text(officer_client.get(LIST, {"commodity_type": "cocaine", "per_page": 2, "page": 3}))
    assert "5 seizures match these filters" in body
    assert "Counting" not in body
    body = _text(officer_client.get(LIST, {"commodity_type": "cocaine"}))
    assert "5 seizures match these filters" in body and "Counting" not in body
    # Past the end: counted, and the last page shown.
    response = officer_client.get(LIST, {"commodity_type": "cocaine", "per_page": 2, "page": 9})
    assert response.context["page_obj"].number == 3
    assert "5 seizures match these filters" in _text(response)


@pytest.mark.django_db
def test_filtered_list_runs_a_fixed_number_of_queries(officer_client, officer, make_input, five):
    params = {"commodity_type": "cocaine", "per_page": 3}
    officer_client.get(LIST, params)  # the first visit reads the filters' code lists
    with CaptureQueriesContext(connection) as few:
        officer_client.get(LIST, params)
    for _ in range(10):
        seizure_create(actor=officer, data=make_input())
    with CaptureQueriesContext(connection) as many:
        officer_client.get(LIST, params)
    assert len(few) == len(many)


@pytest.mark.django_db
def test_count_is_scoped(client, other_officer, five):
    client.force_login(other_officer)
    assert "0 seizures match" in _text(client.get(COUNT, {"commodity_type": "cocaine"}))
    assert "0 seizures" in _text(client.get(COUNT))


@pytest.mark.django_db
def test_free_text_read_newest_first_gives_the_same_page(officer_client, five, monkeypatch):
    expected = officer_client.get(LIST, {"q": "reefer", "per_page": 3}).context["seizures"]
    monkeypatch.setattr(seizure_views, "NEWEST_FIRST_SCAN_FROM", 0)
    monkeypatch.setattr(search, "TEXT_SCAN_FROM", 1)
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(LIST, {"q": "reefer", "per_page": 3})
    assert [s.pk for s in response.context["seizures"]] == [s.pk for s in expected]
    assert [s.pk for s in expected] == [five[4].pk, five[3].pk, five[2].pk]
    if connection.vendor == "sqlite":
        assert any("EXISTS (SELECT 1 FROM seizures_search" in q["sql"] for q in queries)
    page_two = officer_client.get(LIST, {"q": "reefer", "per_page": 3, "page": 2})
    assert [s.pk for s in page_two.context["seizures"]] == [five[1].pk, five[0].pk]
    assert "5 seizures match these filters" in _text(page_two)


@pytest.mark.django_db
def test_api_list_answers_the_exact_count(officer, other_officer, five):
    api = APIClient()
    api.force_authenticate(officer)
    assert api.get(API).json()["count"] == 5
    assert api.get(API, {"page_size": 2}).json()["count"] == 5
    assert api.get(API, {"ordering": "reference"}).json()["count"] == 5
    assert api.get(API, {"commodity_type": "cocaine"}).json()["count"] == 5
    assert api.get(API, {"commodity_type": "khat"}).json()["count"] == 0
    api.force_authenticate(other_officer)
    assert api.get(API).json()["count"] == 0


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "1,234,567 seizures"), ("fr", "1\xa0234\xa0567"), ("pt", "1.234.567")],
)
def test_large_totals_are_grouped_in_the_reader_s_language(language, shown):
    """A million seizures reads as 1,000,000 (in French 1 000 000), not 1000000."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        html = render_to_string("seizures/_list_count.html", {"total": 1234567})
    assert shown in html
    assert "1234567" not in html
