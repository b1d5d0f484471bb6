"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from opencen.accounts.permissions import Permission, has_permission

#: Main navigation: (label, url name, permission). An entry whose url does not exist yet is
#: hidden, so sections appear as their apps land and there is never a dead link.
NAVIGATION: tuple[tuple[str, str, Permission], ...] = (
    (_("Seizures"), "seizures:list", Permission.SEIZURE_VIEW),
    (_("Persons"), "persons:list", Permission.PERSON_VIEW),
    (_("Companies"), "companies:list", Permission.COMPANY_VIEW),
    (_("Investigations"), "investigations:list", Permission.INVESTIGATION_VIEW),
    (_("Data review"), "persons:review", Permission.PERSON_REVIEW),
    (_("Screening"), "matching:screening", Permission.ANALYSIS_RUN),
    (_("Analysis"), "analysis:index", Permission.ANALYSIS_RUN),
    (_("Messages"), "messaging:inbox", Permission.HOME_VIEW),
    (_("Exchange"), "exchange:index", Permission.EXCHANGE_MANAGE),
    (_("Administration"), "accounts:admin-index", Permission.USER_MANAGE),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for label, url_name, permission in NAVIGATION:
            if not has_permission(user, permission):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return {
        "nav_items": items,
        "opencen_env": settings.OPENCEN_ENV,
        "installation_code": settings.INSTALLATION_CODE,
    }
