"""Sign-in, sign-out and password pages, and the administration of users and units."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from opencen.accounts import selectors, services
from opencen.accounts.forms import (
    PasswordChangeForm,
    SetPasswordForm,
    UnitForm,
    UserCreateForm,
    UserFilterForm,
    UserForm,
)
from opencen.accounts.models import Unit
from opencen.accounts.permissions import Permission
from opencen.core.forms import add_service_errors
from opencen.core.permissions_views import permission_required

USERS_PER_PAGE = 50


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("core:home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Change password")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


# --- administration ----------------------------------------------------------------------


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    """Breadcrumbs from the administration landing page down to the current page."""
    trail = [(_("Administration"), reverse("accounts:admin-index")), *items]
    return [{"label": label, "url": url} for label, url in trail]


@require_http_methods(["GET"])
@permission_required(Permission.USER_MANAGE)
def admin_index(request: HttpRequest) -> HttpResponse:
    """Landing page of the administration: what an administrator maintains, with counts."""
    users = selectors.user_list(user=request.user)
    sections = [
        {
            "title": _("Users"),
            "text": _("Accounts, their unit and roles; deactivate people who left."),
            "url": reverse("accounts:user-list"),
            "count": users.filter(is_active=True).count(),
            "count_label": _("active users"),
        },
        {
            "title": _("Units"),
            "text": _("The organisational tree: headquarters, regions, offices, border posts."),
            "url": reverse("accounts:unit-list"),
            "count": selectors.unit_list(user=request.user).count(),
            "count_label": _("units"),
        },
    ]
    with contextlib.suppress(NoReverseMatch):  # the reference pages may not be installed
        sections.append(
            {
                "title": _("Code lists"),
                "text": _("Countries, units of measure, places and the other reference lists."),
                "url": reverse("reference:index"),
                "count": None,
                "count_label": "",
            }
        )
    return render(
        request,
        "accounts/admin/index.html",
        {
            "page_title": _("Administration"),
            "sections": sections,
            "show_django_admin": request.user.is_staff,
        },
    )


@require_http_methods(["GET"])
@permission_required(Permission.USER_MANAGE)
def user_list(request: HttpRequest) -> HttpResponse:
    """Users, searchable and filtered by unit, role and status."""
    filter_form = UserFilterForm(request.GET or None)
    users = selectors.user_list(user=request.user, filters=filter_form.filters())
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/admin/user_list.html",
        {
            "page_title": _("Users"),
            "breadcrumbs": _crumbs((_("Users"), None)),
            "filter_form": filter_form,
            "filtered": filter_form.is_bound and any(filter_form.filters().values()),
            "page_obj": page,
            "users": page.object_list,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                unit=data["unit"],
                roles=data["roles"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("User %(username)s was created.") % {"username": user.username}
            )
            return redirect("accounts:user-list")
    return render(
        request,
        "accounts/admin/user_form.html",
        {
            "page_title": _("New user"),
            "breadcrumbs": _crumbs(
                (_("Users"), reverse("accounts:user-list")), (_("New user"), None)
            ),
            "form": form,
            "has_units": Unit.objects.exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(selectors.user_list(user=request.user), pk=pk)
    title, username = user.get_full_name() or user.username, user.username
    form = UserForm(
        request.POST or None,
        initial=UserForm.initial_for(user),
        current_unit=user.unit,
        user=user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(actor=request.user, user=user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("User %(username)s was saved.") % {"username": user.username}
            )
            return redirect("accounts:user-list")
    return render(
        request,
        "accounts/admin/user_form.html",
        {
            "page_title": title,
            "breadcrumbs": _crumbs((_("Users"), reverse("accounts:user-list")), (username, None)),
            "form": form,
            "edited_user": user,
            "is_self": user.pk == request.user.pk,
            "has_units": True,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def user_set_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(selectors.user_list(user=request.user), pk=pk)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(
                actor=request.user, user=user, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("A new password was set for %(username)s. Give it to them in person.")
                % {"username": user.username},
            )
            return redirect("accounts:user-edit", pk=user.pk)
    return render(
        request,
        "accounts/admin/user_password.html",
        {
            "page_title": _("Set a password"),
            "breadcrumbs": _crumbs(
                (_("Users"), reverse("accounts:user-list")),
                (user.username, reverse("accounts:user-edit", args=[user.pk])),
                (_("Set a password"), None),
            ),
            "form": form,
            "edited_user": user,
        },
    )


def _user_status_change(request: HttpRequest, pk: int, *, activate: bool) -> HttpResponse:
    """Confirmation page (GET) and the change itself (POST) for deactivate and reactivate."""
    user = get_object_or_404(selectors.user_list(user=request.user), pk=pk)
    if request.method == "POST":
        try:
            if activate:
                services.user_reactivate(actor=request.user, user=user)
                text = _("User %(username)s can sign in again.")
            else:
                services.user_deactivate(actor=request.user, user=user)
                text = _("User %(username)s was deactivated and signed out everywhere.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("accounts:user-edit", pk=user.pk)
        messages.success(request, text % {"username": user.username})
        return redirect("accounts:user-list")
    title = _("Reactivate user") if activate else _("Deactivate user")
    return render(
        request,
        "accounts/admin/user_confirm_status.html",
        {
            "page_title": title,
            "breadcrumbs": _crumbs(
                (_("Users"), reverse("accounts:user-list")),
                (user.username, reverse("accounts:user-edit", args=[user.pk])),
                (title, None),
            ),
            "edited_user": user,
            "activate": activate,
            "is_self": user.pk == request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_status_change(request, pk, activate=False)


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_status_change(request, pk, activate=True)


@require_http_methods(["GET"])
@permission_required(Permission.USER_MANAGE)
def unit_list(request: HttpRequest) -> HttpResponse:
    """The unit tree, indented, with the number of active users in each unit."""
    return render(
        request,
        "accounts/admin/unit_list.html",
        {
            "page_title": _("Units"),
            "breadcrumbs": _crumbs((_("Units"), None)),
            "units": selectors.unit_tree(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def unit_create(request: HttpRequest) -> HttpResponse:
    form = UnitForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(
                actor=request.user,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                parent=data["parent"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Unit %(code)s was created.") % {"code": unit.code})
            return redirect("accounts:unit-list")
    return render(
        request,
        "accounts/admin/unit_form.html",
        {
            "page_title": _("New unit"),
            "breadcrumbs": _crumbs(
                (_("Units"), reverse("accounts:unit-list")), (_("New unit"), None)
            ),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(Permission.USER_MANAGE)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(selectors.unit_list(user=request.user), pk=pk)
    title, code = str(unit), unit.code
    form = UnitForm(request.POST or None, initial=UnitForm.initial_for(unit), unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Unit %(code)s was saved.") % {"code": unit.code})
            return redirect("accounts:unit-list")
    return render(
        request,
        "accounts/admin/unit_form.html",
        {
            "page_title": title,
            "breadcrumbs": _crumbs((_("Units"), reverse("accounts:unit-list")), (code, None)),
            "form": form,
            "unit": unit,
            "subunit_count": Unit.objects.filter(path__startswith=unit.path)
            .exclude(pk=unit.pk)
            .count(),
        },
    )
