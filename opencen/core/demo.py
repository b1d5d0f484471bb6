"""The demo data framework: generators that fill a database with coherent synthetic data.

``opencen demo`` runs every registered generator in dependency order. Each app contributes its
generators in an optional ``<app>/demo.py`` module (found with ``autodiscover_modules("demo")``,
the way Django finds ``admin.py``)::

    from opencen.core import demo


    @demo.register
    class SeizureGenerator(demo.DemoGenerator):
        name = "seizures"
        label = "Seizures"
        dependencies = ("units", "users", "places")
        options = (demo.DemoOption("seizures", default=2000, help="How many seizures to make."),)

        def is_empty(self) -> bool:
            return not Seizure.objects.exists()

        def estimate(self, ctx: demo.DemoContext) -> int:
            return ctx.options["seizures"]

        def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
            units = sorted(Unit.objects.values_list("id", flat=True))  # read once
            rows = (
                (ctx.uuid(), f"S-{n:07d}", ctx.rng.choice(units), ...)
                for n in range(ctx.options["seizures"])
            )
            fields = ["id", "reference", "unit_id", ...]
            return {"seizures": ctx.insert_rows(Seizure, fields, rows)}

Rules every generator follows, so that 1,000,000 seizures, 1,000,000 persons and 300,000
companies fit in under ten minutes on SQLite:

- **Bulk inserts in batches.** Hand an iterator (a generator expression, never a list of a
  million rows) to :meth:`DemoContext.bulk_create` (model instances) or, for the big tables,
  :meth:`DemoContext.insert_rows` (plain tuples): each inserts ``--batch-size`` rows at a time
  (5,000 by default), one transaction per batch, and moves the progress bar. Measured here
  with 300,000 places: ``bulk_create`` 6,600 to 7,700 rows a second on SQLite (Django builds
  the SQL again for every 70 or so rows); ``insert_rows`` 55,000 to 90,000 on SQLite (one
  statement run by ``executemany``) and about 25,000 on PostgreSQL (``COPY``). Millions of
  rows and their child rows in ten minutes need ``insert_rows``.
- **No per-row queries.** Load what you need from other tables once, before the loop (ids of
  units, users, places, countries as plain lists), and refer to it by id (``unit_id=...``),
  never by fetching or saving objects one by one. No ``save()``, no signals, no services: the
  demo writes rows, not business events (and so writes no audit events).
- **Ids made in Python.** Records with a UUID key take :meth:`DemoContext.uuid`, so a row can
  point at another before either is inserted (goods items at their seizure, involvements at
  persons) without reading anything back. Tables with integer keys (units, users) are small:
  insert them level by level and read the ids back once per level.
- **Deterministic.** Every random choice comes from ``ctx.rng``, a ``random.Random`` seeded from
  the run's ``--seed`` and the generator's name: the same seed on an empty database gives the
  same rows, and adding a generator later changes nothing another one produces. Never use the
  module-level ``random``, ``uuid.uuid4()`` or the current time for data (dates are computed
  from a fixed reference date). Read database rows in a fixed order: sort text keys in Python,
  because SQLite and PostgreSQL collations order ``-`` and ``/`` differently.
- **Fields Django fills on insert** (``auto_now_add``, ``auto_now``) are overwritten by
  ``bulk_create``; ``insert_rows`` writes the historical dates you give it (and the time of
  the call for those you leave out).
- **An interrupted run** leaves the batches it committed; a generator whose table is not empty
  is skipped on the next run, so start again from a fresh database.
- **Say what is missing.** :meth:`DemoGenerator.check` runs for every generator before any of
  them writes anything, and raises :class:`DemoDataError` with what to do (for example "run
  `opencen load-reference` first").
- **Declare your command-line options.** A count option (``--seizures``) exists only while a
  generator declares it, so the command never accepts a number it would silently ignore.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, ClassVar

from django.db import connections, models, router, transaction
from django.utils import timezone

DEFAULT_BATCH_SIZE = 5000


class DemoDataError(Exception):
    """A generator cannot run; the message says why and what to do."""


@dataclass(frozen=True)
class DemoOption:
    """A command-line option a generator adds to ``opencen demo`` (``--users-per-unit N``)."""

    name: str  # "users-per-unit": the option is --users-per-unit, ctx.options["users_per_unit"]
    default: Any
    help: str
    type: Callable[[str], Any] = int
    metavar: str = "N"

    @property
    def flag(self) -> str:
        return f"--{self.name}"

    @property
    def dest(self) -> str:
        return self.name.replace("-", "_")


def derived_seed(seed: int, *parts: str) -> int:
    """A 64-bit seed from the run's seed and a name; stable across Python runs and versions."""
    text = "/".join([str(seed), *parts]).encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


class _NoProgress:
    """Stands in for a progress bar when there is none (tests, library use)."""

    total: int | None = None

    def update(self, n: int = 1) -> None:
        pass

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class DemoContext:
    """What one generator gets: its random stream, the options, the batch size, a progress bar."""

    generator_name: str
    seed: int
    options: dict[str, Any]
    batch_size: int = DEFAULT_BATCH_SIZE
    progress: Any = field(default_factory=_NoProgress)
    #: Lines to print after the summary (a password shown once, a hint).
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(derived_seed(self.seed, self.generator_name))  # noqa: S311
        # Ids come from a stream of their own, so drawing one more random value for a field
        # does not change every id after it.
        self._id_rng = random.Random(derived_seed(self.seed, self.generator_name, "ids"))  # noqa: S311

    def uuid(self) -> uuid.UUID:
        """A deterministic version-4 UUID for a new row's primary key."""
        return uuid.UUID(int=self._id_rng.getrandbits(128), version=4)

    def set_total(self, total: int) -> None:
        """Tell the progress bar how many rows are coming, once the generator knows."""
        self.progress.total = total
        self.progress.refresh()

    def advance(self, count: int) -> None:
        """Move the progress bar by ``count`` rows (bulk_create does it for you)."""
        self.progress.update(count)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def bulk_create(
        self,
        model: type[models.Model],
        objects: Iterable[models.Model],
        *,
        batch_size: int | None = None,
        keep: bool = False,
    ) -> int | list[models.Model]:
        """Insert ``objects`` in batches, one transaction per batch.

        Returns how many rows were inserted, or the inserted objects when ``keep`` is true
        (only for small tables: their integer keys are filled in on SQLite and PostgreSQL).
        """
        size = batch_size or self.batch_size
        iterator = iter(objects)
        kept: list[models.Model] = []
        count = 0
        while chunk := list(islice(iterator, size)):
            with transaction.atomic():
                model._default_manager.bulk_create(chunk, batch_size=size)
            count += len(chunk)
            self.advance(len(chunk))
            if keep:
                kept.extend(chunk)
        return kept if keep else count

    def insert_rows(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        batch_size: int | None = None,
    ) -> int:
        """Insert plain tuples, one compiled INSERT run with ``executemany`` per batch.

        Several times faster than :meth:`bulk_create` (no model instances, no SQL built per
        row), for the tables of millions of rows. ``fields`` are model field names (``unit`` or
        ``unit_id`` for a foreign key, given as an id); each row holds their values in that
        order. A column left out gets its model default, computed once for the whole call
        (``auto_now`` and ``auto_now_add`` columns: the time of the call); a primary key with a
        default must be given (:meth:`uuid`).
        """
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        given = [model._meta.get_field(name) for name in fields]
        now = timezone.now()
        defaults: list[tuple[models.Field, Any]] = []
        for model_field in model._meta.concrete_fields:
            if model_field in given:
                continue
            if model_field.primary_key:
                if isinstance(model_field, models.AutoField | models.BigAutoField):
                    continue  # the database numbers the rows
                raise ValueError(f"insert_rows into {model.__name__} needs its primary key.")
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                defaults.append((model_field, now))
            else:
                defaults.append((model_field, model_field.get_default()))
        all_fields = given + [model_field for model_field, _ in defaults]
        constant = tuple(
            model_field.get_db_prep_save(value, connection) for model_field, value in defaults
        )
        columns = ", ".join(quote(f.column) for f in all_fields)
        placeholders = ", ".join(["%s"] * len(all_fields))
        # Identifiers come from the model and are quoted; every value is a parameter.
        table = quote(model._meta.db_table)
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        converters = [_db_converter(f, connection) for f in given]
        convert = any(converters)
        size = batch_size or self.batch_size
        iterator = iter(rows)
        count = 0
        while chunk := list(islice(iterator, size)):
            if convert:
                chunk = [
                    tuple(
                        c(v) if c and v is not None else v
                        for c, v in zip(converters, row, strict=True)
                    )
                    + constant
                    for row in chunk
                ]
            elif constant:
                chunk = [tuple(row) + constant for row in chunk]
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    # COPY: several times faster than executemany on PostgreSQL.
                    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in chunk:
                            copy.write_row(row)
                else:
                    cursor.executemany(sql, chunk)
            count += len(chunk)
            self.advance(len(chunk))
        return count


#: Field types whose Python values both backends take as they are.
_PASSTHROUGH_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.FloatField,
)


def _db_converter(model_field: models.Field, connection) -> Callable[[Any], Any] | None:
    """How a value becomes a database value for ``model_field``; None when it is as it is."""
    target = model_field.target_field if model_field.is_relation else model_field
    if isinstance(target, _PASSTHROUGH_FIELDS):
        return None
    return lambda value: model_field.get_db_prep_save(value, connection)


class DemoGenerator:
    """One kind of demo data. Subclass, set the class attributes and register it."""

    #: Stable name: used in ``dependencies``, in the summary and to seed the random stream.
    name: ClassVar[str]
    #: What the progress bar and the summary call it.
    label: ClassVar[str]
    #: Names of generators that must run first.
    dependencies: ClassVar[tuple[str, ...]] = ()
    #: Among generators whose dependencies are met, lower runs first.
    order: ClassVar[int] = 100
    #: Command-line options this generator adds to ``opencen demo``.
    options: ClassVar[tuple[DemoOption, ...]] = ()

    def is_empty(self) -> bool:
        """True when the tables this generator fills hold nothing yet."""
        raise NotImplementedError

    def check(self, ctx: DemoContext) -> None:
        """Raise :class:`DemoDataError` when the generator cannot run (before anything runs)."""

    def estimate(self, ctx: DemoContext) -> int | None:
        """How many rows ``generate`` will insert, for the progress bar (None: unknown)."""
        return None

    def generate(self, ctx: DemoContext) -> dict[str, int]:
        """Insert the rows; return what was created, e.g. ``{"users": 120, "roles": 130}``."""
        raise NotImplementedError


_registry: dict[str, type[DemoGenerator]] = {}


def register(generator: type[DemoGenerator]) -> type[DemoGenerator]:
    """Class decorator: make ``generator`` part of ``opencen demo``."""
    existing = _registry.get(generator.name)
    if existing is not None and existing.__qualname__ != generator.__qualname__:
        raise ValueError(
            f"Two demo generators are named {generator.name!r}: "
            f"{existing.__module__}.{existing.__qualname__} and "
            f"{generator.__module__}.{generator.__qualname__}."
        )
    _registry[generator.name] = generator
    return generator


def discover() -> list[type[DemoGenerator]]:
    """Import every installed app's ``demo`` module and return the generators, in run order."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo")
    return ordered(_registry.values())


def ordered(generators: Iterable[type[DemoGenerator]]) -> list[type[DemoGenerator]]:
    """Dependencies first; among generators that are ready, by ``order`` then name."""
    pending = {g.name: g for g in generators}
    for generator in pending.values():
        missing = [d for d in generator.dependencies if d not in pending]
        if missing:
            raise DemoDataError(
                f"The demo generator {generator.name!r} needs {', '.join(missing)}, "
                "which no installed app provides."
            )
    done: list[type[DemoGenerator]] = []
    names_done: set[str] = set()
    while pending:
        ready = [g for g in pending.values() if set(g.dependencies) <= names_done]
        if not ready:
            raise DemoDataError(
                "The demo generators depend on each other in a circle: "
                + ", ".join(sorted(pending))
            )
        chosen = min(ready, key=lambda g: (g.order, g.name))
        done.append(chosen)
        names_done.add(chosen.name)
        del pending[chosen.name]
    return done


def declared_options(generators: Iterable[type[DemoGenerator]]) -> list[DemoOption]:
    """The options the generators add, each once; two generators may not claim one name."""
    seen: dict[str, tuple[DemoOption, str]] = {}
    for generator in generators:
        for option in generator.options:
            if option.name in seen and seen[option.name][0] != option:
                raise DemoDataError(
                    f"The demo option --{option.name} is declared differently by "
                    f"{seen[option.name][1]!r} and {generator.name!r}."
                )
            seen.setdefault(option.name, (option, generator.name))
    return [option for option, _ in seen.values()]
