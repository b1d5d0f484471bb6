"""``opencen demo``: fill the database with coherent synthetic data, the same for the same seed.

Runs every demo generator the installed apps provide (see :mod:`opencen.core.demo`) in
dependency order, with a progress bar each, and prints what was created and how long it took.
A generator whose tables already hold data is skipped, so a second run adds nothing twice;
``--if-empty`` goes further and does nothing at all once the database holds any demo or user
data beyond the ``admin`` account (what ``make run`` uses).

Count options exist only while a generator provides them: ``--users-per-unit`` today,
``--seizures``, ``--persons`` and ``--companies`` once those apps and their generators land.
Until then ``opencen demo --seizures 10`` stops with a message saying seizures cannot be
generated in this installation yet, rather than accepting a number it would ignore.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencen.core import demo
from opencen.core.db import refresh_statistics

DEFAULT_SEED = 1


class DemoCommandParser(CommandParser):
    """Explains an option no generator provides instead of argparse's bare "unrecognized"."""

    def parse_args(self, args=None, namespace=None):
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(self.unknown_message(extras))
        return namespace

    def unknown_message(self, extras: list[str]) -> str:
        flags = sorted(
            {flag for action in self._actions for flag in action.option_strings}
            - {"-h", "--help", "--version", "-v", "--verbosity", "--settings", "--pythonpath"}
            - {"--traceback", "--no-color", "--force-color", "--skip-checks"}
        )
        options = [extra for extra in extras if extra.startswith("--")]
        if not options:
            return f"unexpected argument(s): {' '.join(extras)}"
        name = options[0][2:].split("=", 1)[0]
        return (
            f"{options[0].split('=', 1)[0]}: {name.replace('-', ' ')} are not available yet in "
            f"this installation: no installed app provides a demo generator for them. "
            f"Options of `opencen demo`: {', '.join(flags)}."
        )


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic demo data (units, users of every role, places...), "
        "deterministic for a seed."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds the parser itself; give it our error message for unknown options.
        parser.__class__ = DemoCommandParser
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed: the same seed on an empty database gives the same data "
            f"(default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds demo or user data beyond the "
            "admin account.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=demo.DEFAULT_BATCH_SIZE,
            help=f"Rows per insert and transaction (default {demo.DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with OPENCEN_ENV=production (demo users share one password).",
        )
        self.generators = demo.discover()
        for option in demo.declared_options(self.generators):
            parser.add_argument(
                option.flag,
                dest=option.dest,
                type=option.type,
                default=option.default,
                metavar=option.metavar,
                help=option.help,
            )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            message = (
                "OPENCEN_ENV=production: demo data adds users who all share one password. "
                "Add --allow-production if this really is a training or test server."
            )
            if options["if_empty"]:  # `make run` on a production server: no demo, no failure
                self.stdout.write(f"No demo data generated. {message}")
                return
            raise CommandError(message)
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        generator_classes = getattr(self, "generators", None) or demo.discover()
        generators = [generator_class() for generator_class in generator_classes]
        generator_options = {
            option.dest: options[option.dest] for option in demo.declared_options(generator_classes)
        }
        occupied = [generator for generator in generators if not generator.is_empty()]
        if options["if_empty"] and occupied:
            self.stdout.write(
                "The database already holds data ("
                + ", ".join(generator.label.lower() for generator in occupied)
                + "): --if-empty, so no demo data was generated."
            )
            return

        contexts = {
            generator.name: demo.DemoContext(
                generator_name=generator.name,
                seed=options["seed"],
                options=generator_options,
                batch_size=options["batch_size"],
            )
            for generator in generators
        }
        table = []
        try:
            for generator in generators:  # every check before anything is written
                if generator not in occupied:
                    generator.check(contexts[generator.name])
            for generator in generators:
                if generator in occupied:
                    table.append((generator.label, "skipped: already holds data", None, 0))
                else:
                    table.append(self._run(generator, contexts[generator.name], options))
        except demo.DemoDataError as error:
            self._notes(generators, contexts)  # a password is shown only here, even on failure
            raise CommandError(str(error)) from None
        # Statistics for SQLite's query planner, now that the tables hold data.
        refresh_statistics()
        self._summary(options, table)
        self._notes(generators, contexts)

    def _notes(self, generators, contexts) -> None:
        for generator in generators:
            for note in contexts[generator.name].notes:
                self.stdout.write(note)

    def _run(self, generator, ctx, options) -> tuple[str, str, float, int]:
        from tqdm import tqdm

        ctx.progress = tqdm(
            total=generator.estimate(ctx),
            desc=f"{generator.label:<10}",
            unit=" rows",
            # The raw stream: Django's wrapper would add a newline to every refresh.
            file=self.stderr._out,
            disable=True if options["verbosity"] == 0 else None,  # None: off when not a TTY
            dynamic_ncols=True,
        )
        started = time.perf_counter()
        try:
            created = generator.generate(ctx)
        finally:
            ctx.progress.close()
        seconds = time.perf_counter() - started
        what = ", ".join(f"{count:,} {label}" for label, count in created.items()) or "nothing"
        return generator.label, what, seconds, sum(created.values())

    def _summary(self, options, table) -> None:
        if options["verbosity"] == 0:
            return
        ran = [row for row in table if row[2] is not None]
        width = max([len(label) for label, *_ in table] + [5])
        what_width = max([len(what) for _, what, *_ in ran] + [12])
        total_rows = sum(count for *_, count in ran)
        total_seconds = sum(seconds for _, _, seconds, _ in ran)
        self.stdout.write(f"Demo data, seed {options['seed']}:")
        self.stdout.write(f"  {'':<{width}}  {'created':<{what_width}}  {'time':>9}  {'rows/s':>9}")
        for label, what, seconds, count in table:
            if seconds is None:
                self.stdout.write(f"  {label:<{width}}  {what}")
                continue
            rate = f"{count / seconds:,.0f}" if seconds > 0 else "-"
            self.stdout.write(
                f"  {label:<{width}}  {what:<{what_width}}  {seconds:>7.2f} s  {rate:>9}"
            )
        rate = f"{total_rows / total_seconds:,.0f}" if total_seconds > 0 else "-"
        self.stdout.write(
            f"  {'total':<{width}}  {f'{total_rows:,} rows':<{what_width}}  "
            f"{total_seconds:>7.2f} s  {rate:>9}"
        )
