"""Finding the persons and companies on file that an asked name (and birth date,
nationality, document or registration number) most likely designates.

Candidates come from the blocking keys (:mod:`opencen.matching.indexing`): one indexed,
capped lookup per key, the candidates sharing the most keys first, then the user's scope
applied to those ids only. Their profiles are scored in Python; each match carries an
explanation of what agreed and what differed.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q
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
from opencen.matching.scoring import PartSimilarity, name_similarity

#: Candidates read per query at most, and how many of them are fully scored (the best by a
#: quick measure computed for all in one call).
MAX_CANDIDATES = 300
FULLY_SCORED = 80
#: Rows read per key (per birth-year preference) at most: common keys are cut short.
KEY_LIMITS = {"d": 50, "r": 50, "x": 50, "n": 100, "p": 200, "q": 60, "t": 80, "s": 60}
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


def _candidate_ids(
    model, owner: str, keys: set[str], year: int | None = None
) -> list[tuple[Any, int]]:
    """Ids sharing keys with the query, the most (weighted) shared first, at most
    MAX_CANDIDATES; each key's lookup is an index range read capped at its limit."""
    if not keys:
        return []
    # Only quoted table and column names and integers are put into the SQL text.
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(f"{owner}_id")
    parts: list[tuple[str, list]] = []
    ordered = sorted(keys)
    for n, key in enumerate(ordered):
        limit = KEY_LIMITS.get(key[0], 50)
        parts.append(
            (
                f"SELECT * FROM (SELECT {column}, {n} FROM {table} "  # noqa: S608
                f"WHERE key = %s LIMIT {limit}) s{n}",
                [key],
            )
        )
        if year is not None:
            parts.append(
                (
                    f"SELECT * FROM (SELECT {column}, {-n - 1} FROM {table} "  # noqa: S608
                    f"WHERE key = %s AND birth_year = %s LIMIT {limit}) y{n}",
                    [key, year],
                )
            )
    scores: dict[Any, int] = defaultdict(int)
    seen: set = set()
    with connection.cursor() as cursor:
        for start in range(0, len(parts), 300):
            chunk = parts[start : start + 300]
            cursor.execute(
                " UNION ALL ".join(sql for sql, _ in chunk),
                [value for _, values in chunk for value in values],
            )
            for owner_id, n in cursor.fetchall():
                index = n if n >= 0 else -n - 1
                if (owner_id, index) not in seen:
                    seen.add((owner_id, index))
                    scores[owner_id] += KEY_WEIGHTS.get(ordered[index][0], 1)
                if n < 0:
                    scores[owner_id] += YEAR_BONUS
    best = sorted(scores.items(), key=lambda item: -item[1])[:MAX_CANDIDATES]
    return [(_as_uuid(owner_id), score) for owner_id, score in best]


def _scope_q(user, permission: Permission) -> Q | None:
    """The rule of ``person_list`` / ``company_list`` (:func:`record_scope_q`: unit tree and
    handling code), applied to the candidates' profiles, which copy ``unit_path`` and
    ``handling_code`` and exist only for records not merged away; so the lookup is led by
    the candidates' keys, never by a scan of the scope."""
    from opencen.persons.selectors import record_scope_q

    return record_scope_q(user=user, permission=permission)


def _shortlist(rows: list, asked: list[list[str]], *, names_at: int, bonus) -> list:
    """The FULLY_SCORED candidates most worth scoring, by a quick measure computed for all of
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
    order = sorted(range(len(rows)), key=lambda i: -(quick[i] + bonus(rows[i])))
    return [rows[i] for i in order[:FULLY_SCORED]]


def _rows(queryset, *, json_columns: tuple[int, ...]) -> list[list]:
    """The rows of a ``values_list`` query read straight from the cursor, JSON decoded here
    once (Django's per-value converters cost more than the scoring of a candidate); the
    first column, the record's id, as a UUID."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = []
    for row in fetched:
        row = list(row)
        row[0] = _as_uuid(row[0])
        for column in json_columns:
            if isinstance(row[column], str | bytes):
                row[column] = json.loads(row[column])
        rows.append(row)
    return rows


def _as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# Persons -------------------------------------------------------------------------------------


def person_matches(*, user, query: PersonQuery, limit: int = 10, threshold: float = 0.0):
    """The persons in the user's scope that best match ``query``, best first."""
    return person_matches_many(user=user, queries=[query], limit=limit, threshold=threshold)[0]


def person_matches_many(
    *, user, queries: list[PersonQuery], limit: int = 10, threshold: float = 0.5
) -> list[list[Match]]:
    """``person_matches`` for many queries (screening a list), sharing the work."""
    scope = _scope_q(user, Permission.PERSON_VIEW)
    if scope is None:
        return [[] for _ in queries]
    sim = PartSimilarity()
    results: list[list[Match]] = []
    for query in queries:
        results.append(_person_matches_one(scope, query, limit, threshold, sim))
    return results


def _person_matches_one(scope, query: PersonQuery, limit, threshold, sim) -> list[Match]:
    documents = query.documents
    names = [n for n in query.names if person_name_form(n).tokens]
    if not names and not documents:
        return []
    year, month, day = parse_birth_date(query.birth_date)
    keys = person_keys(names, documents)
    candidates = _candidate_ids(PersonKey, "person", keys, year)
    if not candidates:
        return []
    ids = [c for c, _ in candidates]
    profiles = _rows(
        PersonProfile.objects.filter(scope, person_id__in=ids).values_list(
            "person_id",
            "display_name",
            "names",
            "birth_year",
            "birth_month",
            "birth_day",
            "sex",
            "nationalities",
            "documents",
        ),
        json_columns=(2, 7, 8),
    )
    asked = _AskedPerson(query, names, documents, (year, month, day))
    if len(profiles) > FULLY_SCORED:
        profiles = _shortlist(
            profiles,
            [form.tokens for form in asked.forms],
            names_at=2,
            bonus=lambda row: (
                (30 if asked.documents and any(d[1] in asked.documents for d in row[8]) else 0)
                + (5 if year and row[3] == year else 0)
            ),
        )
    matches = []
    for row in profiles:
        match = asked.score(row, sim)
        if match.score >= threshold:
            matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches[:limit]


class _AskedPerson:
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
        return Match(id=person_id, score=score, name=display, explanation=why, kind="person")


# Companies -----------------------------------------------------------------------------------


def company_matches(*, user, query: CompanyQuery, limit: int = 10, threshold: float = 0.0):
    """The companies in the user's scope that best match ``query``, best first."""
    return company_matches_many(user=user, queries=[query], limit=limit, threshold=threshold)[0]


def company_matches_many(
    *, user, queries: list[CompanyQuery], limit: int = 10, threshold: float = 0.5
) -> list[list[Match]]:
    scope = _scope_q(user, Permission.COMPANY_VIEW)
    if scope is None:
        return [[] for _ in queries]
    sim = PartSimilarity()
    return [_company_matches_one(scope, q, limit, threshold, sim) for q in queries]


def _company_matches_one(scope, query: CompanyQuery, limit, threshold, sim) -> list[Match]:
    registration = normalise_number(query.registration_number)
    tax = normalise_number(query.tax_number)
    name = query.name.strip()
    if not name and not registration and not tax:
        return []
    keys = company_keys([name] if name else [], registration, tax)
    candidates = _candidate_ids(CompanyKey, "company", keys)
    if not candidates:
        return []
    ids = [c for c, _ in candidates]
    rows = _rows(
        CompanyProfile.objects.filter(scope, company_id__in=ids).values_list(
            "company_id", "display_name", "names", "registration", "tax", "country"
        ),
        json_columns=(2,),
    )
    form = company_name_form(name) if name else None
    country = (query.country or "").strip().upper()
    if len(rows) > FULLY_SCORED and form is not None:
        rows = _shortlist(
            rows,
            [form.tokens],
            names_at=2,
            bonus=lambda row: (
                (30 if (registration and row[3] == registration) or (tax and row[4] == tax) else 0)
                + (5 if country and row[5] == country else 0)
            ),
        )
    matches = []
    for company_id, display, names, reg, tax_no, c_country in rows:
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
            why.append(f"name {best:.2f} ({name} ~ {best_name})")
        if registration:
            if reg == registration:
                score = max(score + 0.3, 0.95) if form else 0.95
                why.append("registration number identical")
            elif reg:
                score -= 0.1
                why.append("registration number differs")
        if tax:
            if tax_no == tax:
                score = max(score + 0.3, 0.95) if form else 0.95
                why.append("tax number identical")
            elif tax_no:
                score -= 0.1
                why.append("tax number differs")
        if country and c_country:
            if country == c_country:
                score += 0.07
                why.append(f"country agrees ({c_country})")
            else:
                score -= 0.15
                why.append(f"country differs ({c_country})")
        score = round(min(max(score, 0.0), 1.0), 3)
        if score >= threshold:
            matches.append(
                Match(id=company_id, score=score, name=display, explanation=why, kind="company")
            )
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches[:limit]
