"""Database triggers that keep :class:`~opencen.seizures.models.SeizureTally` exact.

Every insert, delete or truncate of seizures, and every change of a seizure's unit path or
handling code, adjusts the count of its (unit path, handling code) in the same transaction,
whoever writes: the services, ``bulk_create`` in the generator and the importer, a unit move,
a restore. On PostgreSQL inserts and deletes are counted once per statement (transition
tables), so a bulk insert costs one grouped update, not one per row.
"""

# ruff: noqa: S608  (SQL is built from this module's own table names)
from __future__ import annotations

SEIZURES = "seizures_seizure"
TALLY = "seizures_seizuretally"

_UPSERT_ONE = (
    f"INSERT INTO {TALLY} (unit_path, handling_code, seizures)"
    " VALUES (new.unit_path, new.handling_code, 1)"
    " ON CONFLICT (unit_path, handling_code) DO UPDATE SET seizures = seizures + 1;"
)
_DECREMENT_ONE = (
    f"UPDATE {TALLY} SET seizures = seizures - 1"
    " WHERE unit_path = old.unit_path AND handling_code = old.handling_code;"
)

_SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS seizure_tally_insert AFTER INSERT ON {SEIZURES}"
    f" BEGIN {_UPSERT_ONE} END",
    f"CREATE TRIGGER IF NOT EXISTS seizure_tally_delete AFTER DELETE ON {SEIZURES}"
    f" BEGIN {_DECREMENT_ONE} END",
    f"CREATE TRIGGER IF NOT EXISTS seizure_tally_update"
    f" AFTER UPDATE OF unit_path, handling_code ON {SEIZURES}"
    " WHEN old.unit_path IS NOT new.unit_path OR old.handling_code IS NOT new.handling_code"
    f" BEGIN {_DECREMENT_ONE} {_UPSERT_ONE} END",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS seizure_tally_insert",
    "DROP TRIGGER IF EXISTS seizure_tally_delete",
    "DROP TRIGGER IF EXISTS seizure_tally_update",
]

_POSTGRES_CREATE = [
    # Ordered by key, so that two bulk inserts lock the tally rows in the same order.
    "CREATE OR REPLACE FUNCTION seizure_tally_insert() RETURNS trigger AS $$ BEGIN"
    f" INSERT INTO {TALLY} (unit_path, handling_code, seizures)"
    " SELECT unit_path, handling_code, count(*) FROM seizure_tally_new"
    " GROUP BY unit_path, handling_code ORDER BY unit_path, handling_code"
    " ON CONFLICT (unit_path, handling_code)"
    f" DO UPDATE SET seizures = {TALLY}.seizures + excluded.seizures;"
    " RETURN NULL; END; $$ LANGUAGE plpgsql",
    "CREATE OR REPLACE FUNCTION seizure_tally_delete() RETURNS trigger AS $$ BEGIN"
    f" UPDATE {TALLY} AS tally SET seizures = tally.seizures - gone.seizures"
    " FROM (SELECT unit_path, handling_code, count(*) AS seizures FROM seizure_tally_old"
    " GROUP BY unit_path, handling_code) AS gone"
    " WHERE tally.unit_path = gone.unit_path AND tally.handling_code = gone.handling_code;"
    " RETURN NULL; END; $$ LANGUAGE plpgsql",
    "CREATE OR REPLACE FUNCTION seizure_tally_update() RETURNS trigger AS $$ BEGIN"
    f" UPDATE {TALLY} SET seizures = seizures - 1"
    " WHERE unit_path = OLD.unit_path AND handling_code = OLD.handling_code;"
    f" INSERT INTO {TALLY} (unit_path, handling_code, seizures)"
    " VALUES (NEW.unit_path, NEW.handling_code, 1)"
    f" ON CONFLICT (unit_path, handling_code) DO UPDATE SET seizures = {TALLY}.seizures + 1;"
    " RETURN NULL; END; $$ LANGUAGE plpgsql",
    "CREATE OR REPLACE FUNCTION seizure_tally_truncate() RETURNS trigger AS $$ BEGIN"
    f" DELETE FROM {TALLY}; RETURN NULL; END; $$ LANGUAGE plpgsql",
    f"CREATE OR REPLACE TRIGGER seizure_tally_insert AFTER INSERT ON {SEIZURES}"
    " REFERENCING NEW TABLE AS seizure_tally_new"
    " FOR EACH STATEMENT EXECUTE FUNCTION seizure_tally_insert()",
    f"CREATE OR REPLACE TRIGGER seizure_tally_delete AFTER DELETE ON {SEIZURES}"
    " REFERENCING OLD TABLE AS seizure_tally_old"
    " FOR EACH STATEMENT EXECUTE FUNCTION seizure_tally_delete()",
    f"CREATE OR REPLACE TRIGGER seizure_tally_update"
    f" AFTER UPDATE OF unit_path, handling_code ON {SEIZURES} FOR EACH ROW"
    " WHEN (OLD.unit_path IS DISTINCT FROM NEW.unit_path"
    " OR OLD.handling_code IS DISTINCT FROM NEW.handling_code)"
    " EXECUTE FUNCTION seizure_tally_update()",
    f"CREATE OR REPLACE TRIGGER seizure_tally_truncate AFTER TRUNCATE ON {SEIZURES}"
    " FOR EACH STATEMENT EXECUTE FUNCTION seizure_tally_truncate()",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS seizure_tally_insert ON {SEIZURES}",
    f"DROP TRIGGER IF EXISTS seizure_tally_delete ON {SEIZURES}",
    f"DROP TRIGGER IF EXISTS seizure_tally_update ON {SEIZURES}",
    f"DROP TRIGGER IF EXISTS seizure_tally_truncate ON {SEIZURES}",
    "DROP FUNCTION IF EXISTS seizure_tally_insert()",
    "DROP FUNCTION IF EXISTS seizure_tally_delete()",
    "DROP FUNCTION IF EXISTS seizure_tally_update()",
    "DROP FUNCTION IF EXISTS seizure_tally_truncate()",
]

_BACKFILL = [
    f"DELETE FROM {TALLY}",
    f"INSERT INTO {TALLY} (unit_path, handling_code, seizures)"
    f" SELECT unit_path, handling_code, COUNT(*) FROM {SEIZURES} GROUP BY unit_path, handling_code",
]


def _statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    if vendor == "postgresql":
        return _POSTGRES_CREATE if create else _POSTGRES_DROP
    raise NotImplementedError(f"No seizure tally triggers for the {vendor} database.")


def install_tally_triggers(connection) -> None:
    """Create the triggers and count the seizures already there (idempotent; run it inside a
    transaction so that no seizure is written between the count and the triggers)."""
    with connection.cursor() as cursor:
        for statement in [*_statements(connection.vendor, create=True), *_BACKFILL]:
            cursor.execute(statement)


def drop_tally_triggers(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=False):
            cursor.execute(statement)


def tally_rebuild(connection) -> None:
    """Count again from the seizure table (a repair; the triggers keep it exact)."""
    with connection.cursor() as cursor:
        for statement in _BACKFILL:
            cursor.execute(statement)
