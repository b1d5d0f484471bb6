"""Free-text search over seizures: one indexed document per seizure.

The document holds the reference, the narrative, the goods descriptions, brands and CITES
species, and the conveyance identifiers (vessel and airline names, flight, IMO, container, air
waybill, plate, bill of lading, tracking numbers), each identifier also written normalised
(``CSQU 305438-3`` -> ``CSQU3054383``) so that an identifier typed any way is found exactly.

Storage (created by migration 0002 with :func:`install_search_index`):

- the table ``seizures_search`` (id, seizure_id unique, document), on both databases;
- SQLite: an FTS5 index ``seizures_search_fts`` over it (external content: the text is stored
  once, in the table; triggers keep the index in step with the table's rows);
- PostgreSQL: a generated ``tsvector`` column (``to_tsvector('simple', document)``, no
  stemming, as seizures are written in many languages) with a GIN index.

The table has no foreign key to the seizure (a test database flush or a restore need not know
about it); a search joins it to the seizures the user may read, so a left-over row is never
shown. Writes keep it current: the seizure services call :func:`seizure_index_update` with the
ids they changed, the demo generator calls :func:`seizure_index_insert` with the documents it
built, and ``opencen search-index rebuild`` calls :func:`seizure_index_rebuild`.
"""

# ruff: noqa: S608  (SQL is built from this module's own table names; values are parameters)
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connections, router, transaction
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import Expression, RawSQL

from opencen.seizures.models import Conveyance, GoodsItem, Seizure
from opencen.seizures.validators import normalise_identifier

TABLE = "seizures_search"
FTS_TABLE = "seizures_search_fts"

#: Conveyance fields whose values are identifiers: written as typed and normalised.
IDENTIFIER_FIELDS = (
    "flight_number",
    "imo_number",
    "container_number",
    "vehicle_plate",
    "air_waybill",
    "bill_of_lading",
    "tracking_number",
)
#: Conveyance fields that are names: written as typed.
NAME_FIELDS = ("airline", "vessel_name")

# --- schema (used by the migration) --------------------------------------------------------

_SQLITE_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " id INTEGER PRIMARY KEY,"
    " seizure_id char(32) NOT NULL UNIQUE,"
    " document TEXT NOT NULL)",
    # External content: the index stores no second copy of the text.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"document, content='{TABLE}', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN"
    f" INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.id, new.document); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document)"
    " VALUES ('delete', old.id, old.document); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document)"
    " VALUES ('delete', old.id, old.document);"
    f" INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.id, new.document); END",
]
_SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP TABLE IF EXISTS {TABLE}",
]
_POSTGRES_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " id bigserial PRIMARY KEY,"
    " seizure_id uuid NOT NULL UNIQUE,"
    " document text NOT NULL,"
    " vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, document)) STORED)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector_idx ON {TABLE} USING GIN (vector)",
]
_POSTGRES_DROP = [f"DROP TABLE IF EXISTS {TABLE}"]


def _statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    if vendor == "postgresql":
        return _POSTGRES_CREATE if create else _POSTGRES_DROP
    raise NotImplementedError(f"No full-text search index for the {vendor} database.")


def install_search_index(connection) -> None:
    """Create the search table and its index (idempotent)."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=True):
            cursor.execute(statement)


def drop_search_index(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=False):
            cursor.execute(statement)


# --- documents -----------------------------------------------------------------------------


def search_document(
    *,
    reference: str,
    narrative: str = "",
    texts: Iterable[str] = (),
    identifiers: Iterable[str] = (),
) -> str:
    """The indexed text of one seizure. ``texts``: goods descriptions, brands, species,
    vessel and airline names; ``identifiers``: conveyance identifiers as typed."""
    parts = [reference, normalise_identifier(reference), narrative]
    parts.extend(text for text in texts if text)
    for identifier in identifiers:
        if identifier:
            parts.append(identifier)
            normalised = normalise_identifier(identifier)
            if normalised != identifier:
                parts.append(normalised)
    return "\n".join(part for part in parts if part)


def _documents(seizure_ids: Sequence[Any], using: str) -> list[tuple[Any, str]]:
    """(seizure id, document) for these seizures, read with three queries."""
    texts: dict[Any, list[str]] = {pk: [] for pk in seizure_ids}
    identifiers: dict[Any, list[str]] = {pk: [] for pk in seizure_ids}
    goods = GoodsItem.objects.using(using).filter(seizure_id__in=seizure_ids)
    for seizure_id, *values in goods.order_by("seizure_id", "position", "id").values_list(
        "seizure_id", "description", "brand", "cites_species"
    ):
        texts[seizure_id].extend(values)
    conveyances = Conveyance.objects.using(using).filter(seizure_id__in=seizure_ids)
    for seizure_id, *values in conveyances.order_by("seizure_id", "position", "id").values_list(
        "seizure_id", *NAME_FIELDS, *IDENTIFIER_FIELDS
    ):
        texts[seizure_id].extend(values[: len(NAME_FIELDS)])
        identifiers[seizure_id].extend(values[len(NAME_FIELDS) :])
    seizures = Seizure.objects.using(using).filter(pk__in=seizure_ids).order_by()
    return [
        (
            pk,
            search_document(
                reference=reference,
                narrative=narrative,
                texts=texts[pk],
                identifiers=identifiers[pk],
            ),
        )
        for pk, reference, narrative in seizures.values_list("pk", "reference", "narrative")
    ]


def _db_id(seizure_id: Any, connection) -> Any:
    return Seizure._meta.pk.get_db_prep_value(seizure_id, connection, prepared=False)


# --- writes --------------------------------------------------------------------------------


def seizure_index_insert(
    rows: Iterable[tuple[Any, str]],
    *,
    using: str | None = None,
    batch_size: int = 5000,
    on_batch: Callable[[int], None] | None = None,
    prepared: bool = False,
) -> int:
    """Insert (seizure id, document) rows for seizures not yet indexed (bulk: the generator,
    the rebuild). One statement per batch: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.
    ``prepared``: the ids are already in the database's form (the generator's)."""
    alias = using or router.db_for_write(Seizure)
    connection = connections[alias]
    count = 0
    iterator = iter(rows)
    while chunk := list(islice(iterator, batch_size)):
        values = (
            chunk if prepared else [(_db_id(pk, connection), document) for pk, document in chunk]
        )
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_sql = f"COPY {TABLE} (seizure_id, document) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    f"INSERT INTO {TABLE} (seizure_id, document) VALUES (%s, %s)",
                    values,
                )
        count += len(chunk)
        if on_batch:
            on_batch(len(chunk))
    return count


def seizure_index_update(seizure_ids: Iterable[Any], *, using: str | None = None) -> None:
    """Bring the documents of these seizures up to date (called by the seizure services, in
    their transaction). A seizure that no longer exists loses its document."""
    ids = list(dict.fromkeys(seizure_ids))
    if not ids:
        return
    alias = using or router.db_for_write(Seizure)
    connection = connections[alias]
    documents = _documents(ids, alias)
    placeholders = ", ".join(["%s"] * len(ids))
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE seizure_id IN ({placeholders})",
            [_db_id(pk, connection) for pk in ids],
        )
        if documents:
            cursor.executemany(
                f"INSERT INTO {TABLE} (seizure_id, document) VALUES (%s, %s)",
                [(_db_id(pk, connection), document) for pk, document in documents],
            )


def seizure_index_rebuild(
    *,
    using: str | None = None,
    batch_size: int = 5000,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Empty the index and write the document of every seizure again; returns how many."""
    alias = using or router.db_for_write(Seizure)
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        else:
            cursor.execute(f"TRUNCATE {TABLE}")

    def batches():
        last = None
        while True:
            page = Seizure.objects.using(alias).order_by("pk")
            if last is not None:
                page = page.filter(pk__gt=last)
            ids = list(page.values_list("pk", flat=True)[:batch_size])
            if not ids:
                return
            last = ids[-1]
            yield from _documents(ids, alias)

    count = seizure_index_insert(batches(), using=alias, batch_size=batch_size, on_batch=on_batch)
    if connection.vendor == "sqlite":
        seizure_index_optimize(using=alias)
    return count


def seizure_index_optimize(*, using: str | None = None) -> None:
    """Merge the FTS5 index segments into one (after bulk loads; no-op on PostgreSQL)."""
    alias = using or router.db_for_write(Seizure)
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def seizure_index_count(*, using: str | None = None) -> int:
    alias = using or router.db_for_write(Seizure)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return cursor.fetchone()[0]


# --- queries -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _terms(text: str) -> tuple[list[str], str]:
    """The words of a query (lower case) and the query as one normalised identifier, when it
    looks like one (letters and digits mixed, or digits only, at least 4 characters)."""
    words = _WORD.findall(text.lower())
    identifier = normalise_identifier(text)
    if not (
        len(identifier) >= 4
        and any(c.isdigit() for c in identifier)
        and identifier.isalnum()
        and identifier.lower() not in words
    ):
        identifier = ""
    return words, identifier.lower()


def _fts5_query(words: list[str], identifier: str) -> str:
    # Every word quoted (no operator can be injected); words of 3 or more letters match as
    # prefixes ("cocain" finds "cocaine"); all words must be present.
    terms = " AND ".join(f'"{word}"*' if len(word) >= 3 else f'"{word}"' for word in words)
    if identifier:
        return f'({terms}) OR "{identifier}"' if terms else f'"{identifier}"'
    return terms


def _tsquery(words: list[str], identifier: str) -> str:
    terms = " & ".join(f"{word}:*" if len(word) >= 3 else word for word in words)
    if identifier:
        return f"({terms}) | {identifier}" if terms else identifier
    return terms


def seizure_text_sql(text: str, vendor: str) -> tuple[str, list[str]] | None:
    """``SELECT seizure_id ...`` matching ``text`` and its parameters; None for no words."""
    words, identifier = _terms(text or "")
    if not words and not identifier:
        return None
    if vendor == "postgresql":
        return (
            f"SELECT seizure_id FROM {TABLE} WHERE vector @@ to_tsquery('simple'::regconfig, %s)",
            [_tsquery(words, identifier)],
        )
    return (
        f"SELECT s.seizure_id FROM {FTS_TABLE} f JOIN {TABLE} s ON s.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH %s",
        [_fts5_query(words, identifier)],
    )


#: From this many documents matching, a newest-first page tests each seizure it reads (in
#: time order) against the matches, instead of reading and sorting every match.
TEXT_SCAN_FROM = 5000


class _DocumentMatches(Expression):
    """True when the seizure's document is among the FTS5 matches of ``fts_query``. The
    matching row ids are computed once per query (SQLite keeps an uncorrelated ``IN`` list);
    each seizure is then one lookup in the unique index on ``seizure_id``."""

    conditional = True

    def __init__(self, fts_query: str):
        super().__init__(output_field=BooleanField())
        self.fts_query = fts_query
        self.seizure = F("pk")

    def get_source_expressions(self):
        return [self.seizure]

    def set_source_expressions(self, exprs):
        (self.seizure,) = exprs

    def as_sql(self, compiler, connection):
        seizure_sql, seizure_params = compiler.compile(self.seizure)
        sql = (
            f"EXISTS (SELECT 1 FROM {TABLE} AS text_doc"
            f" WHERE text_doc.seizure_id = {seizure_sql} AND text_doc.id IN"
            f" (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))"
        )
        return sql, [*seizure_params, self.fts_query]


def _fts5_match_count(fts_query: str, alias: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts_query])
        return cursor.fetchone()[0]


def seizure_text_q(text: str, *, using: str | None = None, newest_first: bool = False) -> Q:
    """Seizures whose reference, narrative, goods or conveyance identifiers match ``text``:
    every word (as a prefix from 3 letters), or the whole text as one identifier.

    ``newest_first``: the caller reads a page of the newest matches through the time index.
    On SQLite, when the text matches many documents, the filter is then worded as a test of
    each seizure read (stopping at the page) rather than a list of every match to sort."""
    alias = using or router.db_for_read(Seizure)
    vendor = connections[alias].vendor
    query = seizure_text_sql(text, vendor)
    if query is None:
        return Q()
    sql, params = query
    if (
        newest_first
        and vendor == "sqlite"
        and _fts5_match_count(params[0], alias) >= TEXT_SCAN_FROM
    ):
        return Q(_DocumentMatches(params[0]))
    return Q(pk__in=RawSQL(sql, params))  # noqa: S611 (the text is a parameter)
