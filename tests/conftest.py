"""Fixtures shared by every test module."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from opencen.accounts.choices import Role, UnitKind
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def unit_tree(db):
    """Headquarters > North region > two offices, and a South region with one office."""
    hq = UnitFactory(code="HQ", name="Headquarters", kind=UnitKind.HEADQUARTERS)
    north = UnitFactory(code="NORTH", name="North region", kind=UnitKind.REGION, parent=hq)
    south = UnitFactory(code="SOUTH", name="South region", kind=UnitKind.REGION, parent=hq)
    return {
        "hq": hq,
        "north": north,
        "south": south,
        "port": UnitFactory(code="PORT", name="Port office", parent=north),
        "airport": UnitFactory(code="AIR", name="Airport office", parent=north),
        "border": UnitFactory(
            code="BORDER", name="Border post", kind=UnitKind.BORDER_POST, parent=south
        ),
    }


@pytest.fixture
def make_user(db):
    """Make a user: ``make_user(roles={Role.OFFICER}, unit=...)``."""

    def _make(*, roles=(), unit=None, **kwargs):
        if unit is not None:
            kwargs["unit"] = unit
        return UserFactory(roles=set(roles), **kwargs)

    return _make


@pytest.fixture
def admin_user(make_user, unit_tree):
    return make_user(
        roles={Role.ADMINISTRATOR}, unit=unit_tree["hq"], username="admin-test", is_staff=True
    )


@pytest.fixture
def officer(make_user, unit_tree):
    return make_user(roles={Role.OFFICER}, unit=unit_tree["port"], username="officer-test")


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture(autouse=True)
def _audit_triggers_allow_flush(request):
    """Tests that flush the database (live server, transactional) must get past the
    append-only audit triggers: put them back before the test, drop them before the flush."""
    names = request.fixturenames
    if "transactional_db" not in names and "live_server" not in names:
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.db import connection

    from opencen.audit.triggers import drop_triggers, install_triggers

    install_triggers(connection)
    yield
    drop_triggers(connection)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 costs about 0.2 s per hash by design; tests hash one per user they make.
    (tests/accounts/test_passwords.py checks that the real settings use Argon2.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
