"""Purpose of consultation: why a user exports (and, with the suspect database, opens or
searches persons and companies). Asked once per kind of work during a session, stored on
every audit event written while it applies. Mandatory when ``PURPOSE_REQUIRED`` is on
(default in production)."""

from __future__ import annotations

import functools
from dataclasses import replace
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from opencen.audit.context import (
    current_request_context,
    reset_request_context,
    set_request_context,
)

SESSION_KEY = "_opencen_purposes"
MIN_LENGTH = 3
MAX_LENGTH = 300

#: Kinds of work a purpose is asked for, with the question shown.
KINDS = {
    "export": _("Why are you exporting this data?"),
    "screening": _("Why are you screening this list against the database?"),
    "person": _("Why are you consulting or searching persons?"),
    "company": _("Why are you consulting or searching companies?"),
}


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        help_text=_("A case reference (for example an investigation number) or a short reason."),
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True}),
    )


def remembered_purpose(request: HttpRequest, kind: str) -> str:
    return request.session.get(SESSION_KEY, {}).get(kind, "")


def remember_purpose(request: HttpRequest, kind: str, purpose: str) -> None:
    purposes = dict(request.session.get(SESSION_KEY, {}))
    purposes[kind] = purpose.strip()[:MAX_LENGTH]
    request.session[SESSION_KEY] = purposes


def purpose_required(kind: str):
    """Run the view with the purpose of ``kind`` on its audit events: from ``?purpose=`` (also
    remembered), else the one remembered this session; when none is known and purposes are
    mandatory, send the user to the purpose page first."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            given = (request.GET.get("purpose") or "").strip()
            if len(given) >= MIN_LENGTH:
                remember_purpose(request, kind, given)
            purpose = remembered_purpose(request, kind)
            if not purpose and settings.PURPOSE_REQUIRED:
                query = urlencode({"kind": kind, "next": request.get_full_path()})
                return redirect(f"{reverse('audit:purpose')}?{query}")
            token = set_request_context(replace(current_request_context(), purpose=purpose))
            try:
                return view(request, *args, **kwargs)
            finally:
                reset_request_context(token)

        return wrapped

    return decorator


@require_http_methods(["GET", "POST"])
def purpose_view(request: HttpRequest) -> HttpResponse:
    """Ask for the purpose, remember it for this kind of work, and go on where the user was."""
    kind = request.GET.get("kind", "export")
    if kind not in KINDS:
        kind = "export"
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("core:home")
    form = PurposeForm(request.POST or None, initial={"purpose": remembered_purpose(request, kind)})
    if request.method == "POST" and form.is_valid():
        remember_purpose(request, kind, form.cleaned_data["purpose"])
        return redirect(next_url)
    return render(
        request,
        "audit/purpose.html",
        {"form": form, "question": KINDS[kind], "next_url": next_url, "page_title": _("Purpose")},
    )
