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


class UncountedPage:
    """A page read without counting the whole list: one row more than the page is read to
    know whether a next page exists. Offers what the templates use of Django's page."""

    def __init__(self, object_list, number: int, paginator: UncountedPaginator, has_next: bool):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self._has_next = has_next

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class UncountedPaginator:
    """Pages of a list whose total is counted elsewhere (later, or not at all): ``count`` and
    ``num_pages`` are None."""

    count = None
    num_pages = None

    def __init__(self, object_list, per_page: int):
        self.object_list = object_list
        self.per_page = per_page

    def get_page(self, number) -> UncountedPage:
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return UncountedPage(rows[: self.per_page], number, self, len(rows) > self.per_page)
