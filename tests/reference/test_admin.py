"""Administration pages of the code lists."""

from __future__ import annotations

import pytest
from django.contrib import admin

from opencen.reference.models import CODE_LISTS, Country, Place


@pytest.fixture
def staff(client, admin_user):
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    return client


def test_every_code_list_is_registered():
    for model in CODE_LISTS.values():
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", list(CODE_LISTS.values()), ids=list(CODE_LISTS))
def test_changelists_render_with_filters(staff, reference_data, model):
    url = f"/admin/reference/{model._meta.model_name}/"
    response = staff.get(url, {"q": "a", "active__exact": "1"})
    assert response.status_code == 200


def test_the_code_is_read_only_once_created(staff, reference_data):
    html = staff.get("/admin/reference/country/BR/change/").content.decode()
    assert 'name="code"' not in html
    assert 'name="label"' in html
    assert 'name="code"' in staff.get("/admin/reference/country/add/").content.decode()


def test_entries_are_deactivated_not_deleted(staff, reference_data):
    response = staff.get("/admin/reference/country/BR/delete/")
    assert response.status_code == 403
    assert Country.objects.filter(code="BR").exists()


def test_place_country_uses_autocomplete(staff, reference_data):
    html = staff.get("/admin/reference/place/add/").content.decode()
    assert "admin-autocomplete" in html
    assert Place._meta.get_field("country").remote_field.model is Country
