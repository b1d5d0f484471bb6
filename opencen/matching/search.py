"""Finding the persons and companies on file that an asked name (and birth date,
nationality, document or registration number) most likely designates.

Candidates come from the blocking keys (:mod:`opencen.matching.indexing`): one indexed,
capped lookup per key, the candidates sharing the most keys first, then the user's scope
applied to those ids only. Their profiles are scored in Python; each match carries an
explanation of what agreed and what differed.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Q
from orjson import loads as json_loads
from rapidfuzz import fuzz
from rapidfuzz.process import extract

from opencen.accounts.permissions import Permission
from opencen.matching.indexing import company_keys, person_keys
from opencen.matching.models import CompanyKey, CompanyProfile, PersonKey, PersonProfile
from opencen.matching.normalise import (
    company_name_form,
    normalise_number,
    person_name_form,
    skeleton,
)
from opencen.matching.scoring import PartSimilarity, name_similarity, with_compounds

#: Candidates read per query at most, and how many of them are fully scored (the best by a
#: quick measure computed for all in one call).
MAX_CANDIDATES = 300
FULLY_SCORED = 80


def _quick_floor(threshold: float) -> float:
    """The quick measure (0-100, see _shortlist) below which no candidate reaches
    ``threshold``: the quick measure is never much below the full name score, so three
    quarters of the threshold leaves a wide margin."""
    return 75 * threshold if threshold > 0 else 0.0


def fully_scored(limit: int) -> int:
    """Candidates fully scored for a query wanting ``limit`` answers."""
    return min(FULLY_SCORED, max(30, 3 * limit))


#: Key reads per statement: the shapes of statement used, smallest first.
STATEMENT_SHAPES = (12, 40, 100)
#: Queries whose key lookups and profile reads go to the database together.
BATCH_QUERIES = 50
#: Rows read per key (and again within the asked birth year) at most: common keys are cut
#: short. Chosen on the bench's 1,000,000 persons and 300,000 companies as shallower
#: reads that kept every figure of the labelled quality set among them: a person's birth-year
#: read finds the right holder of a common name, so its name keys are read less deep.
PERSON_KEY_LIMITS = {"d": 50, "p": 100, "q": 30, "t": 40, "s": 30}
COMPANY_KEY_LIMITS = {"r": 50, "x": 50, "n": 75, "p": 150, "t": 60, "s": 45}
KEY_WEIGHTS = {"d": 20, "r": 20, "x": 20, "n": 6, "p": 4, "q": 1, "t": 1, "s": 1}
YEAR_BONUS = 2


@dataclass(frozen=True)
class PersonQuery:
    """What is asked about a person; any of name or document number is enough."""

    name: str = ""
    birth_date: str = ""
    nationalities: tuple[str, ...] = ()
    document_number: str = ""
    sex: str = ""
    #: More names of the same person (as written in its script, in Latin letters).
    other_names: tuple[str, ...] = ()
    #: More document numbers of the same person.
    other_documents: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        found = []
        for name in (self.name, *self.other_names):
            name = (name or "").strip()
            if name and name not in found:
                found.append(name)
        return found

    @property
    def documents(self) -> list[str]:
        found = []
        for number in (self.document_number, *self.other_documents):
            number = normalise_number(number)
            if number and number not in found:
                found.append(number)
        return found


@dataclass(frozen=True)
class CompanyQuery:
    name: str = ""
    country: str = ""
    registration_number: str = ""
    tax_number: str = ""


@dataclass
class Match:
    """One record found: its id, a score from 0 to 1, its name and why it was found."""

    id: Any
    score: float
    name: str
    explanation: list[str] = field(default_factory=list)
    kind: str = "person"
    record: Any = None


# Birth dates ---------------------------------------------------------------------------------

_DATE_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")
_DATE_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def parse_birth_date(text: str) -> tuple[int | None, int | None, int | None]:
    """``1984``, ``1984-03``, ``1984-03-02`` or ``02/03/1984`` (day first) as (year, month,
    day); what cannot be read is None."""
    text = (text or "").strip()
    year = month = day = None
    found = _DATE_ISO.match(text)
    if found:
        year, month, day = (int(g) if g else None for g in found.groups())
    else:
        found = _DATE_DMY.match(text)
        if found:
            day, month, year = (int(g) for g in found.groups())
    if year is None or not 1800 <= year <= 2200:
        return None, None, None
    if month is not None and not 1 <= month <= 12:
        return year, None, None
    if day is not None and not 1 <= day <= 31:
        return year, month, None
    return year, month, day


# Candidates ----------------------------------------------------------------------------------


def _candidate_ids_many(
    model,
    owner: str,
    asks: list[tuple[set[str], int | None]],
    *,
    cap: int = MAX_CANDIDATES,
    limits: dict[str, int],
) -> list[list[tuple[Any, int]]]:
    """For each (keys, birth year) asked: the ids sharing keys with it, the most (weighted)
    shared first, at most ``cap``. Each key's lookup is an index range read capped
    at its limit (and again within the asked birth year); many queries' lookups go to the
    database together."""
    # Only quoted table and column names and integers are put into the SQL text.
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(f"{owner}_id")
    # Each (asked query, key) pair is numbered; a row's tag is the pair's number times two,
    # plus one when it comes from the read within the asked birth year.
    pair_asked: list[int] = []
    pair_weight: list[int] = []
    plain: list[list] = []
    in_year: list[list] = []
    for asked, (keys, year) in enumerate(asks):
        for key in sorted(keys):
            tag = len(pair_asked) * 2
            pair_asked.append(asked)
            pair_weight.append(KEY_WEIGHTS.get(key[0], 1))
            limit = limits.get(key[0], 50)
            plain.append([tag, key, limit])
            if year is not None:
                in_year.append([tag + 1, key, int(year), limit])
    # Statements of a few fixed shapes (STATEMENT_SHAPES reads, the last padded with reads of
    # nothing), so the database prepares each shape once and reuses it.
    statements = []
    for reads, where, empty in (
        (plain, "key = %s", [-1, "", 0]),
        (in_year, "key = %s AND birth_year = %s", [-1, "", 0, 0]),
    ):
        for start in range(0, len(reads), STATEMENT_SHAPES[-1]):
            chunk = reads[start : start + STATEMENT_SHAPES[-1]]
            size = next(n for n in STATEMENT_SHAPES if n >= len(chunk))
            chunk += [empty] * (size - len(chunk))
            sql = " UNION ALL ".join(
                f"SELECT * FROM (SELECT {column}, CAST(%s AS INTEGER) FROM {table} "  # noqa: S608
                f"WHERE {where} LIMIT %s) s{n}"
                for n in range(size)
            )
            statements.append((sql, [value for read in chunk for value in read]))
    scores: list[dict[Any, int]] = [defaultdict(int) for _ in asks]
    # A candidate found by both reads of one key counts the key once, plus the year's bonus.
    seen: set = set()
    seen_add = seen.add
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            for owner_id, tag in cursor.fetchall():
                pair = tag >> 1
                mark = (owner_id, pair)
                if mark not in seen:
                    seen_add(mark)
                    scores[pair_asked[pair]][owner_id] += pair_weight[pair] + (
                        YEAR_BONUS if tag & 1 else 0
                    )
                elif tag & 1:
                    scores[pair_asked[pair]][owner_id] += YEAR_BONUS
    best = itemgetter(1)
    return [sorted(found.items(), key=best, reverse=True)[:cap] for found in scores]


def _matches_many(
    asked: list,
    *,
    key_model,
    owner: str,
    profiles,
    json_columns,
    limit,
    threshold,
    candidates,
    key_limits,
):
    """The shared pipeline: for a batch of prepared queries, one pass of key lookups, one
    read of all their candidates' profiles (in scope), then each query ranks its own."""
    results: list[list[Match]] = [[] for _ in asked]
    for start in range(0, len(asked), BATCH_QUERIES):
        batch = [(i, a) for i, a in enumerate(asked[start : start + BATCH_QUERIES], start) if a]
        if not batch:
            continue
        found_many = _candidate_ids_many(
            key_model,
            owner,
            [(a.keys, a.year) for _, a in batch],
            cap=candidates,
            limits=key_limits,
        )
        ids = list({c for found in found_many for c, _ in found})
        rows_by_id = {}
        for first in range(0, len(ids), 5000):
            for row in _rows(profiles(ids[first : first + 5000]), json_columns=json_columns):
                rows_by_id[row[0]] = row
        for (i, a), found in zip(batch, found_many, strict=True):
            rows = [rows_by_id[c] for c, _ in found if c in rows_by_id]
            results[i] = a.rank(rows, limit=limit, threshold=threshold)
    return results


def _scope_q(user, permission: Permission) -> Q | None:
    """The rule of ``person_list`` / ``company_list`` (:func:`record_scope_q`: unit tree and
    handling code), applied to the candidates' profiles, which copy ``unit_path`` and
    ``handling_code`` and exist only for records not merged away; so the lookup is led by
    the candidates' keys, never by a scan of the scope."""
    from opencen.persons.selectors import record_scope_q

    return record_scope_q(user=user, permission=permission)


def _shortlist(
    rows: list,
    asked: list[list[str]],
    *,
    names_at: int,
    bonus,
    keep: int = FULLY_SCORED,
    floor: float = 0.0,
) -> list:
    """The ``keep`` candidates most worth scoring, by a quick measure computed for all of
    them in one rapidfuzz call (token-set ratio of the names' parts and of their
    skeletons, plus a bonus for an identical number or the asked birth year or country)."""
    if not asked:
        return rows
    owners: list[int] = []
    plain: list[str] = []
    phonetic: list[str] = []
    for index, row in enumerate(rows):
        for name in row[names_at]:
            tokens = name[1]
            owners.append(index)
            plain.append(" ".join(tokens))
            phonetic.append(" ".join(skeleton(t) for t in tokens))
    quick = [0.0] * len(rows)
    if plain:
        for tokens in asked:
            for text, choices in (
                (" ".join(tokens), plain),
                (" ".join(skeleton(t) for t in tokens), phonetic),
            ):
                for _choice, value, position in extract(
                    text, choices, scorer=fuzz.token_set_ratio, limit=None
                ):
                    owner = owners[position]
                    if value > quick[owner]:
                        quick[owner] = value
    measured = [(quick[i] + bonus(rows[i]), i) for i in range(len(rows))]
    # Below the floor a candidate cannot reach the asked threshold: it is not scored at all.
    measured = [item for item in measured if item[0] >= floor]
    measured.sort(key=lambda item: -item[0])
    return [rows[i] for _value, i in measured[:keep]]


def _rows(queryset, *, json_columns: tuple[int, ...]) -> list[list]:
    """The rows of a ``values_list`` query read straight from the cursor, JSON decoded here
    once, by orjson (Django's per-value converters cost more than the scoring of a candidate); the
    first column, the record's id, as the database gives it (made a UUID in a Match)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = []
    for row in fetched:
        row = list(row)
        for column in json_columns:
            if isinstance(row[column], str | bytes):
                row[column] = json_loads(row[column])
        rows.append(row)
    return rows


def _owned_by(queryset, column: str, ids: list):
    """``queryset`` limited to these ids, passed to the database as it gave them (no
    conversion through UUID objects for thousands of candidates)."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    name = connection.ops.quote_name(column)
    marks = ", ".join(["%s"] * len(ids))
    return queryset.extra(where=[f"{table}.{name} IN ({marks})"], params=list(ids))  # noqa: S610


def _json(value):
    return json_loads(value) if isinstance(value, str | bytes) else value


def _as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# Persons -------------------------------------------------------------------------------------


def person_matches(*, user, query: PersonQuery, limit: int = 10, threshold: float = 0.0):
    """The persons in the user's scope that best match ``query``, best first."""
    return person_matches_many(user=user, queries=[query], limit=limit, threshold=threshold)[0]


def person_matches_many(
    *,
    user,
    queries: list[PersonQuery],
    limit: int = 10,
    threshold: float = 0.5,
    candidates: int = MAX_CANDIDATES,
    sim: PartSimilarity | None = None,
) -> list[list[Match]]:
    """``person_matches`` for many queries (screening a list), sharing the work: key
    lookups and profile reads per batch of queries, similarities remembered across them."""
    scope = _scope_q(user, Permission.PERSON_VIEW)
    if scope is None:
        return [[] for _ in queries]
    sim = sim if sim is not None else PartSimilarity()
    asked = [_AskedPerson.prepare(query, sim) for query in queries]
    return _matches_many(
        asked,
        key_model=PersonKey,
        owner="person",
        profiles=lambda ids: _owned_by(
            PersonProfile.objects.filter(scope), "person_id", ids
        ).values_list(*PERSON_PROFILE_COLUMNS),
        # Nationalities and documents are decoded for the fully scored candidates only.
        json_columns=(2,),
        limit=limit,
        threshold=threshold,
        candidates=candidates,
        key_limits=PERSON_KEY_LIMITS,
    )


PERSON_PROFILE_COLUMNS = (
    "person_id",
    "display_name",
    "names",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "nationalities",
    "documents",
)


class _AskedPerson:
    """One asked person, ready to be looked up and to score candidates."""

    keys: set[str] = frozenset()
    sim: PartSimilarity | None = None

    @classmethod
    def prepare(cls, query: PersonQuery, sim: PartSimilarity) -> _AskedPerson | None:
        """None when nothing usable is asked (no name with letters, no document number)."""
        documents = query.documents
        names = [n for n in query.names if person_name_form(n).tokens]
        if not names and not documents:
            return None
        asked = cls(query, names, documents, parse_birth_date(query.birth_date))
        asked.keys = person_keys(names, documents)
        asked.sim = sim
        return asked

    def rank(self, rows: list, *, limit: int, threshold: float) -> list[Match]:
        """The candidates scored, best first; only the most promising are fully scored."""
        keep = fully_scored(limit)
        if len(rows) > keep or (threshold > 0 and self.forms):
            rows = _shortlist(
                rows,
                [form.tokens for form in self.forms],
                floor=_quick_floor(threshold),
                keep=keep,
                names_at=2,
                bonus=self._bonus,
            )
        self.sim.prime(
            {t for form in self.forms for t in with_compounds(tuple(form.tokens))},
            {t for row in rows for _text, tokens in row[2] for t in with_compounds(tuple(tokens))},
        )
        matches = [self.score(row, self.sim) for row in rows]
        matches = [m for m in matches if m.score >= threshold]
        matches.sort(key=lambda m: (-m.score, m.name))
        return matches[:limit]

    def _bonus(self, row) -> int:
        """What lifts a candidate in the quick ranking: an identical document number, the
        asked birth year."""
        same_document = self.documents and any(d[1] in self.documents for d in _json(row[8]))
        return (30 if same_document else 0) + (5 if self.year and row[3] == self.year else 0)

    def __init__(self, query: PersonQuery, names, documents, birth) -> None:
        self.query = query
        self.forms = [person_name_form(n) for n in names]
        if isinstance(documents, str):
            documents = [documents] if documents else []
        self.documents = {normalise_number(d) for d in documents if d}
        self.year, self.month, self.day = birth
        self.nationalities = {n.strip().upper() for n in query.nationalities if n and n.strip()}
        self.sex = (query.sex or "").strip().lower()
        if self.sex not in ("male", "female"):
            self.sex = ""

    def score(self, row, sim: PartSimilarity) -> Match:
        person_id, display, names, b_year, b_month, b_day, sex, nats, docs = row
        nats, docs = _json(nats), _json(docs)
        why: list[str] = []
        score = 0.0
        if self.forms:
            best, best_name, asked = 0.0, display, self.forms[0].text
            for form in self.forms:
                for text, tokens in names:
                    value = name_similarity(form.tokens, tokens, sim)
                    if value > best:
                        best, best_name, asked = value, text, form.text
            score = 0.9 * best
            why.append(f"name {best:.2f} ({asked.strip()} ~ {best_name})")
        # Documents: an identical number is strong evidence, alone enough.
        if self.documents:
            same = [d for d in docs if d[1] in self.documents]
            if same:
                label = (same[0][0] or "document").replace("_", " ")
                why.append(f"{label} number identical")
                score = max(score + 0.3, 0.95) if self.forms else 0.95
            elif docs:
                why.append("document number differs")
                score -= 0.05
        # Birth date: partial dates agree partially; a different year counts against.
        if self.year and b_year:
            if self.year == b_year:
                score += 0.05
                text = f"birth year agrees ({b_year})"
                if self.month and b_month:
                    if self.month == b_month:
                        score += 0.02
                        text = f"birth month agrees ({b_year}-{b_month:02d})"
                        if self.day and b_day:
                            if self.day == b_day:
                                score += 0.02
                                text = f"birth date agrees ({b_year}-{b_month:02d}-{b_day:02d})"
                            else:
                                score -= 0.04
                                text += f", day differs ({b_day})"
                    else:
                        score -= 0.05
                        text += f", month differs ({b_month})"
                why.append(text)
            else:
                gap = abs(self.year - b_year)
                score -= 0.06 if gap == 1 else 0.15
                why.append(f"birth year differs ({b_year})")
        # Nationalities.
        if self.nationalities and nats:
            common = self.nationalities & set(nats)
            if common:
                score += 0.03
                why.append(f"nationality agrees ({', '.join(sorted(common))})")
            else:
                score -= 0.05
                why.append(f"nationality differs ({', '.join(nats)})")
        if self.sex and sex in ("male", "female"):
            if self.sex == sex:
                why.append(f"sex agrees ({sex})")
            else:
                score -= 0.1
                why.append(f"sex differs ({sex})")
        score = round(min(max(score, 0.0), 1.0), 3)
        return Match(
            id=_as_uuid(person_id), score=score, name=display, explanation=why, kind="person"
        )


# Companies -----------------------------------------------------------------------------------


def company_matches(*, user, query: CompanyQuery, limit: int = 10, threshold: float = 0.0):
    """The companies in the user's scope that best match ``query``, best first."""
    return company_matches_many(user=user, queries=[query], limit=limit, threshold=threshold)[0]


def company_matches_many(
    *,
    user,
    queries: list[CompanyQuery],
    limit: int = 10,
    threshold: float = 0.5,
    candidates: int = MAX_CANDIDATES,
    sim: PartSimilarity | None = None,
) -> list[list[Match]]:
    """``company_matches`` for many queries (screening a list), sharing the work."""
    scope = _scope_q(user, Permission.COMPANY_VIEW)
    if scope is None:
        return [[] for _ in queries]
    sim = sim if sim is not None else PartSimilarity()
    asked = [_AskedCompany.prepare(query, sim) for query in queries]
    return _matches_many(
        asked,
        key_model=CompanyKey,
        owner="company",
        profiles=lambda ids: _owned_by(
            CompanyProfile.objects.filter(scope), "company_id", ids
        ).values_list("company_id", "display_name", "names", "registration", "tax", "country"),
        json_columns=(2,),
        limit=limit,
        threshold=threshold,
        candidates=candidates,
        key_limits=COMPANY_KEY_LIMITS,
    )


class _AskedCompany:
    """One asked company, ready to be looked up and to score candidates."""

    year = None

    @classmethod
    def prepare(cls, query: CompanyQuery, sim: PartSimilarity) -> _AskedCompany | None:
        asked = cls(query, sim)
        if not asked.name and not asked.registration and not asked.tax:
            return None
        return asked

    def __init__(self, query: CompanyQuery, sim: PartSimilarity) -> None:
        self.registration = normalise_number(query.registration_number)
        self.tax = normalise_number(query.tax_number)
        self.name = query.name.strip()
        self.form = company_name_form(self.name) if self.name else None
        self.country = (query.country or "").strip().upper()
        self.keys = company_keys([self.name] if self.name else [], self.registration, self.tax)
        self.sim = sim

    def rank(self, rows: list, *, limit: int, threshold: float) -> list[Match]:
        keep = fully_scored(limit)
        if self.form is not None and (len(rows) > keep or threshold > 0):
            rows = _shortlist(
                rows,
                [self.form.tokens],
                floor=_quick_floor(threshold),
                keep=keep,
                names_at=2,
                bonus=lambda row: (
                    (
                        30
                        if (self.registration and row[3] == self.registration)
                        or (self.tax and row[4] == self.tax)
                        else 0
                    )
                    + (5 if self.country and row[5] == self.country else 0)
                ),
            )
        if self.form is not None:
            self.sim.prime(
                set(with_compounds(tuple(self.form.tokens))),
                {t for row in rows for name in row[2] for t in with_compounds(tuple(name[1]))},
            )
        matches = [self.score(row) for row in rows]
        matches = [m for m in matches if m.score >= threshold]
        matches.sort(key=lambda m: (-m.score, m.name))
        return matches[:limit]

    def score(self, row) -> Match:
        company_id, display, names, reg, tax_no, c_country = row
        form, sim = self.form, self.sim
        why: list[str] = []
        score = 0.0
        if form is not None and form.tokens:
            best, best_name = 0.0, display
            for text, tokens, _legal in names:
                value = name_similarity(form.tokens, tokens, sim)
                if "".join(tokens) == form.key:
                    value = max(value, 0.98 if tokens != form.tokens else 1.0)
                if value > best:
                    best, best_name = value, text
            score = 0.9 * best
            why.append(f"name {best:.2f} ({self.name} ~ {best_name})")
        for label, asked, stored in (
            ("registration number", self.registration, reg),
            ("tax number", self.tax, tax_no),
        ):
            if not asked:
                continue
            if stored == asked:
                score = max(score + 0.3, 0.95) if form else 0.95
                why.append(f"{label} identical")
            elif stored:
                score -= 0.1
                why.append(f"{label} differs")
        if self.country and c_country:
            if self.country == c_country:
                score += 0.07
                why.append(f"country agrees ({c_country})")
            else:
                score -= 0.15
                why.append(f"country differs ({c_country})")
        score = round(min(max(score, 0.0), 1.0), 3)
        return Match(
            id=_as_uuid(company_id), score=score, name=display, explanation=why, kind="company"
        )
