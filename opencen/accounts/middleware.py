"""Two-factor enforcement: a signed-in but unverified session reaches only the MFA pages.

Runs after ``django_otp.middleware.OTPMiddleware`` (which gives ``request.user.is_verified()``).
A user who enrolled must pass the second step at every sign-in, whatever the setting; with
``MFA_REQUIRED`` every user must enrol first.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.urls import reverse

from opencen.accounts.mfa import mfa_user_has_device

#: Paths an unverified session may still reach, besides the MFA page it is sent to.
MFA_EXEMPT_PREFIXES: tuple[str, ...] = (
    "/accounts/login/",
    "/accounts/logout/",
    "/static/",
    "/healthz",
    "/i18n/",
)


def _api_token_request(request: HttpRequest) -> bool:
    """True when the call names an API token: token authentication decides, not the session."""
    scheme = request.headers.get("Authorization", "").split(" ", 1)[0]
    return scheme.lower() == "token"


class MFARequiredMiddleware:
    """Send an unverified session to the verify page (or the enrolment page), or refuse it 403.

    Which page: a user with a confirmed device verifies; one without enrols, and only when
    ``MFA_REQUIRED`` is on. The API answers 403 in the project's error format instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        path = request.path
        if path.startswith(MFA_EXEMPT_PREFIXES):
            return self.get_response(request)
        has_device = mfa_user_has_device(user=user)
        if not has_device and not settings.MFA_REQUIRED:
            return self.get_response(request)
        target = reverse("accounts:mfa-verify" if has_device else "accounts:mfa")
        if path == target:
            return self.get_response(request)
        if path.startswith("/api/"):
            if _api_token_request(request):
                return self.get_response(request)
            return JsonResponse(
                {
                    "error": {
                        "status": 403,
                        "code": "mfa_required",
                        "message": "This session has not passed two-factor authentication.",
                    }
                },
                status=403,
            )
        if request.method != "GET":
            return HttpResponseRedirect(target)
        query = QueryDict(mutable=True)
        query["next"] = request.get_full_path()
        return HttpResponseRedirect(f"{target}?{query.urlencode(safe='/')}")
