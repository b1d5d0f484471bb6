"""The seizure API: ``/api/v1/seizures/``. Thin: selectors read, services write.

Errors use the project's format (:mod:`opencen.core.api.errors`). Invalid fields are nested
like the request body, the way DRF nests list serializers' errors (items in error keyed by
their index, from 0): ``{"conveyances": {"0": {"container_number": ["..."]}}}``, whether a
serializer or a service found the error. A seizure the user may not see answers
404, never 403, so that its existence is not revealed.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, permissions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from opencen.accounts.permissions import Permission, has_permission
from opencen.attachments.models import Attachment
from opencen.attachments.selectors import attachment_list_for_owner
from opencen.attachments.services import attachments_add
from opencen.attachments.views import (
    attachment_display,
    attachment_original,
    attachment_thumbnail,
)
from opencen.core.api.errors import Conflict
from opencen.core.api.pagination import PageNumberPagination
from opencen.core.querysets import CountedPaginator
from opencen.seizures.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadResultSerializer,
    AttachmentUploadSerializer,
    SeizureConflictSerializer,
    SeizureCreateSerializer,
    SeizureDetailSerializer,
    SeizureErrorSerializer,
    SeizureSummarySerializer,
    SeizureUpdateSerializer,
    SeizureVersionSerializer,
    TransitionSerializer,
    codes_in_use,
    content_from_snapshot,
)
from opencen.seizures.choices import SeizureTransition
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.involvements import seizure_involvements_set
from opencen.seizures.models import Seizure, SeizureVersion
from opencen.seizures.selectors import (
    seizure_count,
    seizure_get,
    seizure_list,
    seizure_page_contents,
)
from opencen.seizures.services import (
    SeizureConflict,
    seizure_create,
    seizure_snapshot,
    seizure_update,
)
from opencen.seizures.workflow import seizure_transition

SECTIONS = ("goods", "concealments", "conveyances", "route")

ERRORS = {
    400: OpenApiResponse(SeizureErrorSerializer, description="Invalid fields."),
    401: OpenApiResponse(SeizureErrorSerializer, description="No or a wrong token."),
    403: OpenApiResponse(SeizureErrorSerializer, description="Not allowed."),
    404: OpenApiResponse(SeizureErrorSerializer, description="No such seizure in your scope."),
}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}


def nest_field_errors(message_dict: dict[str, list[str]]) -> dict:
    """Turn the services' field paths (``goods.1.unit``) into the nesting DRF gives nested
    list serializers (``LIST_SERIALIZER_ERRORS_AS_DICT``): ``{"goods": {1: {"unit": [...]}}}``,
    only the items in error, keyed by their index."""
    nested: dict = {}
    for path, messages in message_dict.items():
        if path == NON_FIELD_ERRORS:
            path = api_settings.NON_FIELD_ERRORS_KEY
        parts = path.split(".")
        if len(parts) == 3 and parts[0] in SECTIONS and parts[1].isdigit():
            section, index, name = parts[0], int(parts[1]), parts[2]
            item = nested.setdefault(section, {}).setdefault(index, {})
            item.setdefault(name, []).extend(messages)
        else:
            nested.setdefault(path, []).extend(messages)
    return nested


class InvalidTransition(exceptions.APIException):
    """400: the seizure's status does not allow this transition."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_transition"


class SeizurePermission(permissions.BasePermission):
    """The permission a view needs for this method (``view.permission_by_method``); which
    seizures it reaches is the selectors' and services' business."""

    def has_permission(self, request, view) -> bool:
        needed = view.permission_by_method.get(request.method, Permission.SEIZURE_VIEW)
        return has_permission(request.user, needed)


class SeizureAPIView:
    """Shared by the seizure views: permission, scoped lookup, service errors in the API's
    error format."""

    permission_classes = [permissions.IsAuthenticated, SeizurePermission]
    parser_classes = [JSONParser]
    permission_by_method: dict[str, Permission] = {}

    def get_seizure(self) -> Seizure:
        try:
            return seizure_get(user=self.request.user, pk=self.kwargs["pk"])
        except Seizure.DoesNotExist:
            raise exceptions.NotFound from None

    def detail_response(self, seizure: Seizure, status_code: int = 200) -> Response:
        fresh = seizure_get(user=self.request.user, pk=seizure.pk)
        serializer = SeizureDetailSerializer(fresh, context={"request": self.request})
        return Response(serializer.data, status=status_code)

    def handle_exception(self, exc):
        if isinstance(exc, SeizureConflict):
            response = super().handle_exception(Conflict())
            response.data["error"]["current_version"] = exc.current_version
            response.data["error"]["changes"] = exc.changes
            return response
        if isinstance(exc, DjangoValidationError):
            if getattr(exc, "code", None) == "invalid_transition":
                exc = InvalidTransition(exc.messages[0])
            elif hasattr(exc, "error_dict"):
                exc = exceptions.ValidationError(nest_field_errors(exc.message_dict))
            else:
                exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
        return super().handle_exception(exc)

    def body(self) -> dict:
        """The JSON object sent."""
        data = self.request.data
        if not isinstance(data, dict):
            raise exceptions.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: ["Send a JSON object."]}
            )
        return data


class SeizurePagination(PageNumberPagination):
    """Page numbers with the exact ``count``; for an unfiltered list the count comes from the
    tally per unit and handling code (:func:`seizure_count`) instead of counting rows."""

    known_count: int | None = None

    def django_paginator_class(self, object_list, per_page):
        if self.known_count is None:
            return Paginator(object_list, per_page)
        return CountedPaginator(object_list, per_page, count=self.known_count)


def _attach_summaries(seizures: list[Seizure]) -> None:
    """The goods and route each summary shows (:func:`seizure_page_contents`)."""
    goods, route = seizure_page_contents([seizure.pk for seizure in seizures])
    for seizure in seizures:
        seizure.summary_goods = goods[seizure.pk]
        seizure.summary_countries = route[seizure.pk]


@extend_schema(tags=["seizures"])
class SeizureListView(SeizureAPIView, generics.ListAPIView):
    """Seizures in your scope, newest first, filtered like the list page (codes as values:
    ``?commodity_type=cocaine&country=BR&occurred_after=2026-01-01``). Each item is a summary;
    create with POST."""

    serializer_class = SeizureSummarySerializer
    filterset_class = SeizureFilterSet
    pagination_class = SeizurePagination
    permission_by_method = {"POST": Permission.SEIZURE_EDIT}

    def paginate_queryset(self, queryset):
        filters = SeizureFilterSet(data=self.request.query_params or None, queryset=queryset)
        if self.paginator is not None and not filters.is_filtered():
            self.paginator.known_count = seizure_count(user=self.request.user)
        page = super().paginate_queryset(queryset)
        if page is not None:
            _attach_summaries(page)
        return page

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Seizure.objects.none()
        return (
            seizure_list(user=self.request.user)
            .select_related("unit")
            .order_by("-occurred_at", "-id")
        )

    @extend_schema(
        operation_id="seizures_create",
        request=SeizureCreateSerializer,
        responses={201: SeizureDetailSerializer, **_errors(400, 401, 403)},
    )
    def post(self, request):
        """Record a new seizure (a draft) with its goods, concealments, conveyances and route.
        Answers the whole seizure with its reference number."""
        serializer = SeizureCreateSerializer(data=self.body(), context={"request": request})
        serializer.is_valid(raise_exception=True)
        seizure = seizure_create(
            actor=request.user,
            data=serializer.seizure_input(),
            unit=serializer.validated_data.get("unit"),
        )
        seizure_involvements_set(actor=request.user, seizure=seizure, **serializer.involvements())
        return self.detail_response(seizure, status.HTTP_201_CREATED)


@extend_schema(tags=["seizures"])
class SeizureDetailView(SeizureAPIView, APIView):
    """One seizure in your scope."""

    permission_by_method = {"PATCH": Permission.SEIZURE_EDIT}

    @extend_schema(
        operation_id="seizures_retrieve",
        responses={200: SeizureDetailSerializer, **_errors(401, 403, 404)},
    )
    def get(self, request, pk):
        """The whole seizure and the transitions you may apply now."""
        seizure = self.get_seizure()
        serializer = SeizureDetailSerializer(seizure, context={"request": request})
        return Response(serializer.data)

    @extend_schema(
        operation_id="seizures_partial_update",
        request=SeizureUpdateSerializer,
        responses={
            200: SeizureDetailSerializer,
            **_errors(400, 401, 403, 404),
            409: OpenApiResponse(
                SeizureConflictSerializer,
                description="Stale version: nothing changed; the current version and what "
                "changed since are in the body.",
            ),
        },
    )
    def patch(self, request, pk):
        """Change a seizure: send ``version`` (the one you read) and the fields to change.
        A section given (``goods``, ``concealments``, ``conveyances``, ``route``) replaces
        the stored one whole. Editing a validated seizure sends it back to submitted."""
        seizure = self.get_seizure()
        snapshot = seizure_snapshot(seizure)
        body = {**content_from_snapshot(snapshot), **self.body()}
        serializer = SeizureUpdateSerializer(
            data=body, context={"request": request, "kept_codes": codes_in_use(snapshot)}
        )
        serializer.is_valid(raise_exception=True)
        seizure = seizure_update(
            actor=request.user,
            seizure=seizure,
            data=serializer.seizure_input(),
            expected_version=serializer.validated_data["version"],
        )
        seizure_involvements_set(actor=request.user, seizure=seizure, **serializer.involvements())
        return self.detail_response(seizure)


class SeizureTransitionView(SeizureAPIView, APIView):
    """Base of the status transitions (opencen.seizures.workflow)."""

    transition: SeizureTransition
    # The only field, the comment, may come as JSON or as a form; an empty body is fine.
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def post(self, request, pk):
        seizure = self.get_seizure()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        seizure = seizure_transition(
            actor=request.user,
            seizure=seizure,
            transition=self.transition,
            comment=serializer.validated_data["comment"],
        )
        return self.detail_response(seizure)


def _transition_schema(transition: SeizureTransition, summary: str):
    return extend_schema(
        tags=["seizures"],
        operation_id=f"seizures_{transition}",
        summary=summary,
        request=TransitionSerializer,
        responses={200: SeizureDetailSerializer, **_errors(400, 401, 403, 404)},
    )


class SeizureSubmitView(SeizureTransitionView):
    """Submit a draft or returned seizure for validation (it must be complete)."""

    transition = SeizureTransition.SUBMIT

    @_transition_schema(SeizureTransition.SUBMIT, "Submit for validation")
    def post(self, request, pk):
        return super().post(request, pk)


class SeizureValidateView(SeizureTransitionView):
    """Validate a submitted seizure (a supervisor of its unit)."""

    transition = SeizureTransition.VALIDATE

    @_transition_schema(SeizureTransition.VALIDATE, "Validate")
    def post(self, request, pk):
        return super().post(request, pk)


class SeizureReturnView(SeizureTransitionView):
    """Return a submitted or validated seizure to the officer, with a comment (required)."""

    transition = SeizureTransition.RETURN

    @_transition_schema(SeizureTransition.RETURN, "Return to the officer")
    def post(self, request, pk):
        return super().post(request, pk)


class SeizureCloseView(SeizureTransitionView):
    """Close a validated seizure."""

    transition = SeizureTransition.CLOSE

    @_transition_schema(SeizureTransition.CLOSE, "Close")
    def post(self, request, pk):
        return super().post(request, pk)


@extend_schema_view(
    get=extend_schema(
        tags=["seizures"],
        operation_id="seizures_history",
        responses={200: SeizureVersionSerializer(many=True), **_errors(401, 403, 404)},
    )
)
class SeizureHistoryView(SeizureAPIView, generics.ListAPIView):
    """The saved versions of a seizure, newest first: who, when and what changed."""

    serializer_class = SeizureVersionSerializer
    filterset_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SeizureVersion.objects.none()
        seizure = self.get_seizure()
        return (
            SeizureVersion.objects.filter(seizure=seizure)
            .select_related("changed_by")
            .order_by("-version")
        )


# --- attachments ----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=["seizures"],
        operation_id="seizures_attachments_list",
        responses={200: AttachmentSerializer(many=True), **_errors(401, 403, 404)},
    )
)
class SeizureAttachmentListView(SeizureAPIView, generics.ListAPIView):
    """The photos and documents of a seizure, in upload order (withdrawn ones left out)."""

    serializer_class = AttachmentSerializer
    filterset_class = None
    parser_classes = [MultiPartParser]
    permission_by_method = {"POST": Permission.SEIZURE_EDIT}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        return attachment_list_for_owner(user=self.request.user, owner=self.get_seizure())

    @extend_schema(
        tags=["seizures"],
        operation_id="seizures_attachments_create",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentUploadResultSerializer, **_errors(400, 401, 403, 404)},
    )
    def post(self, request, pk):
        """Attach one or several files. Each file's content is checked by decoding it; the
        good ones are kept (answered with their SHA-256) and each refused one is named with
        the reason. 400 when none was kept."""
        seizure = self.get_seizure()
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = attachments_add(
            actor=request.user,
            owner=seizure,
            files=serializer.validated_data["file"],
            caption=serializer.validated_data["caption"],
            tag=serializer.validated_data["tag"],
        )
        if not result.added:
            raise exceptions.ValidationError(
                {"file": [str(refusal) for refusal in result.rejected]}
            )
        answer = {
            "added": result.added,
            "rejected": [
                {"filename": refusal.filename, "message": str(refusal)}
                for refusal in result.rejected
            ],
        }
        data = AttachmentUploadResultSerializer(answer, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class SeizureAttachmentFileView(SeizureAPIView, APIView):
    """One file of a seizure's attachment, served by the attachments app's view (which audits
    downloads of originals and sets the safe headers)."""

    file_view = staticmethod(attachment_original)

    def perform_content_negotiation(self, request, force=False):
        # A download may be asked for with any Accept header; errors still answer JSON.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request, pk, attachment_id):
        seizure = self.get_seizure()
        attachments = attachment_list_for_owner(
            user=request.user, owner=seizure, include_withdrawn=True
        )
        if not attachments.filter(pk=attachment_id).exists():
            raise exceptions.NotFound
        # DRF hands the authenticated user (token or session) down to the Django request.
        return self.file_view(request._request, attachment_id)


def _file_schema(name: str, media_type: str, description: str):
    return extend_schema(
        tags=["seizures"],
        operation_id=f"seizures_attachments_{name}",
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=description),
            **_errors(401, 403, 404),
        },
    )


class SeizureAttachmentOriginalView(SeizureAttachmentFileView):
    file_view = staticmethod(attachment_original)

    @_file_schema("original", "application/octet-stream", "The original, byte for byte.")
    def get(self, request, pk, attachment_id):
        """Download the original file exactly as uploaded (its SHA-256 is in the listing)."""
        return super().get(request, pk, attachment_id)


class SeizureAttachmentThumbnailView(SeizureAttachmentFileView):
    file_view = staticmethod(attachment_thumbnail)

    @_file_schema("thumbnail", "image/jpeg", "A small JPEG without metadata.")
    def get(self, request, pk, attachment_id):
        """The thumbnail of an image (404 for a PDF)."""
        return super().get(request, pk, attachment_id)


class SeizureAttachmentDisplayView(SeizureAttachmentFileView):
    file_view = staticmethod(attachment_display)

    @_file_schema("display", "image/jpeg", "A display-size JPEG without metadata.")
    def get(self, request, pk, attachment_id):
        """The display image of an image (404 for a PDF)."""
        return super().get(request, pk, attachment_id)
