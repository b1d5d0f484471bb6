"""Seizure API serializers: thin. Write serializers turn codes into code-list entries and
build a :class:`~opencen.seizures.services.SeizureInput`; every rule lives in the services.

Separate schemas for create, update (create plus ``version``), summary (list) and detail.
Every code-list reference is its stable code (``"unit": "kg"``, ``"country": "BR"``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opencen.accounts.models import Unit
from opencen.accounts.permissions import Permission, has_permission
from opencen.attachments.choices import AttachmentKind, AttachmentTag
from opencen.companies.choices import CompanyInvolvementRole
from opencen.persons.choices import InvolvementRole
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode, InformationAccuracy, SourceReliability
from opencen.seizures.choices import CitesAppendix, Direction, RouteRole, SeizureTransition
from opencen.seizures.services import (
    ConcealmentInput,
    ConveyanceInput,
    GoodsInput,
    RouteLegInput,
    SeizureInput,
)

# --- code-list references ------------------------------------------------------------------


class CodeField(serializers.SlugRelatedField):
    """A code-list entry named by its code. New input takes active entries only; a code the
    record already holds (``context["kept_codes"]``) stays accepted after it was deactivated,
    so an old record can still be saved."""

    default_error_messages = {
        "does_not_exist": _("Unknown code “{value}”."),
        "inactive": _("“{value}” is no longer in use; choose an active entry."),
        "invalid": _("Give a code."),
    }

    def __init__(self, model: type[ref.CodeListEntry], **kwargs):
        self.model = model
        kwargs.setdefault(
            "help_text", f"A code from /api/v1/reference/ ({model._meta.model_name})."
        )
        super().__init__(slug_field="code", queryset=model.objects.all(), **kwargs)

    def to_internal_value(self, data):
        # A code is short plain text; anything else is not looked up at all (PostgreSQL
        # refuses NUL characters in a query with an error, not an empty result).
        if not isinstance(data, str) or "\x00" in data or len(data) > 64:
            self.fail("invalid")
        entry = super().to_internal_value(data)
        if not entry.active and entry.code not in self.context.get("kept_codes", {}).get(
            self.model, ()
        ):
            self.fail("inactive", value=entry.code)
        return entry


def codes_in_use(snapshot: dict[str, Any]) -> dict[type[models.Model], set[str]]:
    """The code-list entries a stored seizure holds (from its snapshot), by code list."""
    kept: dict[type[models.Model], set[str]] = {}

    def keep(model, code):
        if code:
            kept.setdefault(model, set()).add(code)

    keep(ref.Place, snapshot.get("place"))
    for code in snapshot.get("offence_types", []):
        keep(ref.OffenceType, code)
    for code in snapshot.get("detection_methods", []):
        keep(ref.DetectionMethod, code)
    for goods in snapshot.get("goods", []):
        keep(ref.CommodityType, goods["commodity_type"])
        keep(ref.MeasurementUnit, goods["unit"])
        keep(ref.HSCode, goods["hs_code"])
        keep(ref.Currency, goods["currency"])
    for concealment in snapshot.get("concealments", []):
        keep(ref.ConcealmentMethod, concealment["method"])
    for conveyance in snapshot.get("conveyances", []):
        keep(ref.ConveyanceType, conveyance["type"])
        keep(ref.Country, conveyance["vehicle_country"])
    for leg in snapshot.get("route", []):
        keep(ref.Country, leg["country"])
        keep(ref.Place, leg["place"])
    return kept


def content_from_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A stored seizure's content in the API's write format (the base a PATCH merges over)."""
    content = {k: v for k, v in snapshot.items() if k != "status"}
    content["goods"] = [
        {
            "commodity" if k == "commodity_type" else k: v
            for k, v in item.items()
            if k != "commodity_section"
        }
        for item in snapshot.get("goods", [])
    ]
    return content


# --- write ---------------------------------------------------------------------------------


def _text(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


#: Identifiers the services check and normalise (spaces and dashes allowed in input).
def _identifier(**kwargs) -> serializers.CharField:
    return _text(40, **kwargs)


class GoodsWriteSerializer(serializers.Serializer):
    commodity = CodeField(ref.CommodityType, source="commodity_type")
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3)
    unit = CodeField(ref.MeasurementUnit)
    hs_code = CodeField(ref.HSCode, required=False, allow_null=True, default=None)
    description = _text(500)
    brand = _text(200)
    cites_species = _text(200)
    cites_appendix = serializers.ChoiceField(
        choices=CitesAppendix.choices, required=False, allow_blank=True, default=""
    )
    weight_kg = serializers.DecimalField(
        max_digits=16, decimal_places=3, required=False, allow_null=True, default=None
    )
    estimated_value = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True, default=None
    )
    currency = CodeField(ref.Currency, required=False, allow_null=True, default=None)


class ConcealmentWriteSerializer(serializers.Serializer):
    method = CodeField(ref.ConcealmentMethod)
    description = _text(500)


class ConveyanceWriteSerializer(serializers.Serializer):
    type = CodeField(ref.ConveyanceType)
    flight_number = _identifier()
    airline = _text(100)
    vessel_name = _text(100)
    imo_number = _identifier()
    container_number = _identifier(help_text="ISO 6346, check digit verified.")
    vehicle_plate = _text(20)
    vehicle_country = CodeField(ref.Country, required=False, allow_null=True, default=None)
    air_waybill = _identifier(help_text="11 digits, check digit (mod 7) verified.")
    bill_of_lading = _text(40)
    tracking_number = _text(40)


class RouteLegWriteSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=RouteRole.choices)
    country = CodeField(ref.Country)
    place = CodeField(ref.Place, required=False, allow_null=True, default=None)
    date = serializers.DateField(required=False, allow_null=True, default=None)


class PersonInvolvementWriteSerializer(serializers.Serializer):
    person = serializers.UUIDField()
    role = serializers.ChoiceField(choices=InvolvementRole.choices)


class CompanyInvolvementWriteSerializer(serializers.Serializer):
    company = serializers.UUIDField()
    role = serializers.ChoiceField(choices=CompanyInvolvementRole.choices)


def involvements_resolve(user, kind: str, items: list[dict]) -> list:
    """The (record, role) pairs of the body, each record looked up in the user's scope; an
    id out of scope is refused like an unknown one."""
    from opencen.companies.selectors import company_list
    from opencen.persons.selectors import person_list
    from opencen.seizures.involvements import Involvement

    queryset = person_list(user=user) if kind == "person" else company_list(user=user)
    found = queryset.in_bulk([item[kind] for item in items])
    errors = {
        index: {kind: [_("No such %(kind)s in your scope.") % {"kind": kind}]}
        for index, item in enumerate(items)
        if item[kind] not in found
    }
    if errors:
        raise serializers.ValidationError(errors)
    return [Involvement(record=found[item[kind]], role=item["role"]) for item in items]


class PersonInvolvementSerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person_id")
    name = serializers.CharField(source="person.display_name")
    role = serializers.ChoiceField(choices=InvolvementRole.choices)


class CompanyInvolvementSerializer(serializers.Serializer):
    company = serializers.UUIDField(source="company_id")
    name = serializers.CharField(source="company.name")
    role = serializers.ChoiceField(choices=CompanyInvolvementRole.choices)


class SeizureCreateSerializer(serializers.Serializer):
    """A new seizure. Sections are lists; a route is ordered as given."""

    unit = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        help_text="The recording unit's code; the user's own unit when left out.",
    )
    occurred_at = serializers.DateTimeField()
    place = CodeField(ref.Place, required=False, allow_null=True, default=None)
    latitude = serializers.FloatField(required=False, allow_null=True, default=None)
    longitude = serializers.FloatField(required=False, allow_null=True, default=None)
    direction = serializers.ChoiceField(choices=Direction.choices)
    offence_types = CodeField(ref.OffenceType, many=True, required=False, default=list)
    detection_methods = CodeField(ref.DetectionMethod, many=True, required=False, default=list)
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    handling_code = serializers.ChoiceField(
        choices=HandlingCode.choices, required=False, default=HandlingCode.H0
    )
    source_reliability = serializers.ChoiceField(
        choices=SourceReliability.choices, required=False, default=SourceReliability.A
    )
    information_accuracy = serializers.ChoiceField(
        choices=InformationAccuracy.choices, required=False, default=InformationAccuracy.KNOWN
    )
    share_regional = serializers.BooleanField(required=False, default=False)
    share_cen = serializers.BooleanField(required=False, default=False)
    goods = GoodsWriteSerializer(many=True, required=False, default=list)
    concealments = ConcealmentWriteSerializer(many=True, required=False, default=list)
    conveyances = ConveyanceWriteSerializer(many=True, required=False, default=list)
    route = RouteLegWriteSerializer(many=True, required=False, default=list)
    persons = PersonInvolvementWriteSerializer(
        many=True,
        required=False,
        help_text="The persons involved; when given, replaces the stored set.",
    )
    companies = CompanyInvolvementWriteSerializer(
        many=True,
        required=False,
        help_text="The companies involved; when given, replaces the stored set.",
    )

    def validate_persons(self, value):
        return involvements_resolve(self.context["request"].user, "person", value)

    def validate_companies(self, value):
        return involvements_resolve(self.context["request"].user, "company", value)

    def involvements(self) -> dict:
        """The involvements sent (``persons``, ``companies``), for seizure_involvements_set."""
        return {
            k: self.validated_data[k] for k in ("persons", "companies") if k in self.validated_data
        }

    def seizure_input(self) -> SeizureInput:
        """The validated body as the services' input."""
        data = {
            k: v
            for k, v in self.validated_data.items()
            if k not in ("unit", "version", "persons", "companies")
        }
        data["goods"] = [GoodsInput(**item) for item in data["goods"]]
        data["concealments"] = [ConcealmentInput(**item) for item in data["concealments"]]
        data["conveyances"] = [ConveyanceInput(**item) for item in data["conveyances"]]
        data["route"] = [RouteLegInput(**leg) for leg in data["route"]]
        return SeizureInput(**data)


class SeizureUpdateSerializer(SeizureCreateSerializer):
    """A PATCH: ``version`` (required) and the fields to change; a section given replaces the
    stored section whole. Other fields keep their stored value."""

    unit = None
    version = serializers.IntegerField(
        min_value=1, help_text="The version the client read; a stale one answers 409."
    )
    # Stored values fill what the body leaves out (the view merges them in first).
    occurred_at = serializers.DateTimeField(required=False)
    direction = serializers.ChoiceField(choices=Direction.choices, required=False)

    @property
    def partial(self) -> bool:
        # Never partial: the merged body is validated whole, and the schema then keeps
        # "version" and each section item's own fields required.
        return False

    @partial.setter
    def partial(self, value: bool) -> None:
        pass


class TransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Required to return a seizure.",
    )


# --- read ----------------------------------------------------------------------------------


class GoodsItemSerializer(serializers.Serializer):
    commodity_section = serializers.CharField(source="commodity_section_id")
    commodity = serializers.CharField(source="commodity_type_id")
    hs_code = serializers.CharField(source="hs_code_id", allow_null=True)
    description = serializers.CharField()
    brand = serializers.CharField()
    cites_species = serializers.CharField()
    cites_appendix = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3)
    unit = serializers.CharField(source="unit_id")
    weight_kg = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    estimated_value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    currency = serializers.CharField(source="currency_id", allow_null=True)


class ConcealmentSerializer(serializers.Serializer):
    method = serializers.CharField(source="method_id")
    description = serializers.CharField()


class ConveyanceSerializer(serializers.Serializer):
    type = serializers.CharField(source="type_id")
    flight_number = serializers.CharField()
    airline = serializers.CharField()
    vessel_name = serializers.CharField()
    imo_number = serializers.CharField()
    container_number = serializers.CharField()
    vehicle_plate = serializers.CharField()
    vehicle_country = serializers.CharField(source="vehicle_country_id", allow_null=True)
    air_waybill = serializers.CharField()
    bill_of_lading = serializers.CharField()
    tracking_number = serializers.CharField()


class RouteLegSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=RouteRole.choices)
    country = serializers.CharField(source="country_id")
    place = serializers.CharField(source="place_id", allow_null=True)
    date = serializers.DateField(allow_null=True)


class SeizureSummarySerializer(serializers.Serializer):
    """One row of the list: enough to show and filter, from a fixed number of queries."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    unit = serializers.CharField(source="unit.code")
    place = serializers.CharField(source="place_id", allow_null=True)
    direction = serializers.ChoiceField(choices=Direction.choices)
    status = serializers.CharField()
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)
    commodities = serializers.SerializerMethodField(help_text="Commodity codes, in goods order.")
    quantities = serializers.SerializerMethodField(help_text="Total quantity by unit code.")
    countries = serializers.SerializerMethodField(help_text="Country codes along the route.")
    version = serializers.IntegerField()

    # ``summary_goods`` ((commodity, quantity, unit), in order) and ``summary_countries`` are
    # attached by the list view for its page (selectors.seizure_page_contents).

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_commodities(self, seizure) -> list[str]:
        return list(dict.fromkeys(commodity for commodity, _q, _unit in seizure.summary_goods))

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_quantities(self, seizure) -> dict[str, str]:
        totals: dict[str, Decimal] = {}
        for _commodity, quantity, unit in seizure.summary_goods:
            totals[unit] = totals.get(unit, Decimal(0)) + quantity
        return {unit: str(total) for unit, total in totals.items()}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries(self, seizure) -> list[str]:
        return list(dict.fromkeys(seizure.summary_countries))


class SeizureDetailSerializer(serializers.Serializer):
    """A whole seizure, with what the requesting user may do to it now."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    unit = serializers.CharField(source="unit.code")
    origin = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    place = serializers.CharField(source="place_id", allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    direction = serializers.ChoiceField(choices=Direction.choices)
    offence_types = serializers.SerializerMethodField()
    detection_methods = serializers.SerializerMethodField()
    narrative = serializers.CharField()
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)
    source_reliability = serializers.ChoiceField(choices=SourceReliability.choices)
    information_accuracy = serializers.ChoiceField(choices=InformationAccuracy.choices)
    share_regional = serializers.BooleanField()
    share_cen = serializers.BooleanField()
    goods = GoodsItemSerializer(many=True)
    concealments = ConcealmentSerializer(many=True)
    conveyances = ConveyanceSerializer(many=True)
    route = RouteLegSerializer(many=True)
    related = serializers.SerializerMethodField(help_text="Ids of related seizures.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    validated_at = serializers.DateTimeField(allow_null=True)
    validated_by = serializers.CharField(source="validated_by.username", allow_null=True)
    return_comment = serializers.CharField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(source="created_by.username", allow_null=True)
    updated_at = serializers.DateTimeField()
    updated_by = serializers.CharField(source="updated_by.username", allow_null=True)
    available_transitions = serializers.SerializerMethodField()
    persons = serializers.SerializerMethodField(help_text="The persons involved in your scope.")
    companies = serializers.SerializerMethodField(help_text="The companies involved in your scope.")

    @extend_schema_field(PersonInvolvementSerializer(many=True))
    def get_persons(self, seizure) -> list[dict]:
        from opencen.seizures.involvements import seizure_person_involvements

        user = self.context["request"].user
        if not has_permission(user, Permission.PERSON_VIEW):
            return []
        links = seizure_person_involvements(user=user, seizure=seizure)
        return PersonInvolvementSerializer(links, many=True).data

    @extend_schema_field(CompanyInvolvementSerializer(many=True))
    def get_companies(self, seizure) -> list[dict]:
        from opencen.companies.selectors import seizure_company_involvements

        user = self.context["request"].user
        if not has_permission(user, Permission.COMPANY_VIEW):
            return []
        links = seizure_company_involvements(user=user, seizure=seizure)
        return CompanyInvolvementSerializer(links, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_offence_types(self, seizure) -> list[str]:
        return [entry.code for entry in seizure.offence_types.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_detection_methods(self, seizure) -> list[str]:
        return [entry.code for entry in seizure.detection_methods.all()]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_related(self, seizure) -> list[str]:
        return [str(other.pk) for other in seizure.related.all()]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=SeizureTransition.choices))
    )
    def get_available_transitions(self, seizure) -> list[str]:
        from opencen.seizures.workflow import available_transitions

        user = self.context["request"].user
        return [str(t) for t in available_transitions(user=user, seizure=seizure)]


class SeizureVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(source="changed_by.username", allow_null=True)
    changes = serializers.DictField(
        child=serializers.ListField(),
        help_text="What this version changed: {field: [old, new]}; sections compared whole.",
    )
    comment = serializers.CharField()


# --- errors (for the schema; the handler in opencen.core.api.errors writes them) -----------


class SeizureErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(
        required=False,
        help_text=(
            "Invalid fields, nested like the body; items of a section in error keyed by their "
            'index from 0: {"conveyances": {"0": {"container_number": ["..."]}}}.'
        ),
    )


class SeizureErrorSerializer(serializers.Serializer):
    error = SeizureErrorDetailSerializer()


class SeizureConflictDetailSerializer(SeizureErrorDetailSerializer):
    current_version = serializers.IntegerField()
    changes = serializers.DictField(
        child=serializers.ListField(),
        help_text="What changed since the version sent: {field: [then, now]}.",
    )


class SeizureConflictSerializer(serializers.Serializer):
    error = SeizureConflictDetailSerializer()


# --- attachments ----------------------------------------------------------------------------


class AttachmentUploadSerializer(serializers.Serializer):
    """multipart/form-data: one or several ``file`` parts, one caption and tag for all."""

    file = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        allow_empty=False,
        help_text="JPEG, PNG, WebP or TIFF images, or PDF documents; several allowed.",
    )
    caption = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    tag = serializers.ChoiceField(
        choices=AttachmentTag.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Default: document for a PDF, other for an image.",
    )


class AttachmentLinksSerializer(serializers.Serializer):
    original = serializers.URLField()
    thumbnail = serializers.URLField(allow_null=True)
    display = serializers.URLField(allow_null=True)


class AttachmentSerializer(serializers.Serializer):
    """A photo or document of a seizure; the original is kept byte for byte (evidence)."""

    id = serializers.UUIDField()
    filename = serializers.CharField(source="original_filename")
    media_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes of the original.")
    sha256 = serializers.CharField(help_text="SHA-256 of the original, in hexadecimal.")
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    caption = serializers.CharField()
    tag = serializers.ChoiceField(choices=AttachmentTag.choices)
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(source="created_by.username", allow_null=True)
    urls = serializers.SerializerMethodField()

    @extend_schema_field(AttachmentLinksSerializer)
    def get_urls(self, attachment) -> dict[str, str | None]:
        request = self.context["request"]
        args = [attachment.object_id, attachment.pk]

        def url(name: str, present: bool = True) -> str | None:
            if not present:
                return None
            return request.build_absolute_uri(reverse(f"api-seizure-attachment-{name}", args=args))

        return {
            "original": url("original"),
            "thumbnail": url("thumbnail", bool(attachment.thumbnail)),
            "display": url("display", bool(attachment.display)),
        }


class AttachmentRejectedSerializer(serializers.Serializer):
    filename = serializers.CharField()
    message = serializers.CharField()


class AttachmentUploadResultSerializer(serializers.Serializer):
    added = AttachmentSerializer(many=True)
    rejected = AttachmentRejectedSerializer(
        many=True, help_text="Files refused, each with the reason; the others were kept."
    )
