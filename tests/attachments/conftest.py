"""Fixtures of the attachments tests: a media folder per test, units as attachment owners."""

from __future__ import annotations

import pytest

from opencen.accounts.choices import Role
from opencen.accounts.models import Unit
from opencen.attachments.access import register_owner, unregister_owner


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _sees(user, unit: Unit) -> bool:
    """A unit is visible to users of that unit and of the units above it."""
    return user.unit_id is not None and unit.path.startswith(user.unit.path)


@pytest.fixture
def unit_owners():
    """Let units carry attachments, for the tests only: no model is made just for tests."""
    register_owner(
        Unit,
        can_view=_sees,
        can_change=lambda user, unit: _sees(user, unit) and user.has_role(Role.OFFICER),
    )
    yield
    unregister_owner(Unit)


@pytest.fixture
def owner(unit_owners, unit_tree):
    return unit_tree["port"]


@pytest.fixture
def outsider(make_user, unit_tree):
    """An officer of another branch of the tree, who may not see the port office."""
    return make_user(roles={Role.OFFICER}, unit=unit_tree["border"], username="outsider")


@pytest.fixture
def reader(make_user, unit_tree):
    """An analyst above the port office: may see it, may not change its attachments."""
    return make_user(roles={Role.ANALYST}, unit=unit_tree["north"], username="reader")


def stored_files(media_root) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )
