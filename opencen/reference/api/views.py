"""The code lists over the API: ``/api/v1/reference/`` and ``/api/v1/reference/<list>/``."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from opencen.accounts.permissions import Permission, has_permission
from opencen.reference.api.serializers import (
    SERIALIZERS,
    CodeListEntrySerializer,
    CodeListSummarySerializer,
)
from opencen.reference.filtersets import FILTERSETS, CodeListFilterSet
from opencen.reference.models import CODE_LISTS, Country
from opencen.reference.selectors import code_list_entries, code_list_summaries


class CanViewReference(permissions.BasePermission):
    """Reading the code lists needs the ``reference.view`` permission (every role has it)."""

    def has_permission(self, request, view) -> bool:
        return has_permission(request.user, Permission.REFERENCE_VIEW)


class CodeListIndexView(APIView):
    """The code lists this installation holds."""

    permission_classes = [permissions.IsAuthenticated, CanViewReference]

    @extend_schema(operation_id="reference_lists", responses=CodeListSummarySerializer(many=True))
    def get(self, request):
        data = [
            {**summary, "url": request.build_absolute_uri(f"{summary['name']}/")}
            for summary in code_list_summaries()
        ]
        return Response(CodeListSummarySerializer(data, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="reference_entries",
        parameters=[
            OpenApiParameter(
                "name",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(CODE_LISTS),
                description="The code list.",
            ),
            OpenApiParameter("kind", OpenApiTypes.STR, description="places: airport, seaport..."),
            OpenApiParameter("country", OpenApiTypes.STR, description="places: country code"),
            OpenApiParameter("section", OpenApiTypes.STR, description="commodity-types: section"),
            OpenApiParameter("level", OpenApiTypes.INT, description="hs-codes: 2, 4 or 6"),
            OpenApiParameter("parent", OpenApiTypes.STR, description="hs-codes: parent code"),
        ],
    )
)
class CodeListView(generics.ListAPIView):
    """One code list. Every entry has its code, label, translated labels and ``active``;
    some lists add fields (places: kind, country, IATA, ICAO, UN/LOCODE, coordinates;
    commodity types: section and allowed units; HS codes: level and parent), always naming
    related entries by their code. Filters: ``active``, ``q`` and the list's own ones."""

    permission_classes = [permissions.IsAuthenticated, CanViewReference]

    @property
    def list_name(self) -> str:
        if getattr(self, "swagger_fake_view", False):
            return "countries"
        return self.kwargs["name"]

    @property
    def filterset_class(self) -> type[CodeListFilterSet] | None:
        return FILTERSETS.get(self.list_name)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Country.objects.none()
        try:
            return code_list_entries(name=self.list_name)
        except KeyError:
            raise Http404 from None

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return CodeListEntrySerializer
        return SERIALIZERS.get(self.list_name, CodeListEntrySerializer)
