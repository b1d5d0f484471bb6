"""The API base: token authentication, OpenAPI schema, documentation page, error format."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openapi_spec_validator import validate
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from opencen.core.api.errors import Conflict, exception_handler


@pytest.fixture
def token(officer):
    out = StringIO()
    call_command("api_token", officer.username, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_api_token_command_prints_a_token_that_authenticates(api_client, officer, token):
    assert Token.objects.get(user=officer).key == token
    response = api_client.get("/api/v1/accounts/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response.json()["username"] == officer.username
    assert response.json()["unit"] == "PORT"
    assert response.json()["roles"] == ["officer"]


@pytest.mark.django_db
def test_a_new_token_replaces_the_old_one(api_client, officer, token):
    out = StringIO()
    call_command("api_token", officer.username, stdout=out)
    response = api_client.get("/api/v1/accounts/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401
    assert response.json() == {
        "error": {"status": 401, "code": "authentication_failed", "message": "Invalid token."}
    }


@pytest.mark.django_db
def test_api_token_for_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("api_token", "nobody")


@pytest.mark.django_db
def test_the_schema_is_valid_openapi_3(api_client, token):
    response = api_client.get("/api/v1/schema/?format=json", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    validate(schema)
    assert "/api/v1/reference/{name}/" in schema["paths"]


@pytest.mark.django_db
def test_the_documentation_page_uses_only_local_assets(client, officer):
    client.force_login(officer)
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200


@pytest.mark.django_db
def test_not_found_uses_the_error_format(api_client, officer):
    api_client.force_authenticate(officer)
    response = api_client.get("/api/v1/reference/no-such-list/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_lists_are_paginated_with_a_count(api_client, officer):
    from opencen.reference.models import Country

    Country.objects.bulk_create(
        [
            Country(code=f"A{i}", alpha3=f"AA{i}", numeric=f"{900 + i}", label=f"Country {i}")
            for i in range(3)
        ]
    )
    api_client.force_authenticate(officer)
    response = api_client.get("/api/v1/reference/countries/?page_size=2")
    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] is not None


def test_validation_and_conflict_errors_share_the_format():
    invalid = exception_handler(exceptions.ValidationError({"quantity": ["Must be > 0."]}), {})
    assert invalid.status_code == 400
    assert invalid.data == {
        "error": {
            "status": 400,
            "code": "invalid",
            "message": "The request has invalid fields.",
            "fields": {"quantity": ["Must be > 0."]},
        }
    }
    conflict = exception_handler(Conflict(), {})
    assert conflict.status_code == 409
    assert conflict.data["error"]["code"] == "conflict"
    forbidden = exception_handler(exceptions.PermissionDenied(), {})
    assert forbidden.data["error"] == {
        "status": 403,
        "code": "permission_denied",
        "message": "You do not have permission to perform this action.",
    }
