"""Backup and restore of an installation: its database and media in one verified zip archive.

An archive holds ``database/opencen.sqlite3`` (a copy made with SQLite's online backup API)
or ``database/opencen.pgdump`` (``pg_dump --format=custom``), every file under the media
folder as ``media/<path>``, and ``manifest.json``: format version, OpenCEN version, database
vendor, creation time, migration state, record counts per table, and the SHA-256 and size of
every other file. Zip keeps each file separately compressed and checksummed, so damage stays
confined to the file it hits and is reported by name.

Backups run while the server keeps writing: the database copy is one consistent snapshot, and
media are copied after it, so every file the snapshot refers to was complete before it.
Restores go into an empty database and an empty media folder only, and change nothing unless
the whole archive verifies first.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.conf import settings
from django.db import connections

import opencen

FORMAT_NAME = "opencen-backup"
#: Raise when the layout or the manifest changes in a way older readers cannot follow.
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBERS = {
    "sqlite": "database/opencen.sqlite3",
    "postgresql": "database/opencen.pgdump",
}
VENDOR_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA_PREFIX = "media/"
ARCHIVE_SUFFIX = ".zip"
_CHUNK = 1024 * 1024
#: Files that are already compressed are stored as they are: deflating them again wastes time.
_STORED_SUFFIXES = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".heic",
        ".avif",
        ".mp4",
        ".mov",
        ".mp3",
        ".zip",
        ".gz",
        ".bz2",
        ".xz",
        ".zst",
        ".7z",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".ods",
        ".pgdump",
    }
)
#: libpq connection options that have an environment variable, for pg_dump and pg_restore.
_LIBPQ_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """A backup, check or restore that cannot go on; the message tells the operator why."""


@dataclass(frozen=True)
class FileEntry:
    """One file of an archive, as the manifest lists it."""

    sha256: str
    size: int


@dataclass(frozen=True)
class BackupResult:
    """What ``backup_create`` wrote."""

    path: Path
    size: int
    seconds: float
    manifest: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CheckResult:
    """What ``backup_check`` found: a whole archive, and what it holds."""

    path: Path
    manifest: dict[str, Any]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreResult:
    """What ``backup_restore`` put in place, and how the restored data checks out."""

    manifest: dict[str, Any]
    record_counts: dict[str, int]
    count_mismatches: dict[str, tuple[int | None, int | None]]
    audit_events: int
    audit_break: str | None
    pending_migrations: list[str]
    unknown_migrations: list[str]
    seconds: float


# --- backup ---------------------------------------------------------------------------------


def backup_create(
    *, destination: Path, pg_bin: Path | None = None, now: datetime | None = None
) -> BackupResult:
    """Write one archive of the database and media to ``destination`` and return its summary.

    ``destination`` is a file name ending in ``.zip`` (it must not exist yet), or an existing
    folder, in which ``opencen-backup-<UTC time>.zip`` is chosen. The archive is written under
    a temporary name in the same folder, synced to disk, then renamed: a failure never leaves
    a half-written file at the final name.
    """
    started = time.monotonic()
    now = now or datetime.now(tz=UTC)
    target = _archive_target(destination=destination, now=now)
    vendor = connections["default"].vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"OpenCEN cannot back up a {vendor} database.")
    warnings: list[str] = []
    files: dict[str, FileEntry] = {}
    fd, partial_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
    )  # mode 0600: the archive holds personal data
    partial = Path(partial_name)
    try:
        with (
            os.fdopen(fd, "wb") as archive_file,
            tempfile.TemporaryDirectory(dir=target.parent, prefix=".opencen-backup-") as staging,
        ):
            dump = Path(staging) / "database"
            # The database first: media copied afterwards include every file it refers to.
            if vendor == "sqlite":
                database = _sqlite_snapshot(target=dump)
            else:
                database = _postgres_snapshot(target=dump, pg_bin=pg_bin)
            with zipfile.ZipFile(archive_file, "w", allowZip64=True) as archive:
                member = DATABASE_MEMBERS[vendor]
                files[member] = _add_file(archive, source=dump, name=member)
                dump.unlink()  # free the space before the media are added
                media = _add_media(archive, files=files, warnings=warnings)
                manifest = {
                    "format": FORMAT_NAME,
                    "format_version": FORMAT_VERSION,
                    "opencen_version": opencen.__version__,
                    "installation_code": settings.INSTALLATION_CODE,
                    "created_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
                    "database": {
                        "vendor": vendor,
                        "file": member,
                        "server_version": database.server_version,
                    },
                    "migrations": database.migrations,
                    "record_counts": database.record_counts,
                    "media": media,
                    "files": {name: asdict(entry) for name, entry in sorted(files.items())},
                }
                payload = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
                archive.writestr(MANIFEST_NAME, payload, compress_type=zipfile.ZIP_DEFLATED)
            archive_file.flush()
            os.fsync(archive_file.fileno())
        _publish(partial=partial, target=target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Could not make the archive {target}: {error}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(
        path=target,
        size=target.stat().st_size,
        seconds=time.monotonic() - started,
        manifest=manifest,
        warnings=warnings,
    )


def _archive_target(*, destination: Path, now: datetime) -> Path:
    destination = destination.expanduser().absolute()
    if destination.is_dir():
        destination = destination / f"opencen-backup-{now.strftime('%Y%m%dT%H%M%SZ')}.zip"
    if destination.suffix.lower() != ARCHIVE_SUFFIX:
        raise BackupError(f"{destination}: the archive name must end in .zip.")
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose another name.")
    media_root = Path(settings.MEDIA_ROOT).absolute()
    if destination.parent == media_root or media_root in destination.parent.parents:
        raise BackupError("Write archives outside the media folder; it is itself backed up.")
    if not destination.parent.is_dir():
        raise BackupError(f"{destination.parent} is not a folder.")
    return destination


def _publish(*, partial: Path, target: Path) -> None:
    """Give the finished archive its name without ever replacing an existing file."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise BackupError(f"{target} appeared while the backup ran; not replaced.") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: rename, after one last look.
        if target.exists():
            raise BackupError(f"{target} appeared while the backup ran; not replaced.") from None
        os.rename(partial, target)
    else:
        partial.unlink()
    _fsync_folder(target.parent)


@dataclass(frozen=True)
class _DatabaseSnapshot:
    server_version: str
    migrations: dict[str, str]
    record_counts: dict[str, int]


def _sqlite_snapshot(*, target: Path) -> _DatabaseSnapshot:
    """Copy the live SQLite database with the online backup API, then check the copy."""
    source_path = Path(connections["default"].settings_dict["NAME"])
    if not source_path.is_file():
        raise BackupError(f"There is no database at {source_path}.")
    source = sqlite3.connect(source_path, timeout=60)
    try:
        destination = sqlite3.connect(target)
        try:
            # One step (pages=-1): the whole copy is read in one transaction, one snapshot;
            # with WAL the server's writers are not blocked while it runs.
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            result = destination.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                problems = "; ".join(str(row[0]) for row in result[:5])
                raise BackupError(
                    f"The copy of {source_path} fails SQLite's integrity check ({problems}): "
                    "the live database is damaged. No archive was written."
                )
            migrations, counts = _inventory(destination.cursor(), vendor="sqlite")
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy the SQLite database {source_path}: {error}") from error
    finally:
        source.close()
    with open(target, "rb") as copy:
        os.fsync(copy.fileno())
    return _DatabaseSnapshot(sqlite3.sqlite_version, migrations, counts)


def _postgres_snapshot(*, target: Path, pg_bin: Path | None) -> _DatabaseSnapshot:
    """Dump the database with pg_dump, counting rows in the very snapshot it dumps."""
    import psycopg

    pg_dump = _pg_tool("pg_dump", pg_bin=pg_bin)
    pg_restore = _pg_tool("pg_restore", pg_bin=pg_bin)
    connection = connections["default"]
    try:
        raw = connection.get_new_connection(connection.get_connection_params())
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to the database: {error}") from None
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            # The transaction stays open while pg_dump imports its snapshot.
            _run_pg_tool(
                [
                    str(pg_dump),
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                what="pg_dump",
            )
            migrations, counts = _inventory(cursor, vendor="postgresql")
            cursor.execute("COMMIT")
    except psycopg.Error as error:
        raise BackupError(f"Could not read the database: {error}") from None
    finally:
        raw.close()
    _run_pg_tool([str(pg_restore), "--list", str(target)], what="pg_restore --list")
    with open(target, "rb") as dump:
        os.fsync(dump.fileno())
    return _DatabaseSnapshot(server_version, migrations, counts)


def _inventory(cursor, *, vendor: str) -> tuple[dict[str, str], dict[str, int]]:
    """The latest applied migration per app and the row count of every table."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
        tables = [(row[0], _quote(row[0])) for row in cursor.fetchall()]
    else:
        cursor.execute(
            "SELECT n.nspname, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' "
            "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2"
        )
        tables = [
            (name if schema == "public" else f"{schema}.{name}", f"{_quote(schema)}.{_quote(name)}")
            for schema, name in cursor.fetchall()
        ]
    counts: dict[str, int] = {}
    for label, quoted in tables:
        cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 (quoted identifier)
        counts[label] = int(cursor.fetchone()[0])
    migrations: dict[str, str] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations[app] = name
    return dict(sorted(migrations.items())), counts


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _add_file(archive: zipfile.ZipFile, *, source: Path, name: str) -> FileEntry:
    """Stream one file into the archive; the checksum covers exactly the bytes stored."""
    info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
    stored = PurePosixPath(name).suffix.lower() in _STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as reader, archive.open(info, "w", force_zip64=True) as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    return FileEntry(sha256=digest.hexdigest(), size=size)


def _add_media(
    archive: zipfile.ZipFile, *, files: dict[str, FileEntry], warnings: list[str]
) -> dict[str, Any]:
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend != "django.core.files.storage.FileSystemStorage":
        warnings.append(
            f"Media are kept by {backend}, not in the media folder: back them up with that "
            "storage's own tools. The archive holds the database only."
        )
        return {"storage": backend, "included": False, "files": 0, "bytes": 0}
    media_root = Path(settings.MEDIA_ROOT)
    count = total = 0
    for path, relative in _walk_media(media_root, warnings=warnings):
        try:
            entry = _add_file(archive, source=path, name=MEDIA_PREFIX + relative)
        except FileNotFoundError:
            warnings.append(f"media/{relative} was removed while the backup ran; not included.")
            continue
        files[MEDIA_PREFIX + relative] = entry
        count += 1
        total += entry.size
    return {"storage": "filesystem", "included": True, "files": count, "bytes": total}


def _walk_media(media_root: Path, *, warnings: list[str]) -> Iterator[tuple[Path, str]]:
    if not media_root.is_dir():
        return
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(media_root).as_posix()
            if path.is_symlink() or not path.is_file():
                warnings.append(f"media/{relative} is not a regular file; not included.")
                continue
            yield path, relative


# --- check ----------------------------------------------------------------------------------

#: What zipfile raises for a damaged member: bad CRC or header, broken deflate stream, cut off.
_DAMAGE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def backup_check(*, archive: Path, pg_bin: Path | None = None) -> CheckResult:
    """Verify an archive without restoring anything: manifest, every checksum, the database.

    Raises :class:`BackupError` naming every damaged, missing or unexpected file.
    """
    notes: list[str] = []
    with _open_archive(archive) as opened:
        manifest = _read_manifest(opened, archive=archive)
        database_member = manifest["database"]["file"]
        with tempfile.TemporaryDirectory(prefix="opencen-check-") as scratch:
            database_copy = Path(scratch) / "database"
            _extract_verified(
                opened,
                manifest=manifest,
                archive=archive,
                destination=lambda name: database_copy if name == database_member else None,
            )
            if manifest["database"]["vendor"] == "sqlite":
                _sqlite_integrity(database_copy, archive=archive)
                notes.append("The SQLite database passes its integrity check.")
            else:
                try:
                    pg_restore = _pg_tool("pg_restore", pg_bin=pg_bin)
                except BackupError:
                    notes.append("pg_restore not found: the dump's table of contents not read.")
                else:
                    _run_pg_tool([str(pg_restore), "--list", str(database_copy)], what="pg_restore")
                    notes.append("pg_restore reads the dump's table of contents.")
    return CheckResult(path=archive, manifest=manifest, notes=notes)


@contextlib.contextmanager
def _open_archive(archive: Path) -> Iterator[zipfile.ZipFile]:
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file.")
    try:
        opened = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as error:
        raise BackupError(f"{archive} is not a readable OpenCEN archive ({error}).") from None
    with opened:
        yield opened


def _read_manifest(opened: zipfile.ZipFile, *, archive: Path) -> dict[str, Any]:
    """Load and validate ``manifest.json``; refuse a format version this code does not know."""
    try:
        manifest = json.loads(opened.read(MANIFEST_NAME).decode("utf-8"))
    except KeyError:
        raise BackupError(f"{archive}: {MANIFEST_NAME} is missing from the archive.") from None
    except (*_DAMAGE_ERRORS, UnicodeDecodeError) as error:
        raise BackupError(f"{archive}: {MANIFEST_NAME} is damaged ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise BackupError(f"{archive} is not an OpenCEN backup (its manifest is not ours).")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"{archive} has archive format version {version!r}; this OpenCEN "
            f"({opencen.__version__}) reads format version {FORMAT_VERSION} only."
        )
    database = manifest.get("database")
    files = manifest.get("files")
    if not isinstance(database, dict) or database.get("vendor") not in DATABASE_MEMBERS:
        raise BackupError(f"{archive}: the manifest names no known database vendor.")
    if database.get("file") != DATABASE_MEMBERS[database["vendor"]]:
        raise BackupError(f"{archive}: the manifest names an unexpected database file.")
    if not isinstance(files, dict) or database["file"] not in files:
        raise BackupError(f"{archive}: the manifest does not list the database file.")
    for name, entry in files.items():
        if not _safe_member_name(name):
            raise BackupError(f"{archive}: the manifest lists an unsafe file name {name!r}.")
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and _SHA256.fullmatch(entry["sha256"])
            and isinstance(entry.get("size"), int)
            and entry["size"] >= 0
        ):
            raise BackupError(f"{archive}: the manifest entry for {name} is malformed.")
    if not isinstance(manifest.get("record_counts"), dict):
        raise BackupError(f"{archive}: the manifest has no record counts.")
    return manifest


def _safe_member_name(name: str) -> bool:
    """A relative path that stays inside the restore folder: the database file or a medium."""
    path = PurePosixPath(name)
    return (
        path.as_posix() == name
        and not path.is_absolute()
        and "\\" not in name
        and not {"..", "."} & set(path.parts)
        and (name in DATABASE_MEMBERS.values() or name.startswith(MEDIA_PREFIX))
        and len(path.parts) > 1
    )


def _extract_verified(
    opened: zipfile.ZipFile,
    *,
    manifest: dict[str, Any],
    archive: Path,
    destination: Callable[[str], Path | None],
) -> None:
    """Read every file the manifest lists, check size and SHA-256, and write each file to
    ``destination(name)`` (None: check only). Raise naming every file that does not match."""
    expected: dict[str, dict[str, Any]] = manifest["files"]
    stored_names = [info.filename for info in opened.infolist()]
    problems: list[str] = []
    seen: set[str] = set()
    for name in stored_names:
        if name in seen:
            problems.append(f"{name}: stored twice")
        seen.add(name)
        if name != MANIFEST_NAME and name not in expected:
            problems.append(f"{name}: not listed in the manifest")
    for name, entry in sorted(expected.items()):
        if name not in seen:
            problems.append(f"{name}: missing from the archive")
            continue
        target = destination(name)
        try:
            digest, size = _copy_member(opened, name=name, target=target)
        except _DamagedMember as damage:
            problems.append(f"{name}: unreadable ({damage})")
            continue
        if size != entry["size"]:
            problems.append(f"{name}: {size} bytes, the manifest says {entry['size']}")
        elif digest != entry["sha256"]:
            problems.append(f"{name}: SHA-256 does not match the manifest")
    if problems:
        shown = "\n  ".join(problems[:25])
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        raise BackupError(f"{archive} is damaged:\n  {shown}{more}")


class _DamagedMember(Exception):
    pass


def _copy_member(opened: zipfile.ZipFile, *, name: str, target: Path | None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    writer: BinaryIO | None = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = open(target, "xb")  # noqa: SIM115 (closed below, after fsync)
    try:
        try:
            reader = opened.open(name)
        except _DAMAGE_ERRORS as error:
            raise _DamagedMember(str(error)) from None
        with reader:
            while True:
                try:
                    chunk = reader.read(_CHUNK)
                except _DAMAGE_ERRORS as error:
                    raise _DamagedMember(str(error)) from None
                if not chunk:
                    break
                digest.update(chunk)
                size += len(chunk)
                if writer is not None:
                    writer.write(chunk)
        if writer is not None:
            writer.flush()
            os.fsync(writer.fileno())
    finally:
        if writer is not None:
            writer.close()
    return digest.hexdigest(), size


def _sqlite_integrity(path: Path, *, archive: Path) -> None:
    try:
        database = sqlite3.connect(path)
        try:
            result = database.execute("PRAGMA integrity_check").fetchall()
        finally:
            database.close()
    except sqlite3.Error as error:
        result = [(str(error),)]
    if result != [("ok",)]:
        problems = "; ".join(str(row[0]) for row in result[:5])
        raise BackupError(f"{archive}: its database fails SQLite's integrity check ({problems}).")


# --- restore --------------------------------------------------------------------------------


def backup_restore(*, archive: Path, pg_bin: Path | None = None) -> RestoreResult:
    """Restore an archive into this installation's empty database and empty media folder.

    Before anything changes, the manifest and its format version, the vendor (an archive
    restores into the same database vendor only) and the target (no table, no media file) are
    checked; then every file is unpacked into a staging folder inside the data directory and
    checked against its size and SHA-256, and a SQLite database against its integrity check.
    Only then are the files moved into place (SQLite) or loaded by ``pg_restore`` in one
    transaction (PostgreSQL). Afterwards the record counts are compared with the manifest's
    and the audit chain is verified.
    """
    started = time.monotonic()
    connection = connections["default"]
    vendor = connection.vendor
    data_dir = Path(settings.DATA_DIR)
    media_root = Path(settings.MEDIA_ROOT)
    try:
        with _open_archive(archive) as opened:
            manifest = _read_manifest(opened, archive=archive)
            archived_vendor = manifest["database"]["vendor"]
            if archived_vendor != vendor:
                raise BackupError(
                    f"{archive} holds a {VENDOR_LABELS[archived_vendor]} database, but this "
                    f"installation uses {VENDOR_LABELS.get(vendor, vendor)}. An archive restores "
                    f"into the same database vendor only: configure an installation with "
                    f"{VENDOR_LABELS[archived_vendor]} to restore it."
                )
            pg_restore = _pg_tool("pg_restore", pg_bin=pg_bin) if vendor == "postgresql" else None
            _ensure_empty_target(vendor=vendor, media_root=media_root)
            data_dir.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".restore-"))
            try:
                staged_database = staging / "database"
                staged_media = staging / "media"
                staged_media.mkdir()
                database_member = manifest["database"]["file"]

                def destination(name: str) -> Path:
                    if name == database_member:
                        return staged_database
                    return staged_media / name.removeprefix(MEDIA_PREFIX)

                _extract_verified(
                    opened, manifest=manifest, archive=archive, destination=destination
                )
                if vendor == "sqlite":
                    _sqlite_integrity(staged_database, archive=archive)
                    _commit_sqlite(database=staged_database, media=staged_media)
                else:
                    _commit_postgresql(
                        database=staged_database, media=staged_media, pg_restore=pg_restore
                    )
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        raise BackupError(f"Could not unpack {archive}: {error}.\nNothing was changed.") from None
    except BackupError as error:
        raise BackupError(f"{error}\nNothing was changed.") from None
    return _restored_state(manifest=manifest, started=started)


def _ensure_empty_target(*, vendor: str, media_root: Path) -> None:
    connection = connections["default"]
    problems: list[str] = []
    if vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        if database.exists():
            try:
                reader = sqlite3.connect(database)
                try:
                    tables = reader.execute(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    ).fetchone()[0]
                finally:
                    reader.close()
            except sqlite3.Error as error:
                raise BackupError(f"Cannot read the existing file {database}: {error}.") from None
            if tables:
                problems.append(f"the database {database} already holds {tables} tables")
        else:
            leftovers = [
                Path(f"{database}{suffix}")
                for suffix in ("-wal", "-journal")
                if Path(f"{database}{suffix}").exists()
            ]
            if leftovers:
                problems.append(f"{leftovers[0]} is left over from an earlier database")
    else:
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                    "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') "
                    "AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
                )
                relations = cursor.fetchone()[0]
        except Exception as error:
            raise BackupError(
                f"Cannot connect to the target database: {error}. Create it empty first "
                "(createdb) and set OPENCEN_DATABASE_URL to it."
            ) from None
        finally:
            connections.close_all()
        if relations:
            name = connection.settings_dict.get("NAME")
            problems.append(f"the database {name} already holds {relations} tables or sequences")
    media_file = next((path for path in media_root.rglob("*") if not path.is_dir()), None)
    if media_file is not None:
        problems.append(f"the media folder already holds files ({media_file})")
    if problems:
        raise BackupError(
            "Restore goes into an empty installation only, but "
            + "; and ".join(problems)
            + ". Point OPENCEN_DATA_DIR (and OPENCEN_DATABASE_URL) at an empty data folder "
            "(and an empty database)."
        )


def _commit_sqlite(*, database: Path, media: Path) -> None:
    target = Path(connections["default"].settings_dict["NAME"])
    media_root = Path(settings.MEDIA_ROOT)
    connections.close_all()
    _move_media(staged=media, media_root=media_root)
    try:
        # The target was checked to hold no table: its journal files are nobody's data, and a
        # stale WAL file must never be replayed into the restored database.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(database, target)
    except OSError as error:
        os.rename(media_root, media)  # put things back as they were
        raise BackupError(f"Could not put the database in place at {target}: {error}.") from None
    _fsync_folder(target.parent)


def _commit_postgresql(*, database: Path, media: Path, pg_restore: Path | None) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    connections.close_all()
    _move_media(staged=media, media_root=media_root)
    try:
        # One transaction: a restore that fails half-way leaves the database as empty as it
        # was. An empty --dbname makes pg_restore connect, taking the name from PGDATABASE.
        _run_pg_tool(
            [
                str(pg_restore),
                "--exit-on-error",
                "--single-transaction",
                "--no-owner",
                "--no-privileges",
                "--no-password",
                "--dbname=",
                str(database),
            ],
            what="pg_restore",
        )
    except BackupError:
        os.rename(media_root, media)  # put things back as they were
        raise


def _move_media(*, staged: Path, media_root: Path) -> None:
    """Swap the verified media folder in for the (empty) current one."""
    try:
        if media_root.exists():
            # Empty folders only: rmdir refuses anything that holds a file.
            for folder, _subfolders, _names in os.walk(media_root, topdown=False):
                os.rmdir(folder)
        os.rename(staged, media_root)
    except OSError as error:
        raise BackupError(f"Could not put the media in place at {media_root}: {error}.") from None
    _fsync_folder(media_root.parent)


def _restored_state(*, manifest: dict[str, Any], started: float) -> RestoreResult:
    """Count, compare and verify what is now in the database."""
    from django.db.migrations.executor import MigrationExecutor

    from opencen.audit.services import audit_chain_verify

    connections.close_all()
    connection = connections["default"]
    with connection.cursor() as cursor:
        _migrations, counts = _inventory(cursor, vendor=connection.vendor)
    archived: dict[str, int] = manifest["record_counts"]
    mismatches = {
        table: (archived.get(table), counts.get(table))
        for table in sorted(set(archived) | set(counts))
        if archived.get(table) != counts.get(table)
    }
    try:
        audit_events, first_break = audit_chain_verify()
        audit_break = (
            None
            if first_break is None
            else f"broken at event #{first_break.event_id}: {first_break.reason}"
        )
    except Exception as error:  # a table missing or unreadable is a failed verification too
        audit_events, audit_break = 0, f"could not be read ({error})"
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    pending = [
        f"{migration.app_label}.{migration.name}"
        for migration, backwards in executor.migration_plan(graph.leaf_nodes())
        if not backwards
    ]
    unknown = sorted(
        f"{app}.{name}"
        for app, name in executor.loader.applied_migrations
        if (app, name) not in graph.nodes
    )
    return RestoreResult(
        manifest=manifest,
        record_counts=counts,
        count_mismatches=mismatches,
        audit_events=audit_events,
        audit_break=audit_break,
        pending_migrations=pending,
        unknown_migrations=unknown,
        seconds=time.monotonic() - started,
    )


# --- PostgreSQL client tools ---------------------------------------------------------------


def _pg_tool(name: str, *, pg_bin: Path | None) -> Path:
    """Find pg_dump or pg_restore: in ``pg_bin``, on PATH, or in Debian's per-version folders."""
    if pg_bin is not None:
        candidate = Path(pg_bin) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
        raise BackupError(f"{candidate} is not an executable {name}.")
    found = shutil.which(name)
    if found:
        return Path(found)
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(
        f"{name} was not found on PATH or in /usr/lib/postgresql/*/bin: install the PostgreSQL "
        "client tools of the server's major version (Debian: postgresql-client) or give "
        "--pg-bin FOLDER."
    )


def _version_key(folder: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", Path(folder).parent.name))


def _pg_environment() -> dict[str, str]:
    """The connection settings as libpq environment variables: never on a command line,
    where any local user could read the password."""
    settings_dict = connections["default"].settings_dict
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        value = settings_dict.get(key)
        if value not in (None, ""):
            environment[variable] = str(value)
    for option, value in (settings_dict.get("OPTIONS") or {}).items():
        if option in _LIBPQ_OPTION_ENV and isinstance(value, str | int):
            environment[_LIBPQ_OPTION_ENV[option]] = str(value)
    return environment


def _run_pg_tool(argv: list[str], *, what: str) -> None:
    try:
        result = subprocess.run(  # noqa: S603 (a fixed tool, arguments built here)
            argv,
            env=_pg_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BackupError(f"Could not run {what}: {error}.") from None
    if result.returncode != 0:
        detail = "\n  ".join((result.stderr or result.stdout).strip().splitlines()[-10:])
        raise BackupError(f"{what} failed (exit status {result.returncode}):\n  {detail}")


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable: sync the folder that holds the new name."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the data files themselves are synced
    finally:
        os.close(descriptor)
