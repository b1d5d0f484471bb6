"""``opencen search-index rebuild|status``: the free-text index of seizures.

``rebuild`` empties the index and writes every seizure's document again (after a restore from
another tool, or to repair it); ``status`` compares the number of documents with the number of
seizures. The services keep the index current on every write, so neither is needed day to day.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from opencen.seizures import search
from opencen.seizures.models import Seizure


class Command(BaseCommand):
    help = "Rebuild the free-text search index of seizures, or show its status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Seizures read per batch (5000)."
        )

    def handle(self, *args, **options):
        if options["action"] == "status":
            documents, seizures = search.seizure_index_count(), Seizure.objects.count()
            state = "up to date" if documents == seizures else "incomplete: run rebuild"
            self.stdout.write(f"{documents:,} documents for {seizures:,} seizures ({state}).")
            return
        from tqdm import tqdm

        progress = tqdm(
            total=Seizure.objects.count(),
            desc="Search index",
            unit=" seizures",
            file=self.stderr._out,
            disable=True if options["verbosity"] == 0 else None,
        )
        started = time.perf_counter()
        try:
            count = search.seizure_index_rebuild(
                batch_size=options["batch_size"], on_batch=progress.update
            )
        finally:
            progress.close()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Indexed {count:,} seizures in {seconds:.1f} s.")
