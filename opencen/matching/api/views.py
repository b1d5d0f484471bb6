"""The match API: ``GET /api/v1/persons/match/`` and ``GET /api/v1/companies/match/``.

Best first, scoped to the caller's records; each call is audited as a search (the asked name
is personal data and is kept in the event, as for the list searches).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.matching.api.serializers import (
    CompanyMatchParamsSerializer,
    MatchResultsSerializer,
    PersonMatchParamsSerializer,
)
from opencen.matching.search import CompanyQuery, PersonQuery, company_matches, person_matches


class _Needs(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return has_permission(request.user, view.required_permission)


class _MatchView(APIView):
    permission_classes = [permissions.IsAuthenticated, _Needs]
    required_permission: Permission
    params_class: type
    target_type = ""
    detail_route = ""

    def get(self, request):
        params = self.params_class(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        limit = data.pop("limit", 10)
        query = self.query(data)
        found = self.find(user=request.user, query=query, limit=limit)
        audit_record(
            actor=request.user,
            event_type=AuditEventType.SEARCH,
            target_type=self.target_type,
            details={
                "matching": "api",
                "query": {k: v for k, v in data.items() if v},
                "results": len(found),
            },
        )
        return Response({"results": [self.item(m) for m in found]})

    def item(self, match) -> dict:
        try:
            url = reverse(self.detail_route, args=[match.id])
        except NoReverseMatch:
            url = ""
        return {
            "id": str(match.id),
            "score": match.score,
            "name": match.name,
            "explanation": match.explanation,
            "url": url,
        }


ERRORS = {
    400: OpenApiResponse(description="Neither a name nor a number given, or a bad limit."),
    401: OpenApiResponse(description="No or a wrong token."),
    403: OpenApiResponse(description="Not allowed."),
}


@extend_schema(tags=["persons"])
class PersonMatchView(_MatchView):
    """Persons on file matching a name (any spelling or script, any order), birth date
    (partial dates allowed), nationality or document number; best first."""

    required_permission = Permission.PERSON_VIEW
    params_class = PersonMatchParamsSerializer
    target_type = "persons.person"
    detail_route = "api-person-detail"

    @staticmethod
    def query(data: dict) -> PersonQuery:
        return PersonQuery(
            name=data.get("name", ""),
            birth_date=data.get("birth_date", ""),
            nationalities=(data["nationality"].upper(),) if data.get("nationality") else (),
            document_number=data.get("document_number", ""),
            sex=data.get("sex", ""),
        )

    @staticmethod
    def find(**kwargs):
        return person_matches(**kwargs)

    @extend_schema(
        operation_id="persons_match",
        parameters=[PersonMatchParamsSerializer],
        responses={200: MatchResultsSerializer, **ERRORS},
    )
    def get(self, request):
        """Ask with ``name`` or ``document_number`` (or both); ``limit`` 1 to 50 (10)."""
        return super().get(request)


@extend_schema(tags=["companies"])
class CompanyMatchView(_MatchView):
    """Companies on file matching a name (legal forms ignored), country, registration or tax
    number; best first."""

    required_permission = Permission.COMPANY_VIEW
    params_class = CompanyMatchParamsSerializer
    target_type = "companies.company"
    detail_route = "api-company-detail"

    @staticmethod
    def query(data: dict) -> CompanyQuery:
        return CompanyQuery(
            name=data.get("name", ""),
            country=data.get("country", "").upper(),
            registration_number=data.get("registration_number", ""),
            tax_number=data.get("tax_number", ""),
        )

    @staticmethod
    def find(**kwargs):
        return company_matches(**kwargs)

    @extend_schema(
        operation_id="companies_match",
        parameters=[CompanyMatchParamsSerializer],
        responses={200: MatchResultsSerializer, **ERRORS},
    )
    def get(self, request):
        """Ask with ``name``, ``registration_number`` or ``tax_number``; ``limit`` 1 to 50."""
        return super().get(request)
