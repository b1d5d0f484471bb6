"""Database wiring: every SQLite connection gets the pragmas OpenCEN relies on."""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.dispatch import receiver

#: Pragmas applied to every SQLite connection, in this order. WAL lets readers work while a
#: writer commits; FULL synchronous keeps committed seizures through a power cut.
SQLITE_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("foreign_keys", "ON"),
    ("synchronous", "FULL"),
    ("busy_timeout", "20000"),
    # Reads go through a memory map of the database file (up to SQLite's own ceiling, 2 GiB
    # by default) and a 32 MiB page cache per connection instead of 2 MiB: a list page or a
    # match at a million records reads the same index pages again and again.
    ("mmap_size", str(2**31)),
    ("cache_size", "-32768"),
    ("temp_store", "MEMORY"),
)


@receiver(connection_created)
def configure_sqlite(sender, connection, **kwargs) -> None:
    """Apply :data:`SQLITE_PRAGMAS` to a new SQLite connection."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, value in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {name} = {value}")


#: Rows sampled per index by ANALYZE: approximate statistics in milliseconds, even at a
#: million rows per table.
ANALYSIS_LIMIT = 1000

#: The tables given statistics (app label, model): only those whose plans were checked with
#: them at a million rows. Others keep SQLite's own guesses, which some reads rely on (the
#: seizure list reads the newest seizures through the time index: with statistics, SQLite
#: sorted a million of them instead).
ANALYZED_MODELS = (("persons", "Person"), ("matching", "PersonKey"))


def refresh_statistics(using: str = "default") -> bool:
    """Give SQLite's query planner current statistics of :data:`ANALYZED_MODELS` (a sampled
    ``ANALYZE``).

    Without them SQLite guesses that "not merged into another record" picks out few persons:
    a person search led by the matching keys was then read through every live person instead
    (400 ms against 16 ms at a million). ``opencen serve`` runs this at each start and
    ``opencen demo`` after generating data. PostgreSQL keeps its own statistics
    (autovacuum): nothing to do there. Returns True when statistics were made."""
    from django.apps import apps
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {int(ANALYSIS_LIMIT)}")
        for app_label, model_name in ANALYZED_MODELS:
            table = apps.get_model(app_label, model_name)._meta.db_table
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True
