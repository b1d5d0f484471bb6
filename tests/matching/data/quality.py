"""Loading the labelled matching set and measuring recall@10 and precision@1 on it.

Shared by ``tests/matching/test_quality.py`` (which asserts the figures) and
``bench/matching.py`` (which prints them in ``make bench``); needs Django set up, not pytest.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent
RECALL_AT_10 = 0.95
PRECISION_AT_1 = 0.90


def labelled_set() -> tuple[dict, dict]:
    """The person and company parts of the set: ``{"records": [...], "pairs": [...]}``."""
    persons = json.loads((DATA / "persons.json").read_text(encoding="utf-8"))
    companies = json.loads((DATA / "companies.json").read_text(encoding="utf-8"))
    return persons, companies


# --- loading ---------------------------------------------------------------------------------


def _countries(codes) -> dict:
    """Country rows for these alpha-2 codes (made from pycountry when missing)."""
    import pycountry

    from opencen.reference.models import Country

    found = {c.code: c for c in Country.objects.filter(code__in=codes)}
    for code in sorted(set(codes) - set(found)):
        entry = pycountry.countries.get(alpha_2=code)
        found[code] = Country.objects.create(
            code=code, alpha3=entry.alpha_3, numeric=entry.numeric, label=entry.name
        )
    return found


def load_labelled_set(*, actor) -> tuple[dict, dict]:
    """Record every person and company of the set as ``actor`` (an officer); return
    ``{key: id}`` for persons and for companies."""
    from opencen.companies.services import CompanyInput, company_create
    from opencen.persons.services import AliasInput, DocumentInput, PersonInput, person_create

    persons, companies = labelled_set()
    codes = set()
    for record in persons["records"]:
        codes.update(record["nationalities"])
        codes.update(d["country"] for d in record["documents"] if d["country"])
    codes.update(c["country"] for c in companies["records"] if c["country"])
    country = _countries(codes)

    person_ids: dict[str, object] = {}
    for record in persons["records"]:
        data = PersonInput(
            given_names=record["given_names"],
            family_name=record["family_name"],
            name_original=record["name_original"],
            sex=record["sex"],
            birth_date=record["birth_date"],
            nationalities=[country[code] for code in record["nationalities"]],
            aliases=[AliasInput(name=a["name"], type=a["type"]) for a in record["aliases"]],
            documents=[
                DocumentInput(type=d["type"], number=d["number"], country=country[d["country"]])
                for d in record["documents"]
            ],
        )
        person_ids[record["key"]] = person_create(actor=actor, data=data).pk
    company_ids: dict[str, object] = {}
    for record in companies["records"]:
        data = CompanyInput(
            name=record["name"],
            legal_form=record["legal_form"],
            registration_number=record["registration_number"],
            tax_number=record["tax_number"],
            country=country[record["country"]],
            kind=record["kind"],
            trading_names=list(record["trading_names"]),
        )
        company_ids[record["key"]] = company_create(actor=actor, data=data).pk
    return person_ids, company_ids


# --- evaluation ------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One asked pair: where the expected record came, and what came first."""

    kind: str
    category: str
    query: dict
    expected: str
    rank: int | None  # 1-based; None when not in the first ten
    first: str  # key of the first answer ("" when none)
    first_score: float | None
    expected_score: float | None
    first_explanation: list = field(default_factory=list)


@dataclass
class QualityReport:
    outcomes: list[Outcome]

    def _share(self, outcomes: list[Outcome], top: int) -> float:
        if not outcomes:
            return 0.0
        return sum(1 for o in outcomes if o.rank is not None and o.rank <= top) / len(outcomes)

    @property
    def pairs(self) -> int:
        return len(self.outcomes)

    @property
    def recall_at_10(self) -> float:
        return self._share(self.outcomes, 10)

    @property
    def precision_at_1(self) -> float:
        return self._share(self.outcomes, 1)

    def of(self, kind: str) -> QualityReport:
        return QualityReport([o for o in self.outcomes if o.kind == kind])

    def by_category(self) -> dict[tuple[str, str], QualityReport]:
        groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            groups[(outcome.kind, outcome.category)].append(outcome)
        return {key: QualityReport(group) for key, group in sorted(groups.items())}

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank != 1]

    def summary(self) -> dict:
        return {
            "pairs": self.pairs,
            "recall_at_10": round(self.recall_at_10, 4),
            "precision_at_1": round(self.precision_at_1, 4),
            "persons": {
                "pairs": self.of("person").pairs,
                "recall_at_10": round(self.of("person").recall_at_10, 4),
                "precision_at_1": round(self.of("person").precision_at_1, 4),
            },
            "companies": {
                "pairs": self.of("company").pairs,
                "recall_at_10": round(self.of("company").recall_at_10, 4),
                "precision_at_1": round(self.of("company").precision_at_1, 4),
            },
        }

    def miss_lines(self) -> list[str]:
        """One line per pair not answered first: the query, where the expected record came,
        and what came first with its explanation."""
        lines = []
        for o in self.misses():
            where = f"rank {o.rank}" if o.rank else "not in top 10"
            expected = f"{o.expected_score:.3f}" if o.expected_score is not None else "-"
            first = f"{o.first} {o.first_score:.3f}" if o.first else "nothing"
            lines.append(
                f"  [{o.kind}/{o.category}] {json.dumps(o.query, ensure_ascii=False)} -> "
                f"expected {o.expected} ({where}, {expected}); first: {first} "
                f"{'; '.join(map(str, o.first_explanation))}"
            )
        return lines

    def text(self) -> str:
        """The figures overall and per category, then every pair not answered first."""
        lines = [
            f"{self.pairs} pairs: recall@10 {self.recall_at_10:.3f}, "
            f"precision@1 {self.precision_at_1:.3f}",
            f"{'kind':8} {'category':26} {'pairs':>5} {'recall@10':>9} {'prec@1':>7}",
        ]
        for (kind, category), report in self.by_category().items():
            lines.append(
                f"{kind:8} {category:26} {report.pairs:5d} {report.recall_at_10:9.2f} "
                f"{report.precision_at_1:7.2f}"
            )
        misses = self.miss_lines()
        if misses:
            lines.append(f"{len(misses)} pairs not answered first:")
        lines.extend(misses)
        return "\n".join(lines)


def evaluate(*, user, person_ids: dict, company_ids: dict) -> QualityReport:
    """Ask every pair of the set as ``user``; where each expected record came."""
    from opencen.matching.search import (
        CompanyQuery,
        PersonQuery,
        company_matches,
        person_matches,
    )

    persons, companies = labelled_set()
    outcomes: list[Outcome] = []

    def outcome(kind, pair, matches, keys_by_id) -> Outcome:
        keys = [keys_by_id.get(str(m.id), f"?{m.id}") for m in matches]
        rank = keys.index(pair["expected"]) + 1 if pair["expected"] in keys else None
        first = matches[0] if matches else None
        return Outcome(
            kind=kind,
            category=pair["category"],
            query=pair["query"],
            expected=pair["expected"],
            rank=rank,
            first=keys[0] if keys else "",
            first_score=first.score if first else None,
            expected_score=matches[rank - 1].score if rank else None,
            first_explanation=list(first.explanation) if first else [],
        )

    person_keys = {str(pk): key for key, pk in person_ids.items()}
    for pair in persons["pairs"]:
        asked = pair["query"]
        query = PersonQuery(
            name=asked.get("name", ""),
            birth_date=asked.get("birth_date", ""),
            nationalities=(asked["nationality"],) if asked.get("nationality") else (),
            document_number=asked.get("document_number", ""),
            sex=asked.get("sex", ""),
        )
        matches = person_matches(user=user, query=query, limit=10, threshold=0.0)
        outcomes.append(outcome("person", pair, matches, person_keys))
    company_keys = {str(pk): key for key, pk in company_ids.items()}
    for pair in companies["pairs"]:
        asked = pair["query"]
        query = CompanyQuery(
            name=asked.get("name", ""),
            country=asked.get("country", ""),
            registration_number=asked.get("registration_number", ""),
            tax_number=asked.get("tax_number", ""),
        )
        matches = company_matches(user=user, query=query, limit=10, threshold=0.0)
        outcomes.append(outcome("company", pair, matches, company_keys))
    return QualityReport(outcomes)
