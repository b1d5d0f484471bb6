"""Matching benchmark (person and company match, brute-force baseline, screening, quality)."""

from __future__ import annotations


def scenario_matching(context) -> list[dict]:
    """The lines of the table (being written)."""
    return [{"scenario": "person and company matching", "value": "n/a", "detail": "not yet"}]
