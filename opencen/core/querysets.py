"""Query helpers shared by selectors."""

from __future__ import annotations

from django.db.models import Q


def path_prefix_q(field: str, prefix: str) -> Q:
    """Rows whose ``field`` starts with ``prefix``, as a range both databases answer from an
    index (a LIKE 'x%' on SQLite is case-insensitive and cannot use a plain index)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})
