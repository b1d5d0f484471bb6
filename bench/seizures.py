"""Seizure benchmark: generate N seizures once, then time the pages an officer uses most.

Called by ``bench/run.py`` (``make bench``); N comes from ``OPENCEN_BENCH_SEIZURES`` (default
1,000,000) and the seed from ``OPENCEN_BENCH_SEED`` (default 1).

- **Database, cached.** The seizures live in ``var/bench/seizures-<N>-seed<S>/`` (under the
  project's ``var/``, never committed): made once with ``opencen migrate``, ``opencen
  load-reference`` and ``opencen demo --seizures N --seed S`` (the generation is timed), then
  reused by the next runs with the same N and seed (``opencen migrate`` brings it up to date
  first). ``bench.json`` in that folder records how it was made; ``--fresh`` (or deleting the
  folder) makes it again. A million seizures take about 6 GB of disk.
- **Requests.** In a separate process (Django set up on the cached database), through Django's
  test client: the full middleware stack and view, no network, so the time is server time.
  Each scenario: 5 warm-up requests, then ``--requests`` (default 40) timed ones; p50, p95 and
  the number of SQL queries of one request. Scenarios use an analyst of headquarters (reads
  every seizure not restricted to a unit, the largest lists), and an officer of one office.

Run on its own: ``.venv/bin/python bench/seizures.py`` (prints the table, writes nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_ROOT = ROOT / "var" / "bench"
OPENCEN = Path(sys.executable).parent / "opencen"
DEFAULT_SEIZURES = 1_000_000
TARGET_MS = 100.0


def bench_size() -> tuple[int, int]:
    """N and the seed, from the environment."""
    count = int(os.environ.get("OPENCEN_BENCH_SEIZURES", DEFAULT_SEIZURES))
    seed = int(os.environ.get("OPENCEN_BENCH_SEED", "1"))
    return count, seed


def _env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENCEN_")}
    env.update(
        {
            "OPENCEN_ENV": "demo",
            "OPENCEN_DATA_DIR": str(data_dir),
            # Demo users are never signed in with: the password only has to exist.
            "OPENCEN_DEMO_PASSWORD": "bench-" + os.urandom(8).hex(),
        }
    )
    return env


def _run(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Run ``opencen <args>``; return wall seconds, CPU seconds of the command, its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [str(OPENCEN), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        error = (process.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"opencen {' '.join(args)} failed ({process.returncode}): {error}")
    return seconds, cpu, process.stdout


def _disk_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def prepare(count: int, seed: int, *, fresh: bool = False) -> tuple[Path, dict]:
    """The cached database for ``count`` seizures and ``seed``, made when missing."""
    data_dir = CACHE_ROOT / f"seizures-{count}-seed{seed}"
    marker = data_dir / "bench.json"
    env = _env(data_dir)
    if not fresh and marker.exists():
        info = json.loads(marker.read_text())
        if info.get("seizures") == count and info.get("seed") == seed:
            _run(env, "migrate", "--noinput")
            info["cached"] = True
            info["disk_bytes"] = _disk_size(data_dir)
            return data_dir, info
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    _run(env, "migrate", "--noinput")
    _run(env, "load-reference")
    _run(env, "demo", "--seizures", "0", "--seed", str(seed))  # units, users, places
    load_before = os.getloadavg()[0]
    seconds, cpu, output = _run(env, "demo", "--seizures", str(count), "--seed", str(seed))
    load_after = os.getloadavg()[0]
    rows = re.search(r"Seizures\s.*?([\d.]+) s\s+[\d,]+\s*$", output, re.MULTILINE)
    total_rows = re.search(r"total\s+([\d,]+) rows", output)
    info = {
        "seizures": count,
        "seed": seed,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "demo_seconds": round(seconds, 1),
        "generator_seconds": float(rows.group(1)) if rows else None,
        "cpu_seconds": round(cpu, 1),
        "rows": int(total_rows.group(1).replace(",", "")) if total_rows else None,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "cores": os.cpu_count(),
    }
    info["disk_bytes"] = _disk_size(data_dir)
    marker.write_text(json.dumps(info, indent=2))
    info["cached"] = False
    return data_dir, info


# --- measuring (in a process of its own, Django set up on the cached database) -------------


def _measure(requests: int) -> list[dict]:
    import django

    django.setup()
    from opencen.core.runtime import server_gc_tune

    server_gc_tune()  # as the server does once the application is loaded (opencen/wsgi.py)
    from opencen.core.db import refresh_statistics

    refresh_statistics()  # as `opencen serve` does at each start
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from opencen.accounts.choices import Role
    from opencen.accounts.models import RoleAssignment
    from opencen.seizures.models import Conveyance, Seizure
    from opencen.seizures.selectors import seizure_list

    def user_with(role: Role, unit_prefix: str):
        assignment = (
            RoleAssignment.objects.filter(role=role, user__unit__code__startswith=unit_prefix)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        return assignment.user if assignment else None

    analyst = user_with(Role.ANALYST, "HQ") or user_with(Role.ANALYST, "")
    officer = user_with(Role.OFFICER, "O-PORT") or user_with(Role.OFFICER, "O-")
    results: list[dict] = []

    def timed(label: str, client: Client | None, paths: list[str], call=None) -> None:
        """``paths`` are requested in turn (one, or one per request)."""

        def once(index: int) -> int:
            if call is not None:
                call()
                return 200
            return client.get(paths[index % len(paths)]).status_code

        for index in range(5):
            once(index)
        # Counted with a wrapper: the test client resets connection.queries at each request.
        queries: list[str] = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = once(0)
        if status != 200:
            results.append({"scenario": label, "error": f"HTTP {status} for {paths[0]}"})
            return
        timings = []
        for index in range(requests):
            start = time.perf_counter()
            once(index)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95 + 0.5) - 1)]
        results.append(
            {
                "scenario": label,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(p95, 1),
                "queries": len(queries),
                "requests": requests,
                "path": paths[0] if paths else "",
            }
        )

    analyst_client, officer_client = Client(), Client()
    analyst_client.force_login(analyst)
    if officer:
        officer_client.force_login(officer)
    try:
        list_url = reverse("seizures:list")
    except NoReverseMatch:
        list_url = None
    visible = seizure_list(user=analyst)
    sample = list(visible.order_by("-occurred_at").values_list("pk", flat=True)[:2000:40])
    containers = list(
        Conveyance.objects.exclude(container_number="")
        .order_by("id")
        .values_list("container_number", flat=True)[:400:10]
    )
    latest = visible.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
    year = latest.year if latest else datetime.now(UTC).year
    filtered = (
        f"?commodity_type=cocaine&occurred_after={year - 1}-01-01&occurred_before={year - 1}-12-31"
        "&country=BR"
    )

    try:
        count_url = reverse("seizures:count")
    except NoReverseMatch:
        count_url = None
    if list_url:
        timed("list, first page (analyst, all units)", analyst_client, [list_url])
        if officer:
            timed("list, first page (officer of one office)", officer_client, [list_url])
        timed("list filtered: commodity + year + country", analyst_client, [list_url + filtered])
        if count_url:
            # A filtered page shows its rows first; its exact total comes in a second request.
            timed(
                "count of that filter (loaded after its page)",
                analyst_client,
                [count_url + filtered],
            )
        timed("free text, one word (`scorpion`)", analyst_client, [list_url + "?q=scorpion"])
        if count_url:
            timed(
                "count of `scorpion` (loaded after its page)",
                analyst_client,
                [count_url + "?q=scorpion"],
            )
        timed(
            "free text, a container number as typed",
            analyst_client,
            [f"{list_url}?q={n[:4]}+{n[4:10]}-{n[10]}" for n in containers] or [list_url],
        )
    else:
        results.append({"scenario": "list page", "error": "no seizures:list URL yet"})
    timed(
        "detail page",
        analyst_client,
        [reverse("seizures:detail", args=[pk]) for pk in sample],
    )
    try:
        api_url = reverse("seizures:api-seizure-list")
    except NoReverseMatch:
        api_url = "/api/v1/seizures/"
    probe = analyst_client.get(api_url)
    if probe.status_code == 200:
        timed("API list, first page", analyst_client, [api_url])
        timed("API list filtered: commodity + year + country", analyst_client, [api_url + filtered])
    else:
        results.append({"scenario": "API list", "error": f"{api_url} answered {probe.status_code}"})
    timed("COUNT(*) of the analyst's seizures", None, [], call=lambda: visible.count())
    results.append(
        {
            "scenario": "facts",
            "seizures": Seizure.objects.count(),
            "visible_to_analyst": visible.count(),
        }
    )
    return results


def measure(data_dir: Path, requests: int) -> list[dict]:
    """Run :func:`_measure` in a new process on ``data_dir``; its results."""
    env = _env(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "opencen.settings"
    process = subprocess.run(  # noqa: S603 - this file, fixed arguments
        [sys.executable, __file__, "_measure", "--requests", str(requests)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if process.returncode != 0:
        raise SystemExit(f"seizure benchmark failed:\n{process.stderr[-3000:]}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def run(*, requests: int = 40, fresh: bool = False) -> tuple[dict, list[dict]]:
    """Prepare (or reuse) the database and measure; (generation facts, measurements)."""
    count, seed = bench_size()
    data_dir, info = prepare(count, seed, fresh=fresh)
    info["data_dir"] = str(data_dir.relative_to(ROOT))
    return info, measure(data_dir, requests)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", nargs="?", default="run", choices=["run", "_measure"])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--fresh", action="store_true", help="generate the database again")
    options = parser.parse_args(argv)
    if options.action == "_measure":
        print(json.dumps(_measure(options.requests)))
        return 0
    info, results = run(requests=options.requests, fresh=options.fresh)
    print(json.dumps(info, indent=2))
    for row in results:
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
