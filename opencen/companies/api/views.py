"""The company API: ``/api/v1/companies/``. Thin: selectors read, services write.

A company the user may not see answers 404, never 403. Reading one is audited, with the
purpose given as ``?purpose=`` or the ``X-Purpose`` header (required when the installation
makes purposes mandatory).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, permissions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.purpose import MAX_LENGTH, MIN_LENGTH
from opencen.audit.services import audit_record
from opencen.companies.api.serializers import (
    CompanyCreateSerializer,
    CompanyDetailSerializer,
    CompanySummarySerializer,
    CompanyUpdateSerializer,
    CompanyVersionSerializer,
)
from opencen.companies.filtersets import CompanyFilterSet
from opencen.companies.models import Company
from opencen.companies.selectors import company_get, company_list
from opencen.companies.services import (
    CompanyConflict,
    company_create,
    company_snapshot,
    company_update,
)
from opencen.core.api.errors import Conflict
from opencen.seizures.api.serializers import SeizureConflictSerializer, SeizureErrorSerializer

ERRORS = {
    400: OpenApiResponse(SeizureErrorSerializer, description="Invalid fields."),
    401: OpenApiResponse(SeizureErrorSerializer, description="No or a wrong token."),
    403: OpenApiResponse(SeizureErrorSerializer, description="Not allowed."),
    404: OpenApiResponse(SeizureErrorSerializer, description="No such company in your scope."),
}
PURPOSE = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    description="Why you consult this company (a case reference or a short reason).",
)


def _errors(*codes: int) -> dict:
    return {code: ERRORS[code] for code in codes}


class CompanyPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        needed = view.permission_by_method.get(request.method, Permission.COMPANY_VIEW)
        return has_permission(request.user, needed)


class CompanyAPIView:
    permission_classes = [permissions.IsAuthenticated, CompanyPermission]
    parser_classes = [JSONParser]
    permission_by_method: dict[str, Permission] = {}

    def get_company(self, permission=Permission.COMPANY_VIEW) -> Company:
        try:
            return company_get(user=self.request.user, pk=self.kwargs["pk"], permission=permission)
        except Company.DoesNotExist:
            raise exceptions.NotFound from None

    def purpose(self) -> str:
        given = self.request.query_params.get("purpose") or self.request.headers.get(
            "X-Purpose", ""
        )
        given = given.strip()[:MAX_LENGTH]
        if len(given) < MIN_LENGTH and settings.PURPOSE_REQUIRED:
            raise exceptions.ValidationError(
                {"purpose": ["Give the purpose of consultation (?purpose= or X-Purpose)."]}
            )
        return given if len(given) >= MIN_LENGTH else ""

    def detail_response(self, company: Company, status_code: int = 200) -> Response:
        fresh = company_get(user=self.request.user, pk=company.pk)
        data = CompanyDetailSerializer(fresh, context={"request": self.request}).data
        return Response(data, status=status_code)

    def handle_exception(self, exc):
        if isinstance(exc, CompanyConflict):
            response = super().handle_exception(Conflict())
            response.data["error"]["current_version"] = exc.current_version
            response.data["error"]["changes"] = exc.changes
            return response
        if isinstance(exc, DjangoValidationError):
            if hasattr(exc, "error_dict"):
                exc = exceptions.ValidationError(exc.message_dict)
            else:
                exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
        return super().handle_exception(exc)

    def body(self) -> dict:
        data = self.request.data
        if not isinstance(data, dict):
            raise exceptions.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: ["Send a JSON object."]}
            )
        return data


@extend_schema(tags=["companies"])
class CompanyListView(CompanyAPIView, generics.ListAPIView):
    """Companies in your scope, by name, filtered like the list page
    (``?name=ocean&country=ZA&kind=importer&number=2011/123456/07``). Create with POST."""

    serializer_class = CompanySummarySerializer
    filterset_class = CompanyFilterSet
    permission_by_method = {"POST": Permission.COMPANY_EDIT}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Company.objects.none()
        return company_list(user=self.request.user).select_related("unit").order_by("name", "id")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        used = {
            k: v[:100]
            for k, v in request.query_params.items()
            if k in CompanyFilterSet.base_filters and v
        }
        if used:
            audit_record(
                actor=request.user,
                event_type=AuditEventType.SEARCH,
                target_type="companies.company",
                details={"filters": used, "api": True},
            )
        return response

    @extend_schema(
        operation_id="companies_create",
        request=CompanyCreateSerializer,
        responses={201: CompanyDetailSerializer, **_errors(400, 401, 403)},
    )
    def post(self, request):
        """Record a new company; answers the whole company with its ``id``."""
        serializer = CompanyCreateSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        company = company_create(actor=request.user, data=serializer.company_input())
        return self.detail_response(company, status.HTTP_201_CREATED)


@extend_schema(tags=["companies"])
class CompanyDetailView(CompanyAPIView, APIView):
    """One company in your scope."""

    permission_by_method = {"PATCH": Permission.COMPANY_EDIT}

    @extend_schema(
        operation_id="companies_retrieve",
        parameters=[PURPOSE],
        responses={200: CompanyDetailSerializer, **_errors(400, 401, 403, 404)},
    )
    def get(self, request, pk):
        """The whole company (the view is audited with its purpose)."""
        company = self.get_company()
        purpose = self.purpose()
        audit_record(
            actor=request.user,
            event_type=AuditEventType.RECORD_VIEWED,
            target=company,
            purpose=purpose,
        )
        return Response(CompanyDetailSerializer(company, context={"request": request}).data)

    @extend_schema(
        operation_id="companies_partial_update",
        request=CompanyUpdateSerializer,
        responses={
            200: CompanyDetailSerializer,
            **_errors(400, 401, 403, 404),
            409: OpenApiResponse(
                SeizureConflictSerializer,
                description="Stale version: nothing changed; the current version and what "
                "changed since are in the body.",
            ),
        },
    )
    def patch(self, request, pk):
        """Change a company: send ``version`` (the one you read) and the fields to change.
        A list given (``trading_names``, ``addresses``, ``phones``, ``emails``) replaces the
        stored one whole."""
        company = self.get_company()
        stored = company_snapshot(company)
        stored["addresses"] = [
            {k: v for k, v in a.items() if v is not None} for a in stored["addresses"]
        ]
        body = {**{k: v for k, v in stored.items() if v is not None}, **self.body()}
        serializer = CompanyUpdateSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        company = company_update(
            actor=request.user,
            company=company,
            data=serializer.company_input(),
            expected_version=serializer.validated_data["version"],
        )
        return self.detail_response(company)


@extend_schema_view(
    get=extend_schema(
        tags=["companies"],
        operation_id="companies_history",
        responses={200: CompanyVersionSerializer(many=True), **_errors(401, 403, 404)},
    )
)
class CompanyHistoryView(CompanyAPIView, generics.ListAPIView):
    """The saved versions of a company, newest first: who, when and what changed."""

    serializer_class = CompanyVersionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Company.objects.none()
        company = self.get_company()
        return company.versions.select_related("changed_by").order_by("-version")
