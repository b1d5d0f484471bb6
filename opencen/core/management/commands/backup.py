"""``opencen backup PATH``: one consistent archive of the database and media, while serving."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencen.core.backup import BackupError, backup_create


def human_size(size: int) -> str:
    """A byte count as an operator reads it: 1.5 MiB."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def write_counts(stdout, record_counts: dict[str, int]) -> None:
    """Print the rows of every table that has some, and the total."""
    filled = {table: count for table, count in record_counts.items() if count}
    width = max((len(table) for table in filled), default=5)
    for table, count in filled.items():
        stdout.write(f"  {table:<{width}}  {count:>10}")
    stdout.write(f"  {'total':<{width}}  {sum(filled.values()):>10}")
    if len(filled) < len(record_counts):
        stdout.write(f"  ({len(record_counts) - len(filled)} empty tables not shown)")


class Command(BaseCommand):
    help = (
        "Write one archive (.zip) of the database, the media folder and a manifest with the "
        "SHA-256 of every file. Safe while the server runs. PATH is a file name ending in .zip "
        "or a folder, in which opencen-backup-<UTC time>.zip is chosen."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="archive file name (.zip) or folder")
        parser.add_argument(
            "--pg-bin",
            type=Path,
            default=None,
            help="folder holding pg_dump and pg_restore (PostgreSQL; default: PATH, then "
            "/usr/lib/postgresql/<newest>/bin)",
        )

    def handle(self, *args, **options):
        try:
            result = backup_create(destination=options["path"], pg_bin=options["pg_bin"])
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from None
        manifest = result.manifest
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(f"Backup written: {result.path}")
        self.stdout.write(
            f"  size {human_size(result.size)} ({result.size} bytes), {result.seconds:.1f} s, "
            f"{manifest['database']['vendor']} database, {len(manifest['files'])} files "
            f"({manifest['media']['files']} media)"
        )
        self.stdout.write("Record counts:")
        write_counts(self.stdout, manifest["record_counts"])
