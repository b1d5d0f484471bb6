"""Project-wide middleware."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

#: Paths served to anonymous users. Everything else needs a login.
PUBLIC_PREFIXES: tuple[str, ...] = (
    "/healthz",
    "/accounts/login/",
    "/static/",
    "/i18n/",
    "/api/",  # the API answers 401/403 itself, never a redirect
)


class LoginRequiredMiddleware:
    """Send anonymous users to the login page for every page that is not public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
