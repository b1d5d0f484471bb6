"""``opencen matching-duplicates [persons|companies|all]``: find the likely duplicate pairs.

Walks the selective blocking keys (never every pair of records), scores each candidate pair and
stores those worth a look in the table the duplicates review pages read. Pairs an officer
dismissed stay dismissed; pairs no longer found are removed.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from opencen.matching import duplicates


class Command(BaseCommand):
    help = "Find likely duplicate persons and companies through the blocking keys."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", nargs="?", default="all", choices=["persons", "companies", "all"]
        )

    def handle(self, *args, **options):
        from tqdm import tqdm

        kinds = ["persons", "companies"] if options["kind"] == "all" else [options["kind"]]
        for kind in kinds:
            spec = duplicates.KINDS[kind]
            total = duplicates.selective_key_count(spec)
            progress = tqdm(
                total=total,
                desc=f"Duplicate {kind}",
                unit=" keys",
                file=self.stderr._out,
                disable=True if options["verbosity"] == 0 else None,
            )
            started = time.perf_counter()
            try:
                counts = duplicates.duplicates_find(kind, progress=progress.update)
            finally:
                progress.close()
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"{kind}: {counts['candidates']:,} candidate pairs, {counts['stored']:,} likely "
                f"duplicates stored, {counts['removed']:,} no longer found, in {seconds:.1f} s."
            )
