"""Record where each request comes from, so services can stamp audit events with it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from opencen.audit.context import RequestContext, reset_request_context, set_request_context


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the peer, or behind N trusted proxies (OPENCEN_TRUSTED_PROXIES)
    the address the outermost trusted proxy saw. Addresses a client wrote itself are ignored."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            candidate = hops[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
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
