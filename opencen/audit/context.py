"""Where a request comes from, for audit events written deep inside services."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    source_ip: str | None = None
    purpose: str = ""


_EMPTY = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("opencen_audit_request", default=None)


def current_request_context() -> RequestContext:
    return _current.get() or _EMPTY


def set_request_context(context: RequestContext):
    """Set the context; returns a token for :func:`reset_request_context`."""
    return _current.set(context)


def reset_request_context(token) -> None:
    _current.reset(token)
