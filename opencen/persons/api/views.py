"""The person API: ``/api/v1/persons/``. Thin: selectors read, services write.

A person the user may not see answers 404, never 403. Reading a person and searching persons
are audited, with the purpose of consultation given as ``?purpose=`` or the ``X-Purpose``
header (required when the installation makes purposes mandatory).
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from opencen.accounts.permissions import Permission, has_permission
from opencen.audit.choices import AuditEventType
from opencen.audit.context import current_request_context, set_request_context
from opencen.audit.purpose import MAX_LENGTH, MIN_LENGTH
from opencen.audit.services import audit_record
from opencen.core.api.errors import Conflict
from opencen.persons.api.serializers import (
    PersonCreateSerializer,
    PersonDetailSerializer,
    PersonLinksSerializer,
    PersonLinkWriteSerializer,
    PersonSummarySerializer,
    PersonUpdateSerializer,
    PersonVersionSerializer,
    content_from_snapshot,
)
from opencen.persons.filtersets import PersonFilterSet
from opencen.persons.models import Person, PersonLink, SeizurePerson
from opencen.persons.selectors import person_get, person_list
from opencen.persons.services import (
    PersonConflict,
    person_create,
    person_link_add,
    person_snapshot,
    person_update,
    seizure_person_add,
)

SECTIONS = ("aliases", "documents", "addresses", "phones", "emails")
PURPOSE_PARAMETER = OpenApiParameter(
    "purpose",
    OpenApiTypes.STR,
    description="Why you consult (a case reference or a short reason); also the X-Purpose "
    "header. Required when the installation makes purposes mandatory.",
)


def nest_field_errors(message_dict: dict[str, list[str]]) -> dict:
    """``documents.0.number`` -> ``{"documents": {0: {"number": [...]}}}``; ``phones.1`` ->
    ``{"phones": {1: [...]}}``."""
    nested: dict = {}
    for path, messages in message_dict.items():
        if path == NON_FIELD_ERRORS:
            path = api_settings.NON_FIELD_ERRORS_KEY
        parts = path.split(".")
        if len(parts) >= 2 and parts[0] in SECTIONS and parts[1].isdigit():
            section = nested.setdefault(parts[0], {})
            if not isinstance(section, dict):
                section = nested[parts[0]] = {}
            if len(parts) == 3:
                item = section.setdefault(int(parts[1]), {})
                item.setdefault(parts[2], []).extend(messages)
            else:
                section.setdefault(int(parts[1]), []).extend(messages)
        else:
            nested.setdefault(path, []).extend(messages)
    return nested


class PersonPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        needed = view.permission_by_method.get(request.method, Permission.PERSON_VIEW)
        return has_permission(request.user, needed)


class PersonAPIView:
    """Shared by the person views: permission, scoped lookup, purpose, errors."""

    permission_classes = [permissions.IsAuthenticated, PersonPermission]
    parser_classes = [JSONParser]
    permission_by_method: dict[str, Permission] = {}

    def get_person(self, permission: Permission = Permission.PERSON_VIEW) -> Person:
        try:
            return person_get(user=self.request.user, pk=self.kwargs["pk"], permission=permission)
        except Person.DoesNotExist:
            raise exceptions.NotFound from None

    def purpose(self) -> str:
        """The purpose of consultation sent; 400 when one is required and none was sent."""
        given = (
            self.request.query_params.get("purpose") or self.request.headers.get("X-Purpose") or ""
        )
        given = given.replace("\x00", "").strip()[:MAX_LENGTH]
        if len(given) < MIN_LENGTH:
            given = ""
        if not given and settings.PURPOSE_REQUIRED:
            raise exceptions.ValidationError(
                {"purpose": ["Give the purpose of consultation (?purpose= or X-Purpose)."]}
            )
        if given:
            set_request_context(replace(current_request_context(), purpose=given))
        return given

    def detail_response(self, person: Person, status_code: int = 200) -> Response:
        fresh = person_get(user=self.request.user, pk=person.pk)
        return Response(PersonDetailSerializer(fresh).data, status=status_code)

    def handle_exception(self, exc):
        if isinstance(exc, PersonConflict):
            response = super().handle_exception(Conflict())
            response.data["error"]["current_version"] = exc.current_version
            response.data["error"]["changes"] = exc.changes
            return response
        if isinstance(exc, DjangoValidationError):
            if hasattr(exc, "error_dict"):
                exc = exceptions.ValidationError(nest_field_errors(exc.message_dict))
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


@extend_schema(tags=["persons"], parameters=[PURPOSE_PARAMETER])
class PersonListView(PersonAPIView, generics.ListAPIView):
    """Persons in your scope, by name, filtered like the list page (``?name=hassan&
    nationality=SD&document_number=P0123``); a filtered list is an audited search. Create with
    POST."""

    serializer_class = PersonSummarySerializer
    filterset_class = PersonFilterSet
    permission_by_method = {"POST": Permission.PERSON_EDIT}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        return (
            person_list(user=self.request.user)
            .select_related("unit")
            .prefetch_related("nationalities")
            .order_by("family_name", "given_names", "id")
        )

    def list(self, request, *args, **kwargs):
        filters = PersonFilterSet(data=request.query_params or None, queryset=Person.objects.none())
        searched = filters.is_filtered()
        if searched:
            self.purpose()
        response = super().list(request, *args, **kwargs)
        if searched and response.status_code == 200:
            audit_record(
                actor=request.user,
                event_type=AuditEventType.SEARCH,
                target_type="persons.person",
                details={
                    "filters": {
                        k: v[:200]
                        for k, v in request.query_params.items()
                        if k in filters.filters and v
                    },
                    "results": response.data.get("count")
                    if isinstance(response.data, dict)
                    else None,
                    "api": True,
                },
            )
        return response

    @extend_schema(
        operation_id="persons_create",
        request=PersonCreateSerializer,
        responses={201: PersonDetailSerializer, 400: OpenApiResponse(description="Invalid.")},
    )
    def post(self, request):
        """Record a person for your unit. Answers the whole person with its ``id``."""
        serializer = PersonCreateSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        person = person_create(actor=request.user, data=serializer.person_input())
        return self.detail_response(person, status.HTTP_201_CREATED)


@extend_schema(tags=["persons"])
class PersonDetailView(PersonAPIView, APIView):
    """One person in your scope; each reading is audited."""

    permission_by_method = {"PATCH": Permission.PERSON_EDIT}

    @extend_schema(
        operation_id="persons_retrieve",
        parameters=[PURPOSE_PARAMETER],
        responses={200: PersonDetailSerializer},
    )
    def get(self, request, pk):
        self.purpose()
        person = self.get_person()
        audit_record(
            actor=request.user,
            event_type=AuditEventType.RECORD_VIEWED,
            target=person,
            details={"api": True},
        )
        return Response(PersonDetailSerializer(person).data)

    @extend_schema(
        operation_id="persons_partial_update",
        request=PersonUpdateSerializer,
        responses={
            200: PersonDetailSerializer,
            409: OpenApiResponse(description="Stale version: nothing changed."),
        },
    )
    def patch(self, request, pk):
        """Change a person: send ``version`` (the one you read) and the fields to change; a
        list given (``documents``, ``aliases``...) replaces the stored one whole."""
        person = self.get_person(Permission.PERSON_EDIT)
        body = {**content_from_snapshot(person_snapshot(person)), **self.body()}
        serializer = PersonUpdateSerializer(data=body)
        serializer.is_valid(raise_exception=True)
        person = person_update(
            actor=request.user,
            person=person,
            data=serializer.person_input(),
            version=serializer.validated_data["version"],
        )
        return self.detail_response(person)


@extend_schema(tags=["persons"])
class PersonHistoryView(PersonAPIView, generics.ListAPIView):
    """The saved versions of a person, newest first: who, when and what changed."""

    serializer_class = PersonVersionSerializer
    filterset_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        person = self.get_person()
        return person.versions.select_related("changed_by").order_by("-version")


@extend_schema(tags=["persons"])
class PersonLinksView(PersonAPIView, APIView):
    """The person's links to other persons and involvements in seizures (those you may see);
    POST adds one."""

    permission_by_method = {"POST": Permission.PERSON_EDIT}

    def _links(self, person: Person) -> dict:
        from opencen.seizures.selectors import seizure_list

        visible = person_list(user=self.request.user)
        links = PersonLink.objects.filter(
            person=person, other__in=visible
        ) | PersonLink.objects.filter(other=person, person__in=visible)
        seizures = (
            SeizurePerson.objects.filter(
                person=person, seizure__in=seizure_list(user=self.request.user)
            )
            .select_related("seizure")
            .order_by("-seizure__occurred_at")
        )
        return PersonLinksSerializer({"persons": list(links), "seizures": list(seizures)}).data

    @extend_schema(operation_id="persons_links_list", responses={200: PersonLinksSerializer})
    def get(self, request, pk):
        return Response(self._links(self.get_person()))

    @extend_schema(
        operation_id="persons_links_create",
        request=PersonLinkWriteSerializer,
        responses={201: PersonLinksSerializer},
    )
    def post(self, request, pk):
        from opencen.seizures.selectors import seizure_list

        person = self.get_person(Permission.PERSON_EDIT)
        serializer = PersonLinkWriteSerializer(data=self.body())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("other"):
            other = person_list(user=request.user).filter(pk=data["other"]).first()
            if other is None:
                raise exceptions.ValidationError({"other": ["No such person in your scope."]})
            person_link_add(
                actor=request.user, person=person, other=other, type=data["type"], note=data["note"]
            )
        else:
            seizure = seizure_list(user=request.user).filter(pk=data["seizure"]).first()
            if seizure is None:
                raise exceptions.ValidationError({"seizure": ["No such seizure in your scope."]})
            seizure_person_add(
                actor=request.user, seizure=seizure, person=person, role=data["role"]
            )
        return Response(self._links(person), status=status.HTTP_201_CREATED)
