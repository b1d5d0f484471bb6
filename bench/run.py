"""OpenCEN benchmarks: time the scenarios, print a table, write docs/benchmarks.md.

Run with ``make bench`` (or ``.venv/bin/python bench/run.py``). Every run works on a fresh
SQLite database in a temporary data directory, removed afterwards, so it never touches var/.

Scenarios now: the commands that prepare a database (``opencen migrate``, ``opencen
load-reference`` first and second run) and the latency of ``/healthz`` and of the home page of a
signed-in user, through Django's test client (the full middleware stack, no network). Later
issues add scenarios (demo data at scale, lists, search, exchange) to ``SCENARIOS``.

The seizure scenarios (bench/seizures.py) work on a database of ``OPENCEN_BENCH_SEIZURES``
generated seizures (default 1,000,000), made once and kept in ``var/bench/`` for the next runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
RESULTS_DIR = ROOT / "bench" / "results"  # one JSON file per run (gitignored)
OPENCEN = Path(sys.executable).parent / "opencen"
COMMAND = "make bench"


@dataclass
class Result:
    """One line of the table: a scenario and what was measured."""

    scenario: str
    value: str
    detail: str = ""
    seconds: float | None = None


@dataclass
class Context:
    """What scenarios share: the environment of the throw-away installation, the options."""

    env: dict[str, str]
    requests: int
    seizure_requests: int = 40
    #: lines added to the machine facts of the report
    facts: dict[str, str] = field(default_factory=dict)


# --- scenarios -----------------------------------------------------------------------------


def run_command(context: Context, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    """Run ``opencen <args>`` in the benchmark's installation; return seconds and the process."""
    start = time.perf_counter()
    process = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [str(OPENCEN), *args],
        env=context.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return time.perf_counter() - start, process


def timed_command(context: Context, label: str, *args: str) -> Result:
    seconds, process = run_command(context, *args)
    if process.returncode != 0:
        error = (process.stderr.strip().splitlines() or ["no output"])[-1]
        if "Unknown command" in process.stderr:
            return Result(label, "n/a", f"`opencen {' '.join(args)}` does not exist yet")
        raise SystemExit(f"opencen {' '.join(args)} failed ({process.returncode}): {error}")
    return Result(label, f"{seconds:.2f} s", f"`opencen {' '.join(args)}`", seconds)


def scenario_prepare_database(context: Context) -> list[Result]:
    """Migrate a new database, then load the reference data twice (the second run is a no-op)."""
    return [
        timed_command(context, "migrate, empty database", "migrate", "--noinput"),
        timed_command(context, "load-reference, first run", "load-reference"),
        timed_command(context, "load-reference, second run", "load-reference"),
    ]


def _latency(client, path: str, requests: int, label: str = "") -> Result:
    for _ in range(5):  # warm up: templates, connections, caches
        client.get(path)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}")
    timings.sort()
    median = statistics.median(timings) * 1000
    p95 = timings[int(len(timings) * 0.95) - 1] * 1000
    return Result(
        label or f"GET {path}",
        f"{median:.1f} ms median",
        f"p95 {p95:.1f} ms, {len(timings) / sum(timings):.0f} req/s, {requests} requests",
        median / 1000,
    )


def scenario_page_latency(context: Context) -> list[Result]:
    """Latency of /healthz (anonymous) and / (an administrator) through Django's test client."""
    os.environ.update(context.env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencen.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from opencen.accounts.choices import Role
    from opencen.accounts.services import user_set_roles

    # An administrator's home page counts the most things: the heaviest one.
    user, _ = get_user_model().objects.get_or_create(username="bench-admin")
    user_set_roles(user=user, roles={Role.ADMINISTRATOR})
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(user)
    return [
        _latency(anonymous, "/healthz", context.requests),
        _latency(signed_in, "/", context.requests, label="GET / (administrator)"),
    ]


def scenario_import_10k(context: Context) -> list[Result]:
    """Import 10,000 seizures from CSV and from Excel (bench/import_10k.py)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.import_10k import scenario_import_10k as run

    return run(context)


def scenario_seizures(context: Context) -> list[Result]:
    """Generate (or reuse) N seizures, then time lists, search, detail and API (seizures.py)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench import seizures as seizure_bench

    info, measured = seizure_bench.run(requests=context.seizure_requests)
    count, rate = info["seizures"], ""
    if info.get("generator_seconds"):
        rate = f"{count / info['generator_seconds']:,.0f} seizures/s, "
    made = "reused from " + info["data_dir"] + ", made " if info["cached"] else "made "
    results = [
        Result(
            f"generate {count:,} seizures (`opencen demo`)",
            f"{info['demo_seconds']:.0f} s",
            f"{rate}{info.get('rows') or 0:,} rows, CPU {info.get('cpu_seconds')} s, load "
            f"{info['load_average'][0]} -> {info['load_average'][1]} on {info['cores']} cores; "
            f"{made}{info['generated_at']}; database {info['disk_bytes'] / 2**30:.1f} GiB",
            info["demo_seconds"],
        )
    ]
    for row in measured:
        if row["scenario"] == "facts":
            context.facts["seizures"] = (
                f"{row['seizures']:,} generated (seed {info['seed']}), "
                f"{row['visible_to_analyst']:,} visible to the analyst"
            )
        elif "error" in row:
            results.append(Result(row["scenario"], "n/a", row["error"]))
        else:
            verdict = "met" if row["p95_ms"] <= seizure_bench.TARGET_MS else "MISSED"
            results.append(
                Result(
                    row["scenario"],
                    f"p50 {row['p50_ms']:.1f} ms",
                    f"p95 {row['p95_ms']:.1f} ms ({verdict}: p95 <= 100 ms), "
                    f"{row['queries']} queries, {row['requests']} requests",
                    row["p50_ms"] / 1000,
                )
            )
    return results


def scenario_matching(context: Context) -> list[Result]:
    """Person and company matching at 1,000,000 persons, brute-force baseline, screening,
    quality on the labelled set (bench/matching.py)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.matching import scenario_matching as run

    return [Result(**row) for row in run(context)]


#: scenarios in the order they run; each returns its lines of the table
SCENARIOS: list[Callable[[Context], list[Result]]] = [
    scenario_prepare_database,
    scenario_page_latency,
    scenario_seizures,
    scenario_import_10k,
    scenario_matching,
]


# --- machine facts and report --------------------------------------------------------------


def _meminfo_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git_commit() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} (with uncommitted changes)" if dirty else commit


def machine_facts() -> dict[str, str]:
    import django

    return {
        "date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "commit": _git_commit(),
        "CPU": f"{os.cpu_count()} cores, {_cpu_model()}",
        "RAM": _meminfo_gib(),
        "OS": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "SQLite": sqlite3.sqlite_version,
        "database": "SQLite in a new temporary data directory",
    }


def table(results: list[Result]) -> list[str]:
    rows = [("scenario", "result", "detail")] + [(r.scenario, r.value, r.detail) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return lines


def write_report(facts: dict[str, str], results: list[Result], total: float) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{COMMAND}` (bench/run.py); run it again to refresh this page. Each run",
        "starts from an empty SQLite database in a temporary data directory, except the seizure",
        "scenarios (bench/seizures.py): they use `OPENCEN_BENCH_SEIZURES` generated seizures",
        "(default 1,000,000), made once and kept in var/bench/ for the next runs. Times are",
        "server times through Django's test client. Numbers from one machine compare with",
        "numbers from the same machine only; the load average shows what else was running.",
        "",
        "## Machine",
        "",
        *[f"- {name}: {value}" for name, value in facts.items()],
        "",
        "## Results",
        "",
        *table(results),
        "",
        f"Whole run: {total:.1f} s.",
        "",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page (200)")
    parser.add_argument("--no-report", action="store_true", help="do not write the report")
    parser.add_argument(
        "--seizure-requests", type=int, default=40, help="requests per seizure scenario (40)"
    )
    options = parser.parse_args(argv)

    started = time.perf_counter()
    data_dir = Path(tempfile.mkdtemp(prefix="opencen-bench-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith("OPENCEN_")}
    env.update({"OPENCEN_ENV": "demo", "OPENCEN_DATA_DIR": str(data_dir)})
    context = Context(env=env, requests=options.requests, seizure_requests=options.seizure_requests)
    results: list[Result] = []
    try:
        for scenario in SCENARIOS:
            print(f"... {scenario.__name__.removeprefix('scenario_')}", flush=True)
            results.extend(scenario(context))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    total = time.perf_counter() - started

    facts = machine_facts() | context.facts
    print()
    print("\n".join(f"{name}: {value}" for name, value in facts.items()))
    print("\n".join(table(results)))
    print(f"Whole run: {total:.1f} s")
    if not options.no_report:
        write_report(facts, results, total)
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        (RESULTS_DIR / f"{stamp}.json").write_text(
            json.dumps({"machine": facts, "results": [asdict(r) for r in results]}, indent=2)
        )
        print(f"Wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
