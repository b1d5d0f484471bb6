"""Blocking keys kept current on every write of a person or company.

Persons and companies services call these in the same transaction as the write; the demo
generator calls them per batch. (Filled in by the matching app's blocking-key work.)
"""

from __future__ import annotations

from collections.abc import Iterable


def person_index(person_ids: Iterable) -> None:
    """(Re)build the blocking keys of these persons; removes those of deleted ones."""


def company_index(company_ids: Iterable) -> None:
    """(Re)build the blocking keys of these companies; removes those of deleted ones."""
