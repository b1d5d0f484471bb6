"""Scores from 0 to 1 of how well a stored name agrees with an asked one, order-free, with
partial credit for initials, spelling variants (phonetic skeletons), joined or split parts
and one- or two-letter typos."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from opencen.matching.normalise import compound_tokens, skeleton, token_variants

#: Below this a part counts as not found in the other name.
PART_FLOOR = 0.5


def _ratio(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(a, b)


class PartSimilarity:
    """Similarity of two name parts, remembered for the query's duration (the same parts
    recur across hundreds of candidates)."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        key = (a, b)
        found = self.cache.get(key)
        if found is None:
            found = self._compute(a, b)
            self.cache[key] = found
        return found

    @staticmethod
    def _compute(a: str, b: str) -> float:
        if len(a) == 1 or len(b) == 1:
            # An initial agrees with a part that begins with it.
            return 0.8 if a[0] == b[0] else 0.0
        best = 0.0
        for va in token_variants(a):
            for vb in token_variants(b):
                if va == vb:
                    return 0.97
                plain = _ratio(va, vb)
                ska, skb = skeleton(va), skeleton(vb)
                if ska == skb and len(ska) >= 2:
                    phon = 0.92 + 0.06 * plain
                else:
                    phon = 0.85 * _ratio(ska, skb)
                best = max(best, plain, phon)
        return best


def name_similarity(query: list[str], record: list[str], sim: PartSimilarity) -> float:
    """How well two names (lists of parts) agree: each part of either name is matched to
    its best counterpart (or to two parts of the other written as one), weighted by length.
    Parts of the query missing from the record weigh more than the reverse (a record often
    holds middle names the asker left out)."""
    if not query or not record:
        return 0.0
    q_best = _best_parts(query, record, sim)
    r_best = _best_parts(record, query, sim)
    cover_q = _weighted(query, q_best)
    cover_r = _weighted(record, r_best)
    return 0.7 * cover_q + 0.3 * cover_r if cover_q >= cover_r else 0.5 * (cover_q + cover_r)


def _best_parts(parts: list[str], other: list[str], sim: PartSimilarity) -> list[float]:
    other_all = other + compound_tokens(other)
    best = [max(sim(p, o) for o in other_all) for p in parts]
    if len(parts) > 1 and min(best) < 0.9:
        # Two neighbouring parts here may be one part there (Abdul Rahman / Abdulrahman).
        for i in range(len(parts) - 1):
            joined = compound_tokens(parts[i : i + 2])
            if not joined:
                continue
            score = max(sim(j, o) for j in joined[:1] for o in other)
            if score > best[i] or score > best[i + 1]:
                best[i] = max(best[i], score)
                best[i + 1] = max(best[i + 1], score)
    return best


def _weighted(parts: list[str], scores: list[float]) -> float:
    total = 0.0
    weight = 0.0
    for part, score in zip(parts, scores, strict=True):
        w = min(len(part), 8) + 1
        total += w * (score if score >= PART_FLOOR else 0.0)
        weight += w
    return total / weight if weight else 0.0
