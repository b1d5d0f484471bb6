"""Reads of companies, scoped like persons (see opencen.persons.selectors)."""

from __future__ import annotations

from django.db.models import QuerySet

from opencen.accounts.permissions import Permission
from opencen.companies.models import Company
from opencen.persons.selectors import record_scope_q


def company_list(*, user, permission: Permission = Permission.COMPANY_VIEW) -> QuerySet[Company]:
    """Companies the user may read (or act on, with another permission), not merged away."""
    scope = record_scope_q(user=user, permission=permission)
    if scope is None:
        return Company.objects.none()
    return Company.objects.filter(scope, merged_into__isnull=True)


def company_can(*, user, company: Company, permission: Permission) -> bool:
    return company_list(user=user, permission=permission).filter(pk=company.pk).exists()
