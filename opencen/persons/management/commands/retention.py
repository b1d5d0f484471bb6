"""``opencen retention apply [--dry-run]``: erase persons past their retention."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from opencen.persons.retention import grace_days, retention_apply


class Command(BaseCommand):
    help = (
        "Data retention. `apply` erases the personal data of persons whose review date passed "
        "more than RETENTION_GRACE_DAYS ago without a decision to retain them (a tombstone "
        "keeps their seizure involvements); `--dry-run` only counts them."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        apply = sub.add_parser("apply", help="Erase persons past retention, in batches.")
        apply.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )
        apply.add_argument(
            "--batch-size", type=int, default=200, help="Persons read per batch (default 200)."
        )

    def handle(self, *args, **options):
        summary = retention_apply(
            dry_run=options["dry_run"], batch_size=max(1, options["batch_size"])
        )
        categories = ", ".join(
            f"{name} {count}" for name, count in sorted(summary.by_category.items())
        )
        grace = grace_days()
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {summary.due} person(s) past retention (grace {grace} days) would be "
                f"erased{': ' + categories if categories else ''}. Nothing was changed."
            )
            return
        self.stdout.write(
            f"Erased {summary.erased} person(s) past retention (grace {grace} days)"
            f"{': ' + categories if categories else ''}. Seizure involvements are kept; "
            "each erasure is in the audit log."
        )
