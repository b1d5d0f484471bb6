"""The full reference data, loaded once for the whole ``tests/reference`` package.

Loading 28,000 airports takes a few seconds, so it happens once, inside a transaction that is
rolled back when the package's tests are done: other packages never see the data. Each test
still runs in its own savepoint (the ``db`` fixture), so what a test changes is undone.
"""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from opencen.reference.services import ReferenceLoadResult, reference_load


@pytest.fixture(scope="package")
def first_load(django_db_setup, django_db_blocker) -> dict:
    """The results and duration of the first full load."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        results: list[ReferenceLoadResult] = reference_load()
        yield {"results": results, "seconds": time.monotonic() - started}
        transaction.set_rollback(True)


@pytest.fixture
def reference_data(first_load, db) -> dict:
    """Use the loaded reference data in a test (changes are rolled back after it)."""
    return first_load
