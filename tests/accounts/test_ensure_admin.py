"""`opencen ensure-admin`: creates the admin account once, then leaves it alone."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from opencen.accounts.choices import Role
from opencen.accounts.models import User

ADMIN_PASSWORD = "a long and private admin password"


def ensure_admin() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ensure_admin", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def log_in(client, password: str) -> int:
    response = client.post("/accounts/login/", {"username": "admin", "password": password})
    return response.status_code


@pytest.fixture
def admin_password(monkeypatch):
    monkeypatch.setenv("OPENCEN_ADMIN_PASSWORD", ADMIN_PASSWORD)
    return ADMIN_PASSWORD


def test_creates_an_administrator_who_signs_in_with_the_configured_password(
    db, client, admin_password
):
    output, _ = ensure_admin()

    admin = User.objects.get(username="admin")
    assert admin.roles == {Role.ADMINISTRATOR}
    assert admin.is_staff and admin.is_superuser and admin.is_active
    assert "OPENCEN_ADMIN_PASSWORD" in output and ADMIN_PASSWORD not in output
    assert log_in(client, ADMIN_PASSWORD) == 302
    assert client.get("/").status_code == 200


def test_a_second_run_changes_nothing(db, client, admin_password, monkeypatch):
    ensure_admin()
    before = User.objects.values().get(username="admin")

    monkeypatch.setenv("OPENCEN_ADMIN_PASSWORD", "another password entirely")
    output, _ = ensure_admin()

    assert output.startswith("admin exists")
    assert "changepassword" in output
    assert User.objects.values().get(username="admin") == before
    assert User.objects.filter(username="admin").count() == 1
    assert log_in(client, ADMIN_PASSWORD) == 302


def test_without_a_password_a_random_one_is_printed_once_in_a_box(db, client, monkeypatch):
    monkeypatch.delenv("OPENCEN_ADMIN_PASSWORD", raising=False)
    output, _ = ensure_admin()

    password = re.search(r"password: (\S+)", output).group(1)
    assert len(password) >= 12
    assert output.count(password) == 1
    lines = output.strip().splitlines()
    assert set(lines[0]) == {"#"} and set(lines[-1]) == {"#"}
    assert all(line.startswith("#") and line.endswith("#") for line in lines)
    assert log_in(client, password) == 302

    again, _ = ensure_admin()
    assert password not in again


def test_the_admin_belongs_to_headquarters_when_units_exist(unit_tree, admin_password):
    output, _ = ensure_admin()
    assert User.objects.get(username="admin").unit == unit_tree["hq"]
    assert "in unit HQ" in output


def test_a_weak_password_is_a_warning_in_demo(db, client, monkeypatch):
    monkeypatch.setenv("OPENCEN_ADMIN_PASSWORD", "short")
    _, errors = ensure_admin()
    assert "does not meet the password rules" in errors
    assert log_in(client, "short") == 302


@override_settings(PRODUCTION=True)
def test_a_weak_password_is_refused_in_production(db, monkeypatch):
    monkeypatch.setenv("OPENCEN_ADMIN_PASSWORD", "short")
    with pytest.raises(CommandError, match="password rules"):
        ensure_admin()
    assert not User.objects.filter(username="admin").exists()
