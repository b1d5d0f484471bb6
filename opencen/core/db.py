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
