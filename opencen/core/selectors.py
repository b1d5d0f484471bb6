"""Reads for project-level pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from opencen.accounts.permissions import Permission, has_permission


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    url: str | None = None


def home_counts(*, user) -> list[Count]:
    """Counts shown on the home page, each only when the user may read that data."""
    from opencen.accounts.models import Unit, User
    from opencen.reference.models import Country, HSCode, Place

    counts: list[Count] = []
    if has_permission(user, Permission.REFERENCE_VIEW):
        counts += [
            Count(_("Countries"), Country.objects.count()),
            Count(_("Places"), Place.objects.count()),
            Count(_("HS codes"), HSCode.objects.count()),
        ]
    if has_permission(user, Permission.USER_MANAGE):
        counts += [
            Count(_("Units"), Unit.objects.count()),
            Count(_("Users"), User.objects.filter(is_active=True).count()),
        ]
    return counts
