"""Record where each request comes from, so services can stamp audit events with it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from opencen.audit.context import RequestContext, reset_request_context, set_request_context


def client_ip(request: HttpRequest) -> str | None:
    """The peer address. Behind a reverse proxy, the proxy sets REMOTE_ADDR (see operations)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_context(RequestContext(source_ip=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)
