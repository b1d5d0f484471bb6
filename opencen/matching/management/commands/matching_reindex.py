"""``opencen matching-reindex [persons|companies|all]``: rebuild the blocking keys and match
profiles of every person and company, in batches (after an upgrade that changes how names
are normalised or keys are made). Writes keep them current otherwise."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from opencen.matching.indexing import company_index, person_index

BATCH = 2000


class Command(BaseCommand):
    help = "Rebuild the matching keys and profiles of persons and companies."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", nargs="?", default="all", choices=["persons", "companies", "all"]
        )
        parser.add_argument("--batch", type=int, default=BATCH, help="Records per transaction.")

    def handle(self, *args, **options):
        from tqdm import tqdm

        from opencen.companies.models import Company
        from opencen.persons.models import Person

        targets = {
            "persons": (Person, person_index),
            "companies": (Company, company_index),
        }
        kinds = ["persons", "companies"] if options["kind"] == "all" else [options["kind"]]
        batch = max(1, options["batch"])
        for kind in kinds:
            model, index = targets[kind]
            total = model.objects.count()
            started = time.perf_counter()
            progress = tqdm(
                total=total,
                desc=f"Matching keys of {kind}",
                unit=" records",
                file=self.stderr._out,
                disable=True if options["verbosity"] == 0 else None,
            )
            done = 0
            last = None
            try:
                # Keyset pages by primary key: no OFFSET, so late batches are as fast as early.
                while True:
                    page = model.objects.order_by("pk")
                    if last is not None:
                        page = page.filter(pk__gt=last)
                    ids = list(page.values_list("pk", flat=True)[:batch])
                    if not ids:
                        break
                    index(ids)
                    last = ids[-1]
                    done += len(ids)
                    progress.update(len(ids))
            finally:
                progress.close()
            seconds = time.perf_counter() - started
            self.stdout.write(f"{kind}: {done:,} records indexed in {seconds:.1f} s.")
