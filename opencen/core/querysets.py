"""Query helpers shared by selectors."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import CharField, Lookup, Q


class _UnindexedComparison(Lookup):
    """A comparison SQLite answers without the column's index (``+col >= %s``): used when a
    scan in another index's order (newest first) finds a page sooner than the range would."""

    operator = ""

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "sqlite":
            lhs = f"+{lhs}"
        return f"{lhs} {self.operator} {rhs}", [*lhs_params, *rhs_params]


@CharField.register_lookup
class UnindexedGreaterOrEqual(_UnindexedComparison):
    lookup_name = "gte_unindexed"
    operator = ">="


@CharField.register_lookup
class UnindexedLess(_UnindexedComparison):
    lookup_name = "lt_unindexed"
    operator = "<"


def path_prefix_q(field: str, prefix: str, *, use_index: bool = True) -> Q:
    """Rows whose ``field`` starts with ``prefix``, as a range both databases answer from an
    index (a LIKE 'x%' on SQLite is case-insensitive and cannot use a plain index).

    ``use_index=False`` keeps SQLite off that index, for pages read newest first among many
    rows (the time index then finds the page at once instead of sorting the whole range)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    if use_index:
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})
    return Q(**{f"{field}__gte_unindexed": prefix, f"{field}__lt_unindexed": upper})


class CountedPaginator(Paginator):
    """A paginator given the total it would otherwise count (counted once, elsewhere)."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count
