"""Name parts that share a consonant skeleton are spelling variants only when they also begin
alike (a vowel or a consonant): Omar is Umar, not Mira; Ahmed is Ahmad, not Hamid."""

from __future__ import annotations

import pytest

from opencen.matching.scoring import part_similarity


@pytest.mark.parametrize(
    ("a", "b"),
    [("omar", "umar"), ("mohammed", "muhammad"), ("ahmad", "ahmed"), ("hassan", "hasan")],
)
def test_spelling_variants_score_high(a, b):
    assert part_similarity(a, b) >= 0.9


@pytest.mark.parametrize(("a", "b"), [("omar", "mira"), ("ahmed", "hamid")])
def test_same_consonants_in_another_order_of_vowels_score_low(a, b):
    assert part_similarity(a, b) < 0.75


def test_a_part_written_without_vowels_still_meets_its_spelling():
    # Arabic script gives consonants only: عمر -> "mr".
    assert part_similarity("mr", "omar") >= 0.9
