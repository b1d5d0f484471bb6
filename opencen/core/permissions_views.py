"""Guard pages by an OpenCEN permission (see ``opencen.accounts.permissions``).

Anonymous users are sent to the login page; signed-in users without the permission get 403.

    @permission_required(Permission.USER_MANAGE)
    def user_list(request): ...

    class SeizureListView(PermissionRequiredMixin, ListView):
        required_permission = Permission.SEIZURE_VIEW
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse

from opencen.accounts.permissions import Permission, has_permission


def check_permission(request: HttpRequest, permission: Permission) -> HttpResponse | None:
    """A login redirect for anonymous users, PermissionDenied without the permission, or None."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_permission(request.user, permission):
        raise PermissionDenied
    return None


def permission_required(permission: Permission) -> Callable:
    """Decorate a function view so that only users holding ``permission`` reach it."""

    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            refused = check_permission(request, permission)
            if refused is not None:
                return refused
            return view_func(request, *args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


class PermissionRequiredMixin:
    """Class-based view counterpart of :func:`permission_required`."""

    required_permission: Permission | None = None

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.required_permission is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a required_permission.")
        refused = check_permission(request, self.required_permission)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)
