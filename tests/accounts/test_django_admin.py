"""The Django admin site lists users (with their roles) and units, and keeps unit paths right."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import Unit


@pytest.fixture
def superuser_client(client, make_user, unit_tree):
    user = make_user(
        roles={Role.ADMINISTRATOR}, unit=unit_tree["hq"], is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


def test_user_and_unit_pages_open(superuser_client, officer, unit_tree):
    for url in [
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[officer.pk]),
        reverse("admin:accounts_unit_changelist"),
        reverse("admin:accounts_unit_change", args=[unit_tree["port"].pk]),
    ]:
        assert superuser_client.get(url).status_code == 200, url
    listing = superuser_client.get(reverse("admin:accounts_user_changelist"))
    assert "Officer" in listing.content.decode()


def test_moving_a_unit_in_the_admin_updates_paths(superuser_client, unit_tree):
    north = unit_tree["north"]
    response = superuser_client.post(
        reverse("admin:accounts_unit_change", args=[north.pk]),
        {
            "code": "NORTH",
            "name": "North region",
            "kind": UnitKind.REGION,
            "parent": unit_tree["south"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="PORT").path == "HQ/SOUTH/NORTH/PORT/"
