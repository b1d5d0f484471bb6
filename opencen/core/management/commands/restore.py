"""``opencen restore PATH``: put an archive back into an empty installation, or ``--check`` it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencen.core.backup import BackupError, backup_check, backup_restore
from opencen.core.management.commands.backup import human_size, write_counts


class Command(BaseCommand):
    help = (
        "Restore an archive made by `opencen backup` into an empty data folder and an empty "
        "database of the same vendor, then compare record counts and verify the audit chain. "
        "Refuses, changing nothing, a damaged archive or a target that holds data. "
        "--check verifies the archive only."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="archive file (.zip)")
        parser.add_argument(
            "--check", action="store_true", help="verify the archive only; restore nothing"
        )
        parser.add_argument(
            "--pg-bin",
            type=Path,
            default=None,
            help="folder holding pg_restore (PostgreSQL; default: PATH, then "
            "/usr/lib/postgresql/<newest>/bin)",
        )

    def handle(self, *args, **options):
        archive = options["path"].expanduser().absolute()
        if options["check"]:
            self._check(archive, pg_bin=options["pg_bin"])
        else:
            self._restore(archive, pg_bin=options["pg_bin"])

    def _describe(self, archive: Path, manifest: dict) -> None:
        size = sum(entry["size"] for entry in manifest["files"].values())
        self.stdout.write(
            f"  made {manifest.get('created_at')} by OpenCEN {manifest.get('opencen_version')} "
            f"at {manifest.get('installation_code')}; {manifest['database']['vendor']} database; "
            f"{len(manifest['files'])} files, {human_size(size)} unpacked"
        )

    def _check(self, archive: Path, *, pg_bin: Path | None) -> None:
        try:
            result = backup_check(archive=archive, pg_bin=pg_bin)
        except BackupError as error:
            raise CommandError(f"Check failed: {error}") from None
        self.stdout.write(f"Archive OK: {archive}: every file matches its SHA-256.")
        self._describe(archive, result.manifest)
        for note in result.notes:
            self.stdout.write(f"  {note}")
        self.stdout.write("Record counts in the archive:")
        write_counts(self.stdout, result.manifest["record_counts"])

    def _restore(self, archive: Path, *, pg_bin: Path | None) -> None:
        try:
            result = backup_restore(archive=archive, pg_bin=pg_bin)
        except BackupError as error:
            raise CommandError(f"Restore refused: {error}") from None
        self.stdout.write(f"Restored {archive} in {result.seconds:.1f} s.")
        self._describe(archive, result.manifest)
        self.stdout.write("Record counts:")
        write_counts(self.stdout, result.record_counts)
        failures: list[str] = []
        if result.count_mismatches:
            for table, (archived, restored) in result.count_mismatches.items():
                self.stderr.write(f"  {table}: {restored} rows, the archive had {archived}")
            failures.append("record counts differ from the archive's")
        else:
            self.stdout.write("Record counts match the archive's manifest.")
        if result.audit_break is None:
            self.stdout.write(f"Audit chain verified: {result.audit_events} events, no break.")
        else:
            failures.append(f"the audit chain does not verify: {result.audit_break}")
        if result.unknown_migrations:
            self.stderr.write(
                "warning: the database has migrations this OpenCEN does not know ("
                + ", ".join(result.unknown_migrations)
                + "): install the OpenCEN version that made the archive or a newer one."
            )
        if result.pending_migrations:
            self.stdout.write(
                f"Migrations of this OpenCEN not applied yet ({len(result.pending_migrations)}): "
                "run `opencen migrate` before serving."
            )
        if failures:
            raise CommandError("The data was restored, but " + "; ".join(failures) + ".")
