"""Settings come from the environment; SQLite connections carry OpenCEN's pragmas."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest
from django.db import connection

from opencen.core.db import SQLITE_PRAGMAS
from tests.processes import installation_env


def _opencen(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "opencen.cli", *args],
        env=installation_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
def test_every_sqlite_connection_has_the_pragmas():
    expected = {
        "journal_mode": "wal",
        "foreign_keys": "1",
        "synchronous": "2",
        "cache_size": "-32768",
        "temp_store": "2",
    }
    with connection.cursor() as cursor:
        for name, _value in SQLITE_PRAGMAS:
            if name == "mmap_size":
                continue  # a file's mapping: checked on a real file below
            cursor.execute(f"PRAGMA {name}")
            got = str(cursor.fetchone()[0]).lower()
            if name == "busy_timeout":
                assert int(got) >= 5000
            elif name == "journal_mode" and connection.is_in_memory_db():
                assert got in ("wal", "memory")  # in-memory test databases cannot use WAL
            else:
                assert got == expected[name], name


def test_a_new_sqlite_file_database_gets_wal_and_full_sync(tmp_path):
    """On a real file (what a server uses), WAL, foreign keys and FULL sync are all on, and
    reads go through a memory map and a 32 MiB page cache."""
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print([c.execute(f'PRAGMA {p}').fetchone()[0] for p in "
        "('journal_mode','foreign_keys','synchronous','busy_timeout','cache_size')])\n"
        "print(c.execute('PRAGMA mmap_size').fetchone()[0] > 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=installation_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["['wal',", "1,", "2,", "20000,", "-32768]", "True"]
    assert (tmp_path / "opencen.sqlite3").exists()


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _opencen(
        "check",
        env={"OPENCEN_ENV": "production", "OPENCEN_ALLOWED_HOSTS": "x.org"},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "OPENCEN_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _opencen(
        "check",
        env={"OPENCEN_ENV": "production", "OPENCEN_SECRET_KEY": secrets.token_urlsafe(50)},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "OPENCEN_ALLOWED_HOSTS" in result.stderr


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = _opencen("check", env={"OPENCEN_ENV": "staging"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "OPENCEN_ENV" in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _opencen(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "OPENCEN_ENV": "production",
            "OPENCEN_SECRET_KEY": secrets.token_urlsafe(50),
            "OPENCEN_ALLOWED_HOSTS": "example.org",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_health_check_answers_on_the_server_itself(tmp_path):
    """A monitor on the server can `curl http://127.0.0.1:8000/healthz` in production."""
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz', HTTP_HOST='127.0.0.1:8000')\n"
        "print(r.status_code, r.content.decode())\n"
    )
    env = installation_env(
        tmp_path,
        OPENCEN_ENV="production",
        OPENCEN_SECRET_KEY=secrets.token_urlsafe(50),
        OPENCEN_ALLOWED_HOSTS="cen.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == '200 {"status": "ok"}', result.stderr[-2000:]
