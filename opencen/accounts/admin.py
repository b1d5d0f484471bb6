"""Django admin site for users and units (a technical tool; the Administration pages are the
everyday way). Unit saves go through ``unit_save`` so that tree paths stay right."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from opencen.accounts.models import RoleAssignment, Unit, User
from opencen.accounts.services import unit_save, user_revoke_access


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    verbose_name = _("role")
    verbose_name_plural = _("roles")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "unit", "roles_display", "is_active"]
    list_filter = ["is_active", "role_assignments__role", "unit", "is_staff"]
    list_select_related = ["unit"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (_("Unit"), {"fields": ("unit", "preferred_language")}),
        *DjangoUserAdmin.fieldsets[2:],
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role_assignments")

    @admin.display(description=_("roles"))
    def roles_display(self, obj: User) -> str:
        return ", ".join(obj.role_labels)

    def save_model(self, request, obj: User, form, change: bool) -> None:
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if was_active and not obj.is_active:
            # Same effect as the Administration pages: sessions end, the API token goes.
            user_revoke_access(user=obj)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "path", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent"]
    ordering = ["path"]

    def save_model(self, request, obj: Unit, form, change: bool) -> None:
        unit_save(unit=obj)
