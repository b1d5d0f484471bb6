"""One error format for every API failure.

``{"error": {"status": 400, "code": "invalid", "message": "...", "fields": {...}}}``
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    """409: the record changed since the client read it (optimistic concurrency)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This record was changed by someone else since you read it."
    default_code = "conflict"


def _flatten(detail: Any) -> Any:
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    return str(detail)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Wrap DRF's handler so every error has the same shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    error: dict[str, Any] = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        error["code"] = "invalid"
        error["message"] = "The request has invalid fields."
        detail = _flatten(exc.detail)
        error["fields"] = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        error["code"] = codes if isinstance(codes, str) else "error"
        error["message"] = str(exc.detail)
    response.data = {"error": error}
    return response
