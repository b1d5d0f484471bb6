"""``opencen load-reference``: load the code lists from the installed packages."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from opencen.reference.loaders import SEAPORTS_NOTE, SOURCES
from opencen.reference.models import CODE_LISTS
from opencen.reference.services import reference_load


class Command(BaseCommand):
    help = (
        "Load or refresh the code lists (countries, currencies, units, commodities, HS codes, "
        "methods, conveyances, offences, airports) from pip-installed packages; never uses the "
        "network. A source whose package and loader versions are unchanged is skipped, so a "
        "second run is a fast no-op; --force reloads. Entries are upserted by code and never "
        "deleted; entries gone from a source are deactivated. An administrator's deactivations, "
        "translated labels and added entries survive a reload. "
        "Seaports: no installed package provides UN/LOCODE ports with coordinates; "
        "administrators and the demo data add seaports, border posts and customs offices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Reload every source even if unchanged."
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=[source.name for source in SOURCES],
            help="Load only this source (repeatable).",
        )

    def handle(self, *args, force: bool = False, only: list[str] | None = None, **options):
        started = time.monotonic()
        results = reference_load(force=force, only=set(only) if only else None)
        by_list = {result.list_name: result for result in results}
        self.stdout.write(f"{'list':<22}{'entries':>9}{'active':>9}  this run")
        for name, model in CODE_LISTS.items():
            total = model.objects.count()
            active = model.objects.filter(active=True).count()
            result = by_list.get(name)
            if result is None:
                status = "-"
            elif not result.loaded:
                status = "unchanged"
            else:
                status = f"loaded: {result.created} new, {result.updated} updated"
                if result.deactivated:
                    status += f", {result.deactivated} deactivated"
                if result.reactivated:
                    status += f", {result.reactivated} reactivated"
                status += f" ({result.seconds:.1f} s)"
            self.stdout.write(f"{name:<22}{total:>9}{active:>9}  {status}")
        for result in results:
            for reason, count in sorted(result.skipped.items()):
                self.stdout.write(self.style.WARNING(f"{result.source}: skipped {count} {reason}"))
        self.stdout.write(SEAPORTS_NOTE)
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
