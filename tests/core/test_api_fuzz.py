"""Fuzz the JSON API from its own OpenAPI schema (schemathesis), in process, without network.

The schema is read from ``/api/v1/schema/`` through the WSGI application, as a client holding an
API token of an administrator who also holds every other role (so that every operation is
reachable). Each operation is one test: a bounded, reproducible set of generated requests, none
of which may answer 5xx, and every answer must match the schema: its body, and its status code
unless it is one of the API's error answers (400, 401, 403, 404, 405...) in the project's error
format (``opencen.core.api.errors``), which the schema does not list yet.

(Operations are listed at collection from the schema generator, which needs no database;
schemathesis' own ``from_fixture`` loader does not run under this pytest version.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.openapi.checks import UndefinedStatusCode
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from opencen.accounts.choices import Role
from opencen.reference.services import reference_load
from opencen.seizures.services import SeizureInput, seizure_create
from opencen.wsgi import application
from tests.factories import UserFactory

#: Generated requests per operation: enough to try every parameter, small enough for CI.
EXAMPLES_PER_OPERATION = 20
HTTP_METHODS = {"get", "put", "post", "patch", "delete"}

OPERATIONS = [
    (method.upper(), path)
    for path, item in SchemaGenerator().get_schema(request=None, public=True)["paths"].items()
    for method in item
    if method in HTTP_METHODS
]


#: Error answers the views give through the project's exception handler.
ERROR_STATUSES = {400, 401, 403, 404, 405, 406, 409, 415}


def documented_status_or_project_error(ctx, response, case):
    """The status code is in the schema, or it is an error answer in the project's format."""
    try:
        return status_code_conformance(ctx, response, case)
    except UndefinedStatusCode:
        if response.status_code not in ERROR_STATUSES:
            raise
    body = response.json()
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict), f"{response.status_code} without an error object: {body!r}"
    assert error.get("status") == response.status_code, body
    assert isinstance(error.get("code"), str) and isinstance(error.get("message"), str), body
    return None


CHECKS = [not_a_server_error, documented_status_or_project_error, response_schema_conformance]

#: Known server errors, by operation, with the database they happen on. Remove a line when
#: its bug is fixed (the run then passes as "XPASS" until it is removed).
KNOWN_SERVER_ERRORS: dict[tuple[str, str], tuple[str, str]] = {
    # (method, path): (database vendor, why) for a known, not yet fixed server error; the
    # case is then an expected failure. Empty: keep it that way.
}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI application fires request_started/finished, whose handler closes a
    connection inside a transaction (the test's, on PostgreSQL). Django's test client
    disconnects it for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token_headers(db, unit_tree) -> dict[str, str]:
    user = UserFactory(username="fuzz-admin", unit=unit_tree["hq"], roles=set(Role))
    token = Token.objects.create(user=user)
    # Small lists (not the 28,000 airports or the HS codes), so list answers have rows.
    reference_load(only={"countries", "currencies", "units", "commodity-sections"})
    return {"Authorization": f"Token {token.key}"}


@pytest.fixture
def known_ids(token_headers) -> dict[str, str]:
    """Ids of real records, put into every other generated request that names one (random
    ids only ever reach the 404 answer)."""
    user = Token.objects.get(key=token_headers["Authorization"].split()[1]).user
    seizure = seizure_create(
        actor=user, data=SeizureInput(occurred_at=timezone.now(), direction="import")
    )
    return {"id": str(seizure.pk)}


@pytest.fixture
def api_schema(token_headers):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application, headers=token_headers)


def test_the_fuzz_covers_every_operation_the_served_schema_lists(api_schema):
    served = {
        (operation.ok().method.upper(), operation.ok().path)
        for operation in api_schema.get_all_operations()
    }
    assert served == set(OPERATIONS)
    assert len(OPERATIONS) >= 3


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_answers_without_server_errors_and_as_documented(
    api_schema, token_headers, known_ids, method, path, request
):
    vendor, bug = KNOWN_SERVER_ERRORS.get((method, path), ("", ""))
    if vendor == connection.vendor:
        request.applymarker(pytest.mark.xfail(reason=bug, strict=False))
    operation = api_schema[path][method]
    calls = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        if case.path_parameters and len(calls) % 2 == 0:
            for name, value in known_ids.items():
                if name in case.path_parameters:
                    case.path_parameters[name] = value
        calls.append(case.call_and_validate(headers=token_headers, checks=CHECKS).status_code)

    fuzz()
    assert calls, "no request was generated"
    print(f"{method} {path}: {len(calls)} requests, statuses {sorted(set(calls))}")
