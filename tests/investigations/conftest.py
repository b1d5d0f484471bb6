"""Fixtures for the investigation tests: a supervisor, officers and an analyst in the unit tree."""

from __future__ import annotations

import pytest

from opencen.accounts.choices import Role
from opencen.investigations.services import InvestigationInput, investigation_create


@pytest.fixture
def supervisor(make_user, unit_tree):
    return make_user(
        roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="sup-port", first_name="Sara"
    )


@pytest.fixture
def region_supervisor(make_user, unit_tree):
    return make_user(roles={Role.SUPERVISOR}, unit=unit_tree["north"], username="sup-north")


@pytest.fixture
def port_officer(make_user, unit_tree):
    return make_user(
        roles={Role.OFFICER}, unit=unit_tree["port"], username="off-port", first_name="Omar"
    )


@pytest.fixture
def other_officer(make_user, unit_tree):
    """An officer of the same office, not assigned."""
    return make_user(roles={Role.OFFICER}, unit=unit_tree["port"], username="off-port-2")


@pytest.fixture
def border_supervisor(make_user, unit_tree):
    return make_user(roles={Role.SUPERVISOR}, unit=unit_tree["border"], username="sup-border")


@pytest.fixture
def analyst(make_user, unit_tree):
    return make_user(roles={Role.ANALYST}, unit=unit_tree["hq"], username="analyst")


@pytest.fixture
def make_investigation(supervisor):
    def _make(*, actor=None, officers=(), **fields):
        fields.setdefault("title", "Cocaine couriers through the port")
        return investigation_create(
            actor=actor or supervisor, data=InvestigationInput(**fields), officers=officers
        )

    return _make


@pytest.fixture
def investigation(make_investigation, port_officer):
    return make_investigation(officers=[port_officer])
