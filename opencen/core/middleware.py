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


#: No inline script and no eval anywhere; styles may be inline (Bootstrap and htmx set them).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Content Security Policy and the headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class SessionIdleTimeoutMiddleware:
    """End a session after ``SESSION_IDLE_TIMEOUT`` seconds without a request.

    The absolute lifetime is the session cookie's age (``SESSION_COOKIE_AGE``), set at login
    and never extended.
    """

    KEY = "_opencen_last_seen"
    RESOLUTION = 30  # seconds: at most one session write per half minute for activity

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        from django.contrib.auth import logout

        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                if not request.path.startswith(PUBLIC_PREFIXES):
                    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            elif last_seen is None or now - int(last_seen) >= self.RESOLUTION:
                request.session[self.KEY] = now
        return self.get_response(request)


def fix_session_lifetime(sender, request, user, **kwargs) -> None:
    """At login, fix the session's end: activity never extends it past the absolute lifetime."""
    import datetime

    from django.utils import timezone

    request.session.set_expiry(
        timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )
    request.session[SessionIdleTimeoutMiddleware.KEY] = int(timezone.now().timestamp())
