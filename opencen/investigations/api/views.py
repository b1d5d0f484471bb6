"""The investigation API: ``/api/v1/investigations/``. Thin: selectors read, services and the
workflow write. An investigation the user may not see answers 404, never 403."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from opencen.accounts.permissions import Permission, has_permission
from opencen.core.api.errors import Conflict
from opencen.core.api.pagination import PageNumberPagination
from opencen.investigations.api.serializers import (
    AssignSerializer,
    ConflictSerializer,
    ErrorSerializer,
    InvestigationCreateSerializer,
    InvestigationDetailSerializer,
    InvestigationSummarySerializer,
    InvestigationTransitionSerializer,
    InvestigationUpdateSerializer,
    JournalEntryCreateSerializer,
    JournalEntrySerializer,
    LinkSerializer,
)
from opencen.investigations.filtersets import InvestigationFilterSet
from opencen.investigations.models import Investigation
from opencen.investigations.selectors import investigation_get, investigation_list
from opencen.investigations.services import (
    InvestigationConflict,
    investigation_assign,
    investigation_create,
    investigation_link,
    investigation_unlink,
    investigation_update,
    journal_add,
)
from opencen.investigations.workflow import available_transitions, investigation_transition

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid fields."),
    401: OpenApiResponse(ErrorSerializer, description="No or a wrong token."),
    403: OpenApiResponse(ErrorSerializer, description="Not allowed."),
    404: OpenApiResponse(ErrorSerializer, description="No such investigation in your scope."),
    409: OpenApiResponse(
        ConflictSerializer, description="Stale version: nothing changed; the current one is in."
    ),
}


def _errors(*codes: int) -> dict:
    return {code: ERRORS[code] for code in codes}


class InvestigationPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        needed = view.permission_by_method.get(request.method, Permission.INVESTIGATION_VIEW)
        return has_permission(request.user, needed)


class InvestigationAPIView:
    """Shared: permission, scoped lookup, service errors in the API's error format."""

    permission_classes = [permissions.IsAuthenticated, InvestigationPermission]
    parser_classes = [JSONParser]
    permission_by_method: dict[str, Permission] = {}

    def get_investigation(self) -> Investigation:
        try:
            return investigation_get(user=self.request.user, pk=self.kwargs["pk"])
        except Investigation.DoesNotExist:
            raise exceptions.NotFound from None

    def detail_response(self, investigation: Investigation, status_code: int = 200) -> Response:
        fresh = investigation_get(user=self.request.user, pk=investigation.pk)
        return Response(detail_data(self.request, fresh), status=status_code)

    def handle_exception(self, exc):
        if isinstance(exc, InvestigationConflict):
            response = super().handle_exception(Conflict())
            response.data["error"]["current_version"] = exc.current_version
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


def detail_data(request, investigation: Investigation) -> dict:
    """The whole investigation as the API answers it."""
    transitions = [
        str(t) for t in available_transitions(user=request.user, investigation=investigation)
    ]
    return InvestigationDetailSerializer(
        {
            **{
                name: getattr(investigation, name)
                for name in (
                    "id",
                    "reference",
                    "kind",
                    "title",
                    "status",
                    "priority",
                    "unit",
                    "due_on",
                    "supervisor",
                    "handling_code",
                    "version",
                    "created_at",
                    "updated_at",
                    "summary",
                    "closed_at",
                )
            },
            "officers": list(investigation.officers.all()),
            "persons": list(investigation.persons.values_list("pk", flat=True)),
            "companies": list(investigation.companies.values_list("pk", flat=True)),
            "seizures": list(investigation.seizures.values_list("pk", flat=True)),
            "transitions": transitions,
            "journal": list(
                investigation.journal.select_related("created_by").order_by("-created_at", "-id")
            ),
        }
    ).data


@extend_schema(tags=["investigations"])
class InvestigationListView(InvestigationAPIView, generics.ListAPIView):
    """Alerts and investigations in your scope, newest first; filters as on the list page
    (``?status=open&priority=high&kind=alert&mine=true&overdue=true&q=...``). Create with POST
    (supervisors)."""

    serializer_class = InvestigationSummarySerializer
    filterset_class = InvestigationFilterSet
    pagination_class = PageNumberPagination
    permission_by_method = {"POST": Permission.INVESTIGATION_MANAGE}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Investigation.objects.none()
        return (
            investigation_list(user=self.request.user)
            .select_related("unit", "supervisor")
            .prefetch_related("officers")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        operation_id="investigations_create",
        request=InvestigationCreateSerializer,
        responses={201: InvestigationDetailSerializer, **_errors(400, 401, 403)},
    )
    def post(self, request):
        """Open an alert or investigation for your unit; you supervise it unless you name
        another supervisor. Answers it whole, with its reference."""
        serializer = InvestigationCreateSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with transaction.atomic():
            investigation = investigation_create(
                actor=request.user,
                data=serializer.to_input(),
                supervisor=data.get("supervisor"),
                officers=data.get("officers") or [],
            )
            for kind, ids in (
                ("person", data["persons"]),
                ("company", data["companies"]),
                ("seizure", data["seizures"]),
            ):
                for pk in ids:
                    investigation_link(
                        actor=request.user, investigation=investigation, kind=kind, pk=pk
                    )
        return self.detail_response(investigation, status.HTTP_201_CREATED)


@extend_schema(tags=["investigations"])
class InvestigationDetailView(InvestigationAPIView, APIView):
    """One alert or investigation in your scope, with its journal."""

    @extend_schema(
        operation_id="investigations_retrieve",
        responses={200: InvestigationDetailSerializer, **_errors(401, 403, 404)},
    )
    def get(self, request, pk):
        return Response(detail_data(request, self.get_investigation()))

    @extend_schema(
        operation_id="investigations_partial_update",
        request=InvestigationUpdateSerializer,
        responses={200: InvestigationDetailSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request, pk):
        """Change it: send ``version`` (the one you read) and the fields to change."""
        investigation = self.get_investigation()
        current = {
            "title": investigation.title,
            "kind": investigation.kind,
            "summary": investigation.summary,
            "priority": investigation.priority,
            "due_on": investigation.due_on,
            "handling_code": investigation.handling_code,
        }
        serializer = InvestigationUpdateSerializer(data={**current, **self.body()})
        serializer.is_valid(raise_exception=True)
        investigation = investigation_update(
            actor=request.user,
            investigation=investigation,
            data=serializer.to_input(),
            expected_version=serializer.validated_data["version"],
        )
        return self.detail_response(investigation)


@extend_schema(tags=["investigations"])
class InvestigationTransitionView(InvestigationAPIView, APIView):
    @extend_schema(
        operation_id="investigations_transition",
        request=InvestigationTransitionSerializer,
        responses={200: InvestigationDetailSerializer, **_errors(400, 401, 403, 404)},
    )
    def post(self, request, pk):
        """Change the status: activate, suspend (with a comment), resume, close, reopen (with
        a comment). Supervisors of the investigation only."""
        investigation = self.get_investigation()
        serializer = InvestigationTransitionSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        investigation = investigation_transition(
            actor=request.user,
            investigation=investigation,
            transition=serializer.validated_data["transition"],
            comment=serializer.validated_data["comment"],
        )
        return self.detail_response(investigation)


@extend_schema(tags=["investigations"])
class InvestigationAssignView(InvestigationAPIView, APIView):
    @extend_schema(
        operation_id="investigations_assign",
        request=AssignSerializer,
        responses={200: InvestigationDetailSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    def post(self, request, pk):
        """Name the supervisor and the assigned officers (the list replaces the previous)."""
        investigation = self.get_investigation()
        serializer = AssignSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        investigation = investigation_assign(
            actor=request.user,
            investigation=investigation,
            supervisor=data["supervisor"],
            officers=data["officers"],
            expected_version=data.get("version"),
        )
        return self.detail_response(investigation)


@extend_schema(tags=["investigations"])
class InvestigationJournalView(InvestigationAPIView, APIView):
    @extend_schema(
        operation_id="investigations_journal_list",
        responses={200: JournalEntrySerializer(many=True), **_errors(401, 403, 404)},
    )
    def get(self, request, pk):
        """The journal, newest first."""
        investigation = self.get_investigation()
        entries = investigation.journal.select_related("created_by").order_by("-created_at", "-id")
        return Response(JournalEntrySerializer(entries, many=True).data)

    @extend_schema(
        operation_id="investigations_journal_create",
        request=JournalEntryCreateSerializer,
        responses={201: JournalEntrySerializer, **_errors(400, 401, 403, 404)},
    )
    def post(self, request, pk):
        """Add an entry (note, action, information); entries are never changed."""
        investigation = self.get_investigation()
        serializer = JournalEntryCreateSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        entry = journal_add(
            actor=request.user,
            investigation=investigation,
            kind=serializer.validated_data["kind"],
            text=serializer.validated_data["text"],
        )
        return Response(JournalEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["investigations"])
class InvestigationLinkView(InvestigationAPIView, APIView):
    remove = False

    @extend_schema(
        operation_id="investigations_link",
        request=LinkSerializer,
        responses={200: InvestigationDetailSerializer, **_errors(400, 401, 403, 404)},
    )
    def post(self, request, pk):
        """Link a person, company or seizure you may see (``{"kind": "person", "id": ...}``)."""
        investigation = self.get_investigation()
        serializer = LinkSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        action = investigation_unlink if self.remove else investigation_link
        action(
            actor=request.user,
            investigation=investigation,
            kind=serializer.validated_data["kind"],
            pk=serializer.validated_data["id"],
        )
        return self.detail_response(investigation)


@extend_schema(tags=["investigations"])
class InvestigationUnlinkView(InvestigationLinkView):
    remove = True

    @extend_schema(
        operation_id="investigations_unlink",
        request=LinkSerializer,
        responses={200: InvestigationDetailSerializer, **_errors(400, 401, 403, 404)},
    )
    def post(self, request, pk):
        """Remove a link; the record itself is unchanged."""
        return super().post(request, pk)
