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


def company_get(*, user, pk, permission: Permission = Permission.COMPANY_VIEW) -> Company:
    """One company with what its page shows; raises Company.DoesNotExist when out of scope
    (or merged away: see :func:`company_merged_target`)."""
    return (
        company_list(user=user, permission=permission)
        .select_related("unit", "country", "created_by", "updated_by")
        .prefetch_related("trading_names", "addresses__country", "phones", "emails")
        .get(pk=pk)
    )


def company_merged_target(*, user, pk) -> Company | None:
    """The company a merged one now lives in, when the user may read it."""
    merged = Company.objects.filter(pk=pk, merged_into__isnull=False).first()
    if merged is None:
        return None
    return company_list(user=user).filter(pk=merged.merged_into_id).first()


def company_involvements(*, user, company: Company):
    """The company's involvements in the seizures the user may read, newest seizure first."""
    from opencen.companies.models import SeizureCompany
    from opencen.seizures.selectors import seizure_list

    return (
        SeizureCompany.objects.filter(company=company, seizure__in=seizure_list(user=user))
        .select_related("seizure", "seizure__place", "seizure__unit")
        .prefetch_related("seizure__goods__commodity_type")
        .order_by("-seizure__occurred_at", "-id")
    )


def company_people(*, user, company: Company):
    """The people of the company whom the user may read."""
    from opencen.companies.models import CompanyPerson
    from opencen.persons.selectors import person_list

    return (
        CompanyPerson.objects.filter(company=company, person__in=person_list(user=user))
        .select_related("person")
        .order_by("role", "person__family_name")
    )


def seizure_company_involvements(*, user, seizure):
    """The companies involved in a seizure, those the user may read."""
    from opencen.companies.models import SeizureCompany

    return (
        SeizureCompany.objects.filter(seizure=seizure, company__in=company_list(user=user))
        .select_related("company", "company__country")
        .order_by("role", "company__name")
    )
