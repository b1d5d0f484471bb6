"""Scores from 0 to 1 of how well a stored name agrees with an asked one, order-free, with
partial credit for initials, spelling variants (phonetic skeletons), joined or split parts
and one- or two-letter typos."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from opencen.matching.normalise import compound_tokens, skeleton, token_variants

#: Below this a part counts as not found in the other name.
PART_FLOOR = 0.5


def _ratio(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(a, b)


_VOWELS = frozenset("aeiouy")


def _discount(alike_start: bool) -> float:
    """How much the likeness of two skeletons counts: less when one part begins with a vowel
    and the other with a consonant (Ahmed and Hamid share a skeleton, not a name)."""
    return 0.85 if alike_start else 0.7


def same_sound_start(a: str, b: str) -> bool:
    """Whether two parts with one skeleton may be spellings of one name: both begin with a
    vowel or both with a consonant (Omar ~ Umar, Mohammed ~ Muhammad, but not Omar ~ Mira).
    A part without vowels (a transliteration of Arabic or Hebrew script) may be either."""
    if not (_VOWELS & set(a)) or not (_VOWELS & set(b)):
        return True
    return (a[0] in _VOWELS) == (b[0] in _VOWELS)


class PartSimilarity:
    """Similarity of name parts and whole names, remembered for the query's (or the
    screened list's) duration: the same parts recur across hundreds of candidates."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], float] = {}
        #: Whole names compared, by their parts (the same names recur among candidates).
        self.names: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
        #: Asked part -> the stored parts it was compared with in one go (see prime).
        self.primed: dict[str, set[str]] = {}

    #: Remembered pairs at most (a screened list of 10,000 rows must not fill the memory).
    MAX_REMEMBERED = 300_000

    def __call__(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        key = (a, b)
        found = self.cache.get(key)
        if found is None:
            if b in self.primed.get(a, ()) or a in self.primed.get(b, ()):
                # Compared when primed and found below the floor: not the same part.
                return 0.0
            found = self.cache[key] = part_similarity(a, b)
        return found

    def prime(self, asked: set[str], stored: set[str]) -> None:
        """Compare at once, in rapidfuzz's C loops, every asked part with every stored one
        (what :func:`part_similarity` gives, for parts with one spelling; the others are
        left to it). Only pairs at or above the floor are kept; the rest count as 0."""
        if len(self.cache) > self.MAX_REMEMBERED or len(self.primed) > self.MAX_REMEMBERED:
            self.cache.clear()
            self.names.clear()
            self.primed.clear()
        choices = [t for t in stored if len(t) > 1 and len(token_variants(t)) == 1]
        if not choices:
            return
        sounds = [skeleton(t) for t in choices]
        cache = self.cache
        for a in asked:
            if len(a) < 2 or len(token_variants(a)) > 1:
                continue
            sound = skeleton(a)
            plain = {
                index: value
                for _choice, value, index in extract(
                    a,
                    choices,
                    scorer=Levenshtein.normalized_similarity,
                    limit=None,
                    score_cutoff=PART_FLOOR,
                )
            }
            alike = {
                index: value
                for _choice, value, index in extract(
                    sound,
                    sounds,
                    scorer=Levenshtein.normalized_similarity,
                    limit=None,
                    score_cutoff=PART_FLOOR / 0.85,
                )
            }
            for index in plain.keys() | alike.keys():
                b = choices[index]
                if a == b:
                    found = 1.0
                    continue
                spelled = plain.get(index)
                if spelled is None:
                    spelled = _ratio(a, b)
                alike_start = same_sound_start(a, b)
                if sound == sounds[index] and len(sound) >= 2 and alike_start:
                    found = max(spelled, 0.92 + 0.06 * spelled)
                else:
                    found = max(spelled, _discount(alike_start) * alike.get(index, 0.0))
                cache[(a, b)] = found
                cache[(b, a)] = found
            self.primed.setdefault(a, set()).update(choices)


@lru_cache(maxsize=500_000)
def part_similarity(a: str, b: str) -> float:
    """How alike two name parts are, 0 to 1 (remembered across queries: screening a list
    asks the same parts again and again)."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        # An initial agrees with a part that begins with it.
        return 0.8 if a[0] == b[0] else 0.0
    best = 0.0
    for va, ska in _forms(a):
        for vb, skb in _forms(b):
            if va == vb:
                return 0.97
            plain = _ratio(va, vb)
            # Same skeleton: a spelling variant; else the skeletons' own likeness, discounted.
            alike_start = same_sound_start(va, vb)
            same_sound = ska == skb and len(ska) >= 2 and alike_start
            phon = 0.92 + 0.06 * plain if same_sound else _discount(alike_start) * _ratio(ska, skb)
            best = max(best, plain, phon)
    return best


@lru_cache(maxsize=65536)
def _forms(token: str) -> tuple[tuple[str, str], ...]:
    """A part's spellings, each with its skeleton."""
    return tuple((variant, skeleton(variant)) for variant in token_variants(token))


def name_similarity(query: list[str], record: list[str], sim: PartSimilarity) -> float:
    """How well two names (lists of parts) agree: each part of either name is matched to
    its best counterpart (or to two parts of the other written as one), weighted by length.
    Parts of the query missing from the record weigh more than the reverse (a record often
    holds middle names the asker left out)."""
    if not query or not record:
        return 0.0
    key = (tuple(query), tuple(record))
    found = sim.names.get(key)
    if found is None:
        found = sim.names[key] = _name_similarity(query, record, sim)
    return found


def _name_similarity(query: list[str], record: list[str], sim: PartSimilarity) -> float:
    q_best = _best_parts(query, record, sim)
    r_best = _best_parts(record, query, sim)
    cover_q = _weighted(query, q_best)
    cover_r = _weighted(record, r_best)
    return 0.7 * cover_q + 0.3 * cover_r if cover_q >= cover_r else 0.5 * (cover_q + cover_r)


def _best_parts(parts: list[str], other: list[str], sim: PartSimilarity) -> list[float]:
    other_all = with_compounds(tuple(other))
    best = [max(sim(p, o) for o in other_all) for p in parts]
    if len(parts) > 1 and min(best) < 0.9:
        # Two neighbouring parts here may be one part there (Abdul Rahman / Abdulrahman).
        for i in range(len(parts) - 1):
            joined = compound_tokens(parts[i : i + 2])
            if not joined:
                continue
            score = max(sim(j, o) for j in joined[:1] for o in other)
            if score >= 0.9 and (score > best[i] or score > best[i + 1]):
                best[i] = max(best[i], score)
                best[i + 1] = max(best[i + 1], score)
    return best


@lru_cache(maxsize=65536)
def with_compounds(parts: tuple[str, ...]) -> list[str]:
    """The parts of a name and its neighbouring parts joined (see compound_tokens)."""
    return [*parts, *compound_tokens(list(parts))]


def _weighted(parts: list[str], scores: list[float]) -> float:
    total = 0.0
    weight = 0.0
    for part, score in zip(parts, scores, strict=True):
        w = min(len(part), 8) + 1
        total += w * (score if score >= PART_FLOOR else 0.0)
        weight += w
    return total / weight if weight else 0.0
