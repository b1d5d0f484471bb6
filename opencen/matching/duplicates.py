"""Likely duplicate persons and companies, found through the blocking keys, never by comparing
every pair.

Candidates are records sharing a selective key: for persons the same pair of name skeletons
and the same birth year (``p:`` keys, read in the order of their index) or the same identity
document number (``d:``); for companies the same name without its legal form (``n:``), the same
registration (``r:``) or tax number (``x:``). A key held by more than :data:`MAX_GROUP` records is
too common to say anything and is skipped. Each candidate pair is scored with the matcher's
scoring from both records' profiles; pairs scoring at least :data:`MIN_SCORE` are stored, best
first, in :class:`PersonDuplicate` / :class:`CompanyDuplicate` by :func:`duplicates_find` (the
command ``opencen matching-duplicates``) and for a few records by :func:`duplicates_refresh`
after they change. A pair an officer marks "not a duplicate" keeps its row, dismissed, and is
never listed again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.models import AuditEvent
from opencen.audit.services import audit_record
from opencen.matching.models import CompanyKey, CompanyProfile, PersonKey, PersonProfile
from opencen.matching.models_screening import CompanyDuplicate, DuplicateScan, PersonDuplicate
from opencen.matching.scoring import PartSimilarity
from opencen.persons.selectors import record_scope_q

#: Lowest score of a pair worth an officer's look.
MIN_SCORE = 0.85
#: Records sharing one key beyond which the key is too common to pair them.
MAX_GROUP = 25
#: Pairs scored and stored together.
PAIR_BATCH = 2000
#: Key rows read per query while walking the key index.
READ_CHUNK = 20_000

PERSONS = "persons"
COMPANIES = "companies"


@dataclass(frozen=True)
class Kind:
    """What differs between persons and companies."""

    name: str
    pair_model: type
    key_model: type
    profile_model: type
    record_field: str  # person / company
    prefixes: tuple[str, ...]  # keys that pair records
    by_birth_year: tuple[str, ...]  # keys that pair only records of the same birth year
    edit_permission: Permission
    target_type: str

    @property
    def record_model(self):
        from django.apps import apps

        return apps.get_model(self.target_type)


KINDS = {
    PERSONS: Kind(
        PERSONS,
        PersonDuplicate,
        PersonKey,
        PersonProfile,
        "person",
        ("p:", "d:"),
        ("p:",),
        Permission.PERSON_EDIT,
        "persons.person",
    ),
    COMPANIES: Kind(
        COMPANIES,
        CompanyDuplicate,
        CompanyKey,
        CompanyProfile,
        "company",
        ("n:", "r:", "x:"),
        (),
        Permission.COMPANY_EDIT,
        "companies.company",
    ),
}


# --- scoring -------------------------------------------------------------------------------


def person_pair_score(a: PersonProfile, b: PersonProfile, sim=None) -> tuple[float, list]:
    """How likely two persons on file are one: each asked as the other would be by the
    matcher (all its names, its birth date, nationalities, sex and a document), the better of
    both directions. Two records contradict each other more surely than a query does a
    record, so complete birth dates that differ, months that differ and documents of the same
    kind and country with other numbers weigh more here; and without an identical document
    the names must agree closely (a shared given name is not enough)."""
    from opencen.matching.search import PersonQuery, _AskedPerson

    sim = sim or PartSimilarity()
    best: tuple[float, list] = (0.0, [])
    for asked, other in ((a, b), (b, a)):
        names = [text for text, _tokens in asked.names]
        if not names:
            continue
        other_numbers = {d[1] for d in other.documents}
        numbers = [d[1] for d in asked.documents if d[1]]
        document = next((n for n in numbers if n in other_numbers), numbers[0] if numbers else "")
        birth = (asked.birth_year, asked.birth_month, asked.birth_day)
        query = PersonQuery(
            name=asked.display_name,
            nationalities=tuple(asked.nationalities),
            document_number=document,
            sex=asked.sex if asked.sex in ("male", "female") else "",
        )
        scorer = _AskedPerson(query, names, document, birth)
        row = (
            other.person_id,
            other.display_name,
            other.names,
            other.birth_year,
            other.birth_month,
            other.birth_day,
            other.sex,
            other.nationalities,
            other.documents,
        )
        match = scorer.score(row, sim)
        if match.score > best[0]:
            best = (match.score, list(match.explanation))
    score, why = best
    numbers_a = {d[1] for d in a.documents if d[1]}
    same_document = bool(numbers_a & {d[1] for d in b.documents if d[1]})
    if same_document:
        return score, why
    if _main_name_agreement(a, b, sim) < NAME_FLOOR:
        return 0.0, why
    if a.nationalities and b.nationalities and not set(a.nationalities) & set(b.nationalities):
        score -= 0.05  # the matcher's own penalty is mild: a query's nationality may be wrong
    date_a = (a.birth_year, a.birth_month, a.birth_day)
    date_b = (b.birth_year, b.birth_month, b.birth_day)
    if all(date_a) and all(date_b) and date_a != date_b:
        score -= 0.15
        why.append("complete birth dates differ")
    elif a.birth_month and b.birth_month and a.birth_month != b.birth_month:
        score -= 0.1
        why.append("birth months differ")
    kinds_a = {(d[0], d[2]): d[1] for d in a.documents if d[1]}
    for d in b.documents:
        if d[1] and kinds_a.get((d[0], d[2])) not in (None, d[1]):
            score -= 0.1
            why.append(f"{(d[0] or 'document').replace('_', ' ')} numbers differ")
            break
    return round(min(max(score, 0.0), 1.0), 3), why


#: Without an identical document, how closely two persons' names must agree.
NAME_FLOOR = 0.9


def _main_name_agreement(a: PersonProfile, b: PersonProfile, sim) -> float:
    """How well the main name of one (its first, the full name) agrees with any name of the
    other: two persons sharing only an alias or nickname are not paired on it."""
    from opencen.matching.scoring import name_similarity

    best = 0.0
    for one, other in ((a, b), (b, a)):
        if not one.names or not one.names[0][1]:
            continue
        main = one.names[0][1]
        for _text, tokens in other.names:
            if tokens:
                best = max(
                    best,
                    min(name_similarity(main, tokens, sim), name_similarity(tokens, main, sim)),
                )
    return best


def company_pair_score(a: CompanyProfile, b: CompanyProfile, sim=None) -> tuple[float, list]:
    """How likely two companies are one, weighed as the matcher weighs an asked company:
    the closest of their names (legal forms aside), registration and tax numbers, country;
    different numbers on both records rule a pair out."""
    from opencen.matching.scoring import PartSimilarity, name_similarity

    sim = sim or PartSimilarity()
    why: list[str] = []
    best, pair = 0.0, (a.display_name, b.display_name)
    for i, (text_a, tokens_a, _form_a) in enumerate(a.names):
        for j, (text_b, tokens_b, _form_b) in enumerate(b.names):
            # The legal name of one against any name of the other: two companies sharing
            # only a trading name (an abbreviation, a brand) are not paired on it.
            if not tokens_a or not tokens_b or (i and j):
                continue
            value = max(
                name_similarity(tokens_a, tokens_b, sim), name_similarity(tokens_b, tokens_a, sim)
            )
            if "".join(tokens_a) == "".join(tokens_b):
                value = max(value, 0.98 if tokens_a != tokens_b else 1.0)
            if value > best:
                best, pair = value, (text_a, text_b)
    score = 0.9 * best
    why.append(f"name {best:.2f} ({pair[0]} ~ {pair[1]})")
    for label, x, y in (
        ("registration number", a.registration, b.registration),
        ("tax number", a.tax, b.tax),
    ):
        if x and y:
            if x == y:
                score = max(score + 0.3, 0.95)
                why.append(f"{label} identical")
            else:
                # Two registered entities with their own numbers are two companies, however
                # alike their names (a query's number may be mistyped; a record's is not).
                score -= 0.3
                why.append(f"{label} differs")
    if a.country and b.country:
        if a.country == b.country:
            score += 0.07
            why.append(f"country agrees ({a.country})")
        else:
            score -= 0.15
            why.append(f"country differs ({a.country}, {b.country})")
    return round(min(max(score, 0.0), 1.0), 3), why


def _scorer(kind: Kind) -> Callable:
    return person_pair_score if kind.name == PERSONS else company_pair_score


def _ordered(a, b) -> tuple:
    return (a, b) if str(a) < str(b) else (b, a)


# --- candidate pairs -----------------------------------------------------------------------


def _prefix_range(prefix: str) -> Q:
    return Q(key__gte=prefix, key__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1))


def candidate_pairs(kind: Kind, *, progress: Callable[[int], None] | None = None) -> Iterator:
    """Every pair of records sharing a selective key, each pair once, read from the key
    index in its own order (one streamed pass over the selective keys)."""
    record_id = f"{kind.record_field}_id"
    seen: set[tuple] = set()
    order = ["key", "birth_year", record_id] if kind.by_birth_year else ["key", record_id]
    for prefix in kind.prefixes:
        with_year = prefix in kind.by_birth_year
        group_key = None
        members: list = []
        rows = (
            kind.key_model.objects.filter(_prefix_range(prefix))
            .order_by(*order)
            .values_list(*order)
            .iterator(chunk_size=READ_CHUNK)
        )
        for read, row in enumerate(rows, start=1):
            this_key = (row[0], row[1]) if with_year else (row[0],)
            if this_key != group_key:
                yield from _group_pairs(members, seen)
                group_key, members = this_key, []
            members.append(row[-1])
            if progress and read % READ_CHUNK == 0:
                progress(READ_CHUNK)
        yield from _group_pairs(members, seen)


#: Pairs remembered to skip repeats (a pair shares several keys); forgotten beyond this, as
#: storing a pair twice only updates it.
SEEN_LIMIT = 1_000_000


def selective_key_count(kind: Kind) -> int:
    """How many key rows :func:`candidate_pairs` reads (for a progress bar)."""
    total = 0
    for prefix in kind.prefixes:
        total += kind.key_model.objects.filter(_prefix_range(prefix)).count()
    return total


def _group_pairs(members: list, seen: set) -> Iterator[tuple]:
    if len(members) < 2 or len(members) > MAX_GROUP:
        return
    if len(seen) > SEEN_LIMIT:
        seen.clear()
    for a, b in combinations(sorted(set(members), key=str), 2):
        pair = (a, b)
        if pair not in seen:
            seen.add(pair)
            yield pair


def _record_pairs(kind: Kind, record_ids: list) -> set[tuple]:
    """Pairs of these records with any record sharing a selective key: one indexed lookup
    per key (at most MAX_GROUP + 1 rows each; a key held by more is skipped)."""
    record_id = f"{kind.record_field}_id"
    fields = ["key", "birth_year", record_id] if kind.by_birth_year else ["key", record_id]
    prefix_q = Q()
    for prefix in kind.prefixes:
        prefix_q |= _prefix_range(prefix)
    own = kind.key_model.objects.filter(prefix_q, **{f"{record_id}__in": record_ids})
    groups: dict[tuple, set] = {}
    for row in own.values_list(*fields):
        groups.setdefault(_group_of(kind, row), set()).add(row[-1])
    pairs: set[tuple] = set()
    for group, mine in groups.items():
        lookup = {"key": group[0]}
        if len(group) > 1:
            lookup["birth_year"] = group[1]
        holders = list(
            kind.key_model.objects.filter(**lookup).values_list(record_id, flat=True)[
                : MAX_GROUP + 1
            ]
        )
        if len(holders) > MAX_GROUP:
            continue
        for record in mine:
            for other in holders:
                if other != record:
                    pairs.add(_ordered(record, other))
    return pairs


def _group_of(kind: Kind, row: tuple) -> tuple:
    key = row[0]
    if any(key.startswith(p) for p in kind.by_birth_year):
        return (key, row[1])
    return (key,)


# --- storing -------------------------------------------------------------------------------


def _score_and_store(kind: Kind, pairs: list[tuple], now) -> int:
    """Score these pairs from the profiles and upsert those at or above MIN_SCORE; returns
    how many were stored. Dismissed pairs keep their dismissal."""
    if not pairs:
        return 0
    ids = {i for pair in pairs for i in pair}
    profiles = {
        getattr(p, f"{kind.record_field}_id"): p
        for p in kind.profile_model.objects.filter(**{f"{kind.record_field}_id__in": ids})
    }
    score = _scorer(kind)
    sim = PartSimilarity()
    found: dict[tuple, tuple[float, list]] = {}
    for a, b in pairs:
        if a in profiles and b in profiles:
            value, explanation = score(profiles[a], profiles[b], sim)
            if value >= MIN_SCORE:
                found[(a, b)] = (round(value, 3), explanation)
    if not found:
        return 0
    firsts = {a for a, _b in found}
    existing = {
        (row.first_id, row.second_id): row
        for row in kind.pair_model.objects.filter(first_id__in=firsts)
        if (row.first_id, row.second_id) in found
    }
    new, changed = [], []
    for (a, b), (value, explanation) in found.items():
        row = existing.get((a, b))
        if row is None:
            new.append(
                kind.pair_model(
                    first_id=a, second_id=b, score=value, explanation=explanation, found_at=now
                )
            )
        else:
            row.score, row.explanation, row.found_at = value, explanation, now
            changed.append(row)
    with transaction.atomic():
        kind.pair_model.objects.bulk_create(new, batch_size=1000)
        kind.pair_model.objects.bulk_update(
            changed, ["score", "explanation", "found_at"], batch_size=1000
        )
    return len(found)


def duplicates_find(
    kind_name: str, *, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Find and store the likely duplicate pairs of every person (or company); pairs no
    longer found are removed unless dismissed. Returns counts for the command's report."""
    kind = KINDS[kind_name]
    now = timezone.now()
    candidates = stored = 0
    batch: list[tuple] = []
    for pair in candidate_pairs(kind, progress=progress):
        candidates += 1
        batch.append(pair)
        if len(batch) >= PAIR_BATCH:
            stored += _score_and_store(kind, batch, now)
            batch = []
    stored += _score_and_store(kind, batch, now)
    removed, _detail = kind.pair_model.objects.filter(
        found_at__lt=now, dismissed_at__isnull=True
    ).delete()
    DuplicateScan.objects.update_or_create(kind=kind_name, defaults={"scanned_at": now})
    return {"candidates": candidates, "stored": stored, "removed": removed}


#: Records changed since the last scan that opening the review page refreshes, at most; beyond
#: it the page says so and the command does the work.
CATCH_UP_LIMIT = 300
#: With at most this many records and no scan yet, opening the page finds every pair at once.
FIRST_SCAN_LIMIT = 5000
#: Opening the page again within this many seconds does not look for changes again.
CATCH_UP_INTERVAL = 30
#: Audit events that say a record was written.
WRITE_EVENTS = (
    AuditEventType.RECORD_CREATED,
    AuditEventType.RECORD_CHANGED,
    AuditEventType.RECORDS_MERGED,
    AuditEventType.RECORD_ERASED,
)


def duplicates_catch_up(kind_name: str) -> int | None:
    """Bring the stored pairs up to date with the records written since the last scan, when
    that is cheap (at most CATCH_UP_LIMIT records: a few indexed lookups each). Returns 0 when
    up to date, CATCH_UP_LIMIT when more records than that wait for ``opencen
    matching-duplicates``, None when duplicates were never searched among too many records."""
    kind = KINDS[kind_name]
    started = timezone.now()
    scan = DuplicateScan.objects.filter(kind=kind_name).first()
    if scan is None:
        if kind.record_model.objects.count() > FIRST_SCAN_LIMIT:
            return None
        duplicates_find(kind_name)
        return 0
    if (started - scan.scanned_at).total_seconds() < CATCH_UP_INTERVAL:
        return 0
    # Every write of a person or company is audited: the recent events name the records
    # written, read through the time index (a scan of every record would not be cheap).
    events = AuditEvent.objects.filter(
        occurred_at__gte=scan.scanned_at,
        target_type=kind.target_type,
        event_type__in=WRITE_EVENTS,
    ).order_by()
    changed: set = set()
    for target_id in events.values_list("target_id", flat=True).iterator(chunk_size=2000):
        changed.add(target_id)
        if len(changed) > CATCH_UP_LIMIT:
            return CATCH_UP_LIMIT  # "more than this many"
    ids = []
    for target_id in changed:
        try:
            ids.append(uuid.UUID(target_id))
        except ValueError:
            continue
    duplicates_refresh(kind_name, ids)
    DuplicateScan.objects.filter(kind=kind_name).update(scanned_at=started)
    return 0


def duplicates_refresh(kind_name: str, record_ids: Iterable) -> int:
    """Find again the pairs of these records (after they were written): cheap, a few
    indexed lookups. Their pairs no longer found are removed unless dismissed."""
    kind = KINDS[kind_name]
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        return 0
    now = timezone.now()
    pairs = sorted(_record_pairs(kind, ids), key=lambda p: (str(p[0]), str(p[1])))
    stored = 0
    for start in range(0, len(pairs), PAIR_BATCH):
        stored += _score_and_store(kind, pairs[start : start + PAIR_BATCH], now)
    kind.pair_model.objects.filter(
        Q(first_id__in=ids) | Q(second_id__in=ids), found_at__lt=now, dismissed_at__isnull=True
    ).delete()
    return stored


# --- reading and dismissing ----------------------------------------------------------------


def _prefixed(q: Q, prefix: str) -> Q:
    """The same filter on a related record: ``unit_path__gte`` -> ``first__unit_path__gte``."""
    rewritten = Q()
    rewritten.connector, rewritten.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            rewritten.children.append(_prefixed(child, prefix))
        else:
            lookup, value = child
            rewritten.children.append((f"{prefix}__{lookup}", value))
    return rewritten


def duplicate_list(*, user, kind_name: str) -> QuerySet:
    """Open pairs, best first, whose two records the user may edit (neither merged away)."""
    kind = KINDS[kind_name]
    scope = record_scope_q(user=user, permission=kind.edit_permission)
    if scope is None:
        return kind.pair_model.objects.none()
    return (
        kind.pair_model.objects.filter(
            _prefixed(scope, "first"),
            _prefixed(scope, "second"),
            dismissed_at__isnull=True,
            first__merged_into__isnull=True,
            second__merged_into__isnull=True,
        )
        .select_related("first", "second")
        .order_by("-score", "id")
    )


def duplicate_dismiss(*, actor, kind_name: str, pair_id: int):
    """Record that the two records of this pair are not the same: stored and audited; the
    pair is no longer listed."""
    kind = KINDS[kind_name]
    if not has_permission(actor, kind.edit_permission):
        raise PermissionDenied
    with transaction.atomic():
        pair = duplicate_list(user=actor, kind_name=kind_name).filter(pk=pair_id).first()
        if pair is None:
            return None
        pair.dismissed_at = timezone.now()
        pair.dismissed_by = actor
        pair.save(update_fields=["dismissed_at", "dismissed_by"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.RECORD_CHANGED,
            target_type=kind.target_type,
            target_id=str(pair.first_id),
            target_label=_("Not a duplicate: %(first)s / %(second)s")
            % {"first": pair.first, "second": pair.second},
            details={
                "action": "duplicate_dismissed",
                "first": str(pair.first_id),
                "second": str(pair.second_id),
                "score": pair.score,
            },
        )
    return pair
