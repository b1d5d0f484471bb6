"""Reads for project-level pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from opencen.accounts.permissions import Permission, has_permission


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    url: str | None = None


def _url(name: str) -> str | None:
    """The URL of a page, or None while the app that serves it is not there yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def home_counts(*, user) -> list[Count]:
    """Counts shown on the home page, each only when the user may read that data."""
    from opencen.accounts.models import Unit, User
    from opencen.reference.models import CODE_LISTS, Country, HSCode, Place

    counts: list[Count] = []
    if has_permission(user, Permission.USER_MANAGE):
        counts += [
            Count(_("Units"), Unit.objects.count(), _url("accounts:unit-list")),
            Count(
                _("Active users"),
                User.objects.filter(is_active=True).count(),
                _url("accounts:user-list"),
            ),
        ]
    if has_permission(user, Permission.REFERENCE_VIEW):
        reference_url = _url("reference:index")
        counts += [
            Count(_("Code lists"), len(CODE_LISTS), reference_url),
            Count(_("Countries"), Country.objects.count(), reference_url),
            Count(_("Places"), Place.objects.count(), reference_url),
            Count(_("HS codes"), HSCode.objects.count(), reference_url),
        ]
    return counts
