"""Two-factor pages: enrolment, the second step of sign-in, backup codes and resets."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from opencen.accounts import mfa, selectors
from opencen.accounts.forms_mfa import PasswordConfirmForm, TokenForm, TotpConfirmForm
from opencen.accounts.permissions import Permission
from opencen.core.forms import add_service_errors
from opencen.core.permissions_views import permission_required

#: Session key of the TOTP secret shown on the enrolment page until a code confirms it.
PENDING_KEY_SESSION_KEY = "_opencen_mfa_pending_key"


def _next_url(request: HttpRequest) -> str:
    """Where to go after the second step: the page asked for, if it is one of ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _mark_verified(request: HttpRequest, device) -> None:
    """A new session key for the stronger session, then django-otp's mark on it."""
    request.session.cycle_key()
    otp_login(request, device)


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    trail = [(_("Two-factor authentication"), reverse("accounts:mfa")), *items]
    return [{"label": label, "url": url} for label, url in trail]


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (QR code and secret), or show the user's two-factor status."""
    user = request.user
    status = mfa.mfa_status(user=user)
    if status.enrolled:
        if request.method == "POST":
            return redirect("accounts:mfa")
        return render(
            request,
            "accounts/mfa/status.html",
            {"page_title": _("Two-factor authentication"), "status": status},
        )
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        key = request.session[PENDING_KEY_SESSION_KEY] = mfa.totp_secret_new()
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = mfa.mfa_enrol(user=user, key=key, token=form.cleaned_data["token"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session.pop(PENDING_KEY_SESSION_KEY, None)
            _mark_verified(request, enrolment.device)
            return render(
                request,
                "accounts/mfa/backup_codes.html",
                {
                    "page_title": _("Your backup codes"),
                    "codes": enrolment.backup_codes,
                    "just_enrolled": True,
                    "next_url": _next_url(request),
                },
            )
    return render(
        request,
        "accounts/mfa/enrol.html",
        {
            "page_title": _("Set up two-factor authentication"),
            "form": form,
            "qr_svg": mfa.totp_qr_svg(user=user, key=key),
            "secret_text": mfa.totp_secret_text(key),
            "required": settings.MFA_REQUIRED,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in: a code from the app or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not mfa.mfa_user_has_device(user=user):
        return redirect("accounts:mfa")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = mfa.mfa_verify(user=user, token=form.cleaned_data["token"])
        if result.ok:
            _mark_verified(request, result.device)
            if result.method == "backup_code":
                left = mfa.mfa_status(user=user).backup_codes_left
                messages.warning(
                    request,
                    _("You used a backup code; %(count)s left. Make new ones when few remain.")
                    % {"count": left},
                )
            return redirect(_next_url(request))
        if result.locked:
            logout(request)
            messages.error(
                request,
                _("Too many wrong codes. Your account is locked for %(minutes)s minutes.")
                % {"minutes": settings.LOCKOUT_MINUTES},
            )
            return redirect("accounts:login")
        if result.throttled:
            form.add_error("token", _("Too many wrong codes in a row. Wait a moment, then retry."))
        else:
            form.add_error("token", _("That code is not right."))
    return render(
        request,
        "accounts/mfa/verify.html",
        {
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_backup_codes(request: HttpRequest) -> HttpResponse:
    """Make new backup codes (shown once); the old ones stop working."""
    status = mfa.mfa_status(user=request.user)
    if not status.enrolled:
        return redirect("accounts:mfa")
    if request.method == "POST":
        codes = mfa.mfa_backup_codes_generate(user=request.user)
        return render(
            request,
            "accounts/mfa/backup_codes.html",
            {
                "page_title": _("Your backup codes"),
                "breadcrumbs": _crumbs((_("Backup codes"), None)),
                "codes": codes,
                "next_url": reverse("accounts:mfa"),
            },
        )
    return render(
        request,
        "accounts/mfa/backup_codes_new.html",
        {
            "page_title": _("New backup codes"),
            "breadcrumbs": _crumbs((_("Backup codes"), None)),
            "status": status,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_reset(request: HttpRequest) -> HttpResponse:
    """Remove one's own authenticator app and backup codes (for a new phone)."""
    if not mfa.mfa_status(user=request.user).enrolled:
        return redirect("accounts:mfa")
    form = PasswordConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa.mfa_reset(
                actor=request.user, user=request.user, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Two-factor authentication was removed. Set up your new phone now."),
            )
            return redirect("accounts:mfa")
    return render(
        request,
        "accounts/mfa/reset.html",
        {
            "page_title": _("Reset two-factor authentication"),
            "breadcrumbs": _crumbs((_("Reset"), None)),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def user_mfa_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator removes a user's second factors (lost phone): confirm, then POST."""
    user = get_object_or_404(selectors.user_list(user=request.user), pk=pk)
    is_self = user.pk == request.user.pk
    if request.method == "POST" and not is_self:
        mfa.mfa_reset(actor=request.user, user=user)
        messages.success(
            request,
            _(
                "Two-factor authentication of %(username)s was reset and they were signed out. "
                "They set up their new phone at their next sign-in."
            )
            % {"username": user.username},
        )
        return redirect("accounts:user-edit", pk=user.pk)
    trail = [
        (_("Administration"), reverse("accounts:admin-index")),
        (_("Users"), reverse("accounts:user-list")),
        (user.username, reverse("accounts:user-edit", args=[user.pk])),
        (_("Reset two-factor authentication"), None),
    ]
    return render(
        request,
        "accounts/mfa/admin_reset.html",
        {
            "page_title": _("Reset two-factor authentication"),
            "breadcrumbs": [{"label": label, "url": url} for label, url in trail],
            "edited_user": user,
            "is_self": is_self,
            "status": mfa.mfa_status(user=user),
        },
    )
