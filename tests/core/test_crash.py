"""A writer killed mid-transaction leaves a whole SQLite database: committed work kept whole,
the interrupted transaction gone, the audit chain intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.processes import installation_env

WRITER = r"""
import django, os, sys
django.setup()
from django.db import transaction
from opencen.accounts.models import Unit
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record

n = 0
while True:
    with transaction.atomic():
        unit = Unit(code=f"C{n:06d}", name=f"Crash unit {n}", kind="office", path=f"C{n:06d}/")
        unit.save()
        # A few more rows in the same transaction, so a kill often lands inside one.
        for step in range(3):
            audit_record(actor=None, event_type=AuditEventType.UNIT_CREATED, target=unit,
                         details={"step": step})
    n += 1
    if n == 20:
        print("writing", flush=True)
"""


def _env(data_dir) -> dict[str, str]:
    return installation_env(data_dir)


@pytest.mark.skipif(
    bool(os.environ.get("OPENCEN_DATABASE_URL")), reason="SQLite file test; ran in the SQLite pass"
)
@pytest.mark.parametrize("run", range(3))
def test_sigkill_mid_transaction_keeps_the_database_whole(tmp_path, run):
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "opencen.cli", "migrate", "-v0"], env=env, check=True, timeout=120
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        time.sleep(0.3 + 0.37 * run)  # land the kill at different points
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL

    database = sqlite3.connect(tmp_path / "opencen.sqlite3")
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    units = database.execute("SELECT count(*) FROM accounts_unit").fetchone()[0]
    events = database.execute(
        "SELECT target_id, count(*) FROM audit_auditevent GROUP BY target_id"
    ).fetchall()
    database.close()
    assert units >= 20
    # Every committed unit has all three of its events; no event of an uncommitted unit.
    assert len(events) == units
    assert {count for _target, count in events} == {3}

    verify = subprocess.run(
        [sys.executable, "-m", "opencen.cli", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stderr
    assert f"{units * 3} events" in verify.stdout
