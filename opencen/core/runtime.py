"""Process settings for a long-running server process."""

from __future__ import annotations

import gc

#: Allocations between two collections of the youngest generation (CPython's default is 700).
#: A page of 50 rows allocates tens of thousands of objects: with the default, full
#: collections over everything Django loaded interrupt requests for 100 ms and more.
GC_THRESHOLD = (50_000, 20, 100)


def server_gc_tune() -> None:
    """Move what start-up loaded out of the collector's reach (``gc.freeze``) and collect
    less often: called once the application is loaded, before serving requests (in each
    gunicorn worker, the frozen objects stay shared with the master process)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
