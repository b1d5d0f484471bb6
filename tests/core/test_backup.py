"""`opencen backup` and `opencen restore`: consistent archives, verified restores, refusals.

These need real database files and databases, not pytest-django's in-memory one: every
command runs as a subprocess against its own data folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from opencen.core.backup import DATABASE_MEMBERS, MANIFEST_NAME
from tests.processes import installation_env

SQLITE_MEMBER = DATABASE_MEMBERS["sqlite"]
PHOTO_MEMBER = "media/attachments/2025/photo.jpg"
NOTE_MEMBER = "media/attachments/note.txt"

#: Makes a small installation: two units, three users, audit events, two media files.
SEED = """
import os, sys
import django
django.setup()
from pathlib import Path
from django.conf import settings
from opencen.accounts.models import Unit, User
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record

hq = Unit.objects.create(code="HQ", name="Headquarters", kind="headquarters", path="HQ")
port = Unit.objects.create(code="PORT", name="Port office", kind="office", path="HQ/PORT")
for n in range(3):
    user = User.objects.create(username=f"officer{n}", unit=port if n else hq)
    for k in range(10):
        audit_record(actor=user, event_type=AuditEventType.RECORD_VIEWED, target=port,
                     purpose=f"case {n}-{k}", details={"n": n, "k": k})
media = Path(settings.MEDIA_ROOT) / "attachments"
(media / "2025").mkdir(parents=True)
(media / "2025" / "photo.jpg").write_bytes(os.urandom(150_000))
(media / "note.txt").write_text("seized at the port")
"""

#: Appends audit events, one transaction each, until the stop file appears.
WRITER = """
import sys, time
import django
django.setup()
from pathlib import Path
from opencen.accounts.models import User
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record

stop = Path(sys.argv[1])
user = User.objects.first()
deadline = time.monotonic() + 20
n = 0
while not stop.exists() and time.monotonic() < deadline:
    audit_record(actor=user, event_type=AuditEventType.SEARCH, purpose=f"writer {n}",
                 details={"n": n, "padding": "x" * 500})
    n += 1
    if n == 20:
        print("writing", flush=True)
print(n, flush=True)
"""


def _environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    environment = installation_env(data_dir, OPENCEN_ENV="demo")
    if database_url:
        environment["OPENCEN_DATABASE_URL"] = database_url
    return environment


def _opencen_command(*args: str) -> list[str]:
    """``python -m opencen.cli ...``, measured by coverage when this test run is."""
    try:
        import coverage
    except ImportError:  # pragma: no cover
        return [sys.executable, "-m", "opencen.cli", *args]
    current = coverage.Coverage.current()
    if current is None:
        return [sys.executable, "-m", "opencen.cli", *args]
    # Parallel data files next to the run's own: pytest-cov combines them at the end.
    measured = [
        sys.executable,
        "-m",
        "coverage",
        "run",
        "--parallel-mode",
        f"--data-file={os.path.abspath(current.config.data_file)}",
    ]
    if current.config.config_file:
        measured.append(f"--rcfile={current.config.config_file}")
    return [*measured, "-m", "opencen.cli", *args]


def _opencen(
    *args: str, data_dir: Path, database_url: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        _opencen_command(*args),
        env=_environment(data_dir, database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _python(script: str, *args: str, data_dir: Path, database_url: str | None = None) -> None:
    _ok(
        subprocess.run(
            [sys.executable, "-c", script, *args],
            env=_environment(data_dir, database_url),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sqlite_counts(path: Path) -> dict[str, int]:
    database = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' "
                # A full-text index is counted through its own shadow tables, as the backup does.
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        query = 'SELECT count(*) FROM "{}"'
        return {t: database.execute(query.format(t)).fetchone()[0] for t in tables}
    finally:
        database.close()


def _manifest(archive: Path) -> dict:
    with zipfile.ZipFile(archive) as opened:
        return json.loads(opened.read(MANIFEST_NAME))


def _rewrite(source: Path, target: Path, *, drop=(), add=None, manifest_change=None) -> Path:
    """Copy an archive member by member, dropping, adding or editing some."""
    with zipfile.ZipFile(source) as reader, zipfile.ZipFile(target, "w") as writer:
        for info in reader.infolist():
            if info.filename in drop:
                continue
            data = reader.read(info)
            if info.filename == MANIFEST_NAME and manifest_change:
                manifest = json.loads(data)
                manifest_change(manifest)
                data = json.dumps(manifest).encode()
            writer.writestr(info, data)
        for name, data in (add or {}).items():
            writer.writestr(name, data)
    return target


def _flip_byte_in(source: Path, target: Path, *, member: str) -> Path:
    """Copy the archive with one byte changed in the middle of ``member``'s stored data."""
    raw = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as opened:
        info = opened.getinfo(member)
    header = info.header_offset
    name_length = int.from_bytes(raw[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(raw[header + 28 : header + 30], "little")
    data_start = header + 30 + name_length + extra_length
    raw[data_start + info.compress_size // 2] ^= 0x5A
    target.write_bytes(bytes(raw))
    return target


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A migrated, seeded SQLite installation and one archive of it."""
    data_dir = tmp_path_factory.mktemp("source")
    _ok(_opencen("migrate", "--noinput", "-v0", data_dir=data_dir))
    _python(SEED, data_dir=data_dir)
    archives = tmp_path_factory.mktemp("archives")
    output = _ok(_opencen("backup", str(archives), data_dir=data_dir))
    (archive,) = archives.iterdir()
    return {"data_dir": data_dir, "archive": archive, "output": output}


def test_backup_writes_one_private_archive_and_prints_path_size_and_counts(source):
    archive = source["archive"]
    assert archive.name.startswith("opencen-backup-") and archive.suffix == ".zip"
    assert list(archive.parent.iterdir()) == [archive]  # no temporary file left behind
    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    assert str(archive) in source["output"]
    assert f"({archive.stat().st_size} bytes)" in source["output"]
    assert "audit_auditevent" in source["output"]
    manifest = _manifest(archive)
    assert manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["created_at"].endswith("Z")
    database = sqlite3.connect(source["data_dir"] / "opencen.sqlite3")
    try:
        applied = database.execute("SELECT app, name FROM django_migrations ORDER BY id")
        assert manifest["migrations"] == dict(applied.fetchall())  # the latest per app
    finally:
        database.close()
    assert {"accounts", "audit", "reference"} <= set(manifest["migrations"])
    assert manifest["record_counts"] == _sqlite_counts(source["data_dir"] / "opencen.sqlite3")
    assert manifest["record_counts"]["audit_auditevent"] == 30
    photo = source["data_dir"] / "media" / "attachments" / "2025" / "photo.jpg"
    assert manifest["files"][PHOTO_MEMBER] == {"sha256": _sha256(photo), "size": 150_000}
    assert set(manifest["files"]) == {SQLITE_MEMBER, PHOTO_MEMBER, NOTE_MEMBER}


def test_restore_into_an_empty_folder_gives_the_same_counts_and_a_verifying_chain(source, tmp_path):
    output = _ok(_opencen("restore", str(source["archive"]), data_dir=tmp_path))
    assert "Record counts match the archive's manifest." in output
    assert "Audit chain verified: 30 events, no break." in output
    restored = _sqlite_counts(tmp_path / "opencen.sqlite3")
    assert restored == _sqlite_counts(source["data_dir"] / "opencen.sqlite3")
    for member in (PHOTO_MEMBER, NOTE_MEMBER):
        assert _sha256(tmp_path / member) == _sha256(source["data_dir"] / member)
    assert "30 events, no break" in _ok(_opencen("audit", "verify", data_dir=tmp_path))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restore-")]


def test_check_verifies_a_whole_archive_without_restoring(source, tmp_path):
    output = _ok(_opencen("restore", "--check", str(source["archive"]), data_dir=tmp_path))
    assert "every file matches its SHA-256" in output
    assert "passes its integrity check" in output
    assert not (tmp_path / "opencen.sqlite3").exists()


def _assert_refused(result: subprocess.CompletedProcess, *expected: str) -> None:
    assert result.returncode != 0, result.stdout
    for text in expected:
        assert text in result.stderr, result.stderr


def _assert_untouched(data_dir: Path) -> None:
    assert not (data_dir / "opencen.sqlite3").exists()
    assert not (data_dir / "media").exists() or not any((data_dir / "media").rglob("*"))
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".restore-")]


@pytest.mark.parametrize("member", [SQLITE_MEMBER, PHOTO_MEMBER])
def test_a_flipped_byte_is_refused_and_the_file_named(source, tmp_path, member):
    damaged = _flip_byte_in(source["archive"], tmp_path / "damaged.zip", member=member)
    target = tmp_path / "target"
    _assert_refused(
        _opencen("restore", str(damaged), data_dir=target), member, "Nothing was changed"
    )
    _assert_untouched(target)
    if member == PHOTO_MEMBER:
        _assert_refused(_opencen("restore", "--check", str(damaged), data_dir=target), member)


def _to_postgres(manifest: dict) -> None:
    manifest["database"].update(vendor="postgresql", file=DATABASE_MEMBERS["postgresql"])
    manifest["files"][DATABASE_MEMBERS["postgresql"]] = manifest["files"][SQLITE_MEMBER]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            "files",
            [
                f"{PHOTO_MEMBER}: missing from the archive",
                "media/extra.txt: not listed in the manifest",
                f"{NOTE_MEMBER}: SHA-256 does not match",
            ],
        ),
        ("format", ["reads format version 1 only"]),
        ("truncated", ["is not a readable OpenCEN archive"]),
        ("vendor", ["holds a PostgreSQL database, but this installation uses SQLite"]),
    ],
)
def test_a_damaged_or_foreign_archive_is_refused(source, tmp_path, damage, expected):
    archive = source["archive"]
    damaged = tmp_path / "damaged.zip"
    if damage == "files":
        _rewrite(
            archive,
            damaged,
            drop={PHOTO_MEMBER, NOTE_MEMBER},
            add={NOTE_MEMBER: b"seized at the pier", "media/extra.txt": b"smuggled"},
        )
    elif damage == "format":
        _rewrite(archive, damaged, manifest_change=lambda m: m.update(format_version=99))
    elif damage == "truncated":
        damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    else:
        _rewrite(archive, damaged, manifest_change=_to_postgres)
    target = tmp_path / "target"
    _assert_refused(_opencen("restore", str(damaged), data_dir=target), *expected)
    _assert_untouched(target)


def test_restore_into_a_database_that_holds_tables_is_refused(source, tmp_path):
    shutil.copy(source["data_dir"] / "opencen.sqlite3", tmp_path / "opencen.sqlite3")
    database = tmp_path / "opencen.sqlite3"
    before = _sha256(database)
    _assert_refused(
        _opencen("restore", str(source["archive"]), data_dir=tmp_path),
        "already holds",
        "tables",
        "Nothing was changed",
    )
    assert _sha256(database) == before
    assert not (tmp_path / "media").exists()


def test_restore_into_a_folder_that_holds_media_is_refused(source, tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kept.txt").write_text("someone else's file")
    _assert_refused(
        _opencen("restore", str(source["archive"]), data_dir=tmp_path),
        "media folder already holds files",
    )
    assert not (tmp_path / "opencen.sqlite3").exists()
    assert (tmp_path / "media" / "kept.txt").read_text() == "someone else's file"


def test_a_failed_backup_leaves_nothing_behind(source, tmp_path):
    empty_dir = tmp_path / "no-database"
    archives = tmp_path / "archives"
    archives.mkdir()
    _assert_refused(_opencen("backup", str(archives / "b.zip"), data_dir=empty_dir), "no database")
    assert list(archives.iterdir()) == []
    existing = archives / "existing.zip"
    existing.write_bytes(b"an older backup")
    _assert_refused(
        _opencen("backup", str(existing), data_dir=source["data_dir"]), "already exists"
    )
    assert existing.read_bytes() == b"an older backup"
    assert list(archives.iterdir()) == [existing]


def test_backup_while_another_process_writes_is_consistent(source, tmp_path):
    live = tmp_path / "live"
    shutil.copytree(source["data_dir"], live)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        env=_environment(live),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "writing", writer.stderr.read()
        archive = tmp_path / "during-writes.zip"
        _ok(_opencen("backup", str(archive), data_dir=live))
        time.sleep(0.3)  # let the writer go on after the snapshot
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    written = int(out.strip().splitlines()[-1])

    manifest = _manifest(archive)
    archived_events = manifest["record_counts"]["audit_auditevent"]
    final_events = _sqlite_counts(live / "opencen.sqlite3")["audit_auditevent"]
    assert 30 + 20 <= archived_events < final_events == 30 + written
    with zipfile.ZipFile(archive) as opened:
        (tmp_path / "copy.sqlite3").write_bytes(opened.read(SQLITE_MEMBER))
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        copy.close()
    assert _sqlite_counts(tmp_path / "copy.sqlite3") == manifest["record_counts"]
    output = _ok(_opencen("restore", str(archive), data_dir=tmp_path / "restored"))
    assert f"Audit chain verified: {archived_events} events, no break." in output


# --- PostgreSQL --------------------------------------------------------------------------

_SUITE_URL = os.environ.get("OPENCEN_DATABASE_URL", "")


def _pg_dump_available() -> bool:
    from opencen.core.backup import BackupError, _pg_tool

    try:
        _pg_tool("pg_dump", pg_bin=None)
        _pg_tool("pg_restore", pg_bin=None)
    except BackupError:
        return False
    return True


@pytest.fixture
def scratch_databases():
    """Two new databases on the suite's PostgreSQL cluster, dropped afterwards."""
    if not _SUITE_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("PostgreSQL tests run in the PostgreSQL pass (OPENCEN_DATABASE_URL)")
    if not _pg_dump_available():
        pytest.skip("pg_dump and pg_restore are not installed")
    import psycopg

    suffix = uuid.uuid4().hex[:10]
    names = [f"opencen_backup_source_{suffix}", f"opencen_backup_target_{suffix}"]
    parts = urlsplit(_SUITE_URL)
    with psycopg.connect(_SUITE_URL, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [urlunsplit(parts._replace(path=f"/{name}")) for name in names]
    finally:
        with psycopg.connect(_SUITE_URL, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgresql_backup_and_restore(scratch_databases, tmp_path):
    source_url, target_url = scratch_databases
    source_dir, target_dir = tmp_path / "source", tmp_path / "target"
    _ok(_opencen("migrate", "--noinput", "-v0", data_dir=source_dir, database_url=source_url))
    _python(SEED, data_dir=source_dir, database_url=source_url)
    archive = tmp_path / "pg.zip"
    _ok(_opencen("backup", str(archive), data_dir=source_dir, database_url=source_url))
    manifest = _manifest(archive)
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["record_counts"]["audit_auditevent"] == 30
    assert DATABASE_MEMBERS["postgresql"] in manifest["files"]

    # Into the database it came from: refused, since it holds tables.
    _assert_refused(
        _opencen("restore", str(archive), data_dir=tmp_path / "other", database_url=source_url),
        "already holds",
        "Nothing was changed",
    )
    # A dump cut short (with a manifest that matches it) fails inside pg_restore's single
    # transaction: the target database and media folder stay empty.
    dump = DATABASE_MEMBERS["postgresql"]
    with zipfile.ZipFile(archive) as opened:
        cut = opened.read(dump)[: manifest["files"][dump]["size"] * 2 // 3]

    def describe_cut(changed: dict) -> None:
        changed["files"][dump] = {"sha256": hashlib.sha256(cut).hexdigest(), "size": len(cut)}

    forged = _rewrite(
        archive,
        tmp_path / "cut.zip",
        drop={dump},
        add={dump: cut},
        manifest_change=describe_cut,
    )
    _assert_refused(
        _opencen("restore", str(forged), data_dir=target_dir, database_url=target_url),
        "pg_restore failed",
        "Nothing was changed",
    )
    _assert_untouched(target_dir)
    output = _ok(_opencen("restore", str(archive), data_dir=target_dir, database_url=target_url))
    assert "Record counts match the archive's manifest." in output
    assert "Audit chain verified: 30 events, no break." in output
    assert _sha256(target_dir / PHOTO_MEMBER) == _sha256(source_dir / PHOTO_MEMBER)
