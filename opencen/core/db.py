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


def refresh_statistics(using: str = "default") -> bool:
    """Give SQLite's query planner current table statistics (``ANALYZE``, sampled).

    Without them SQLite guesses, and guesses that "not merged into another record" picks
    out few rows: a person search led by the matching keys was then read through every
    live person instead (400 ms against 16 ms at a million). ``opencen serve`` runs this
    at each start and ``opencen demo`` after generating data. PostgreSQL keeps its own
    statistics (autovacuum): nothing to do there. Returns True when statistics were made."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {int(ANALYSIS_LIMIT)}")
        cursor.execute("ANALYZE")
    return True
