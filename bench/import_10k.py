"""Benchmark: import 10,000 seizures from a CSV and from an Excel file (issue 3: under 30 s).

Each run goes through the pages as an officer does (Django's test client, the full middleware
stack): upload the file (read, check and store the rows), then confirm (create the seizures in
one transaction). ``bench/run.py`` calls :func:`scenario_import_10k` after the database is
prepared; ``python bench/import_10k.py`` runs it alone on a fresh temporary installation.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROWS = 10_000
LIMIT_SECONDS = 30.0


def _rows(count: int, seed: int = 3) -> list[dict[str, str]]:
    """Plausible, valid rows from the installed code lists (and 1% with a wrong container)."""
    from django.utils import timezone

    from opencen.reference import models as ref
    from opencen.seizures.importing import COLUMN_NAMES
    from opencen.seizures.validators import iso6346_check_digit

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    commodities = []
    for commodity in ref.CommodityType.objects.filter(active=True).prefetch_related(
        "allowed_units"
    ):
        units = sorted(u.code for u in commodity.allowed_units.all()) or ["kg"]
        commodities.append((commodity.code, units))
    detection = list(ref.DetectionMethod.objects.values_list("code", flat=True))
    concealment = list(ref.ConcealmentMethod.objects.values_list("code", flat=True))
    countries = list(ref.Country.objects.values_list("code", flat=True)[:60])
    places = list(ref.Place.objects.values_list("code", flat=True)[:200]) or [""]
    now = timezone.localtime()
    rows = []
    for number in range(count):
        commodity, units = rng.choice(commodities)
        serial = f"{rng.randrange(10**6):06d}"
        owner = "MSCU" if number % 2 else "CSQU"
        check = iso6346_check_digit(owner + serial)
        if number % 100 == 99:
            check = (check + 1) % 10  # a wrong check digit: a rejected row
        occurred = now.replace(second=0, microsecond=0) - datetime.timedelta(
            minutes=rng.randrange(60 * 24 * 700)
        )
        rows.append(
            {
                "occurred_at": occurred.strftime("%Y-%m-%d %H:%M"),
                "place": rng.choice(places),
                "direction": rng.choice(["import", "export", "transit"]),
                "commodity": commodity,
                "quantity": f"{rng.uniform(0.1, 500):.3f}",
                "unit": rng.choice(units),
                "weight_kg": f"{rng.uniform(0.1, 500):.1f}",
                "description": f"bench row {number}",
                "detection_methods": ";".join(rng.sample(detection, 2)),
                "concealment_method": rng.choice(concealment),
                "conveyance_type": "sea_container",
                "container_number": f"{owner}{serial}{check}",
                "departure_country": rng.choice(countries),
                "destination_country": rng.choice(countries),
                "narrative": "Found during a routine control of the container.",
                "handling_code": "H0",
            }
        )
    return [{name: row.get(name, "") for name in COLUMN_NAMES} for row in rows]


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(rows: list[dict[str, str]]) -> bytes:
    import openpyxl

    # A normal workbook, with shared strings as Excel writes them (openpyxl's write-only mode
    # writes inline strings, which its reader parses about twice as slowly).
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _officer(username: str):
    from django.contrib.auth import get_user_model

    from opencen.accounts.choices import Role, UnitKind
    from opencen.accounts.models import Unit
    from opencen.accounts.services import unit_create, user_set_roles

    unit = Unit.objects.filter(code="BENCH").first()
    if unit is None:
        unit = unit_create(
            actor=None, code="BENCH", name="Bench office", kind=UnitKind.OFFICE, parent=None
        )
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"unit": unit}
    )
    user_set_roles(user=user, roles={Role.OFFICER})
    return user


def _import_once(client, name: str, content: bytes) -> tuple[float, float, int, int, float]:
    """(seconds to read and check, seconds to create, good rows, seizures created, CPU
    seconds of this process)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opencen.seizures.models import ImportBatch

    started, cpu = time.perf_counter(), time.process_time()
    response = client.post("/seizures/import/", {"file": SimpleUploadedFile(name, content)})
    parsed = time.perf_counter()
    if response.status_code != 302:
        raise SystemExit(f"upload answered {response.status_code}")
    batch = ImportBatch.objects.order_by("-created_at").first()
    response = client.post(f"/seizures/import/{batch.pk}/confirm/")
    done = time.perf_counter()
    batch.refresh_from_db()
    if batch.status != "committed":
        raise SystemExit(f"the import ended {batch.status}: {batch.message}")
    cpu_seconds = time.process_time() - cpu
    return parsed - started, done - parsed, batch.ok_count, batch.created_count, cpu_seconds


def scenario_import_10k(context) -> list:
    """Import 10,000 rows from CSV, then from Excel, through the upload and confirm pages."""
    from bench.run import Result

    os.environ.update(context.env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencen.settings")
    import django

    django.setup()
    from django.test import Client

    rows = _rows(ROWS)
    results = []
    for kind, content in (("csv", _csv_bytes(rows)), ("xlsx", _xlsx_bytes(rows))):
        client = Client()
        client.force_login(_officer(f"bench-import-{kind}"))
        parse, commit, good, created, cpu = _import_once(client, f"bench.{kind}", content)
        total = parse + commit
        verdict = "ok" if total < LIMIT_SECONDS else f"OVER {LIMIT_SECONDS:.0f} s"
        results.append(
            Result(
                f"import {ROWS:,} rows ({kind.upper()})",
                f"{total:.1f} s",
                f"read and check {parse:.1f} s, create {created:,} seizures {commit:.1f} s "
                f"({ROWS - good} rows rejected), {len(content) / 2**20:.1f} MB, CPU {cpu:.1f} s; "
                f"{verdict}",
                total,
            )
        )
    return results


def main() -> int:
    """Run alone: a new installation in a temporary directory, migrated and loaded."""
    from bench.run import OPENCEN, Context

    data_dir = Path(tempfile.mkdtemp(prefix="opencen-bench-import-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENCEN_")}
    env.update({"OPENCEN_ENV": "demo", "OPENCEN_DATA_DIR": str(data_dir)})
    try:
        for args in (["migrate", "--noinput"], ["load-reference"]):
            subprocess.run(  # noqa: S603 - our own console script, fixed arguments
                [str(OPENCEN), *args], env=env, cwd=ROOT, check=True, capture_output=True
            )
        for result in scenario_import_10k(Context(env=env, requests=0)):
            print(f"{result.scenario}: {result.value} ({result.detail})")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
