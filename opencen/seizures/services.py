"""Writes on seizures: create, update with optimistic concurrency, versions and history.

Forms, the API and the importer turn their input into a :class:`SeizureInput` (code-list
entries already looked up) and call these services. Status changes live in
:mod:`opencen.seizures.workflow`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opencen.accounts.models import Unit
from opencen.accounts.permissions import Permission
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode, InformationAccuracy, SourceReliability
from opencen.seizures import validators
from opencen.seizures.choices import RouteRole, SeizureStatus
from opencen.seizures.models import (
    Concealment,
    Conveyance,
    GoodsItem,
    ReferenceSequence,
    RouteLeg,
    Seizure,
    SeizureVersion,
)
from opencen.seizures.search import seizure_index_update

# --- input ---------------------------------------------------------------------------------


@dataclass
class GoodsInput:
    commodity_type: ref.CommodityType
    quantity: Decimal
    unit: ref.MeasurementUnit
    hs_code: ref.HSCode | None = None
    description: str = ""
    brand: str = ""
    cites_species: str = ""
    cites_appendix: str = ""
    weight_kg: Decimal | None = None
    estimated_value: Decimal | None = None
    currency: ref.Currency | None = None


@dataclass
class ConcealmentInput:
    method: ref.ConcealmentMethod
    description: str = ""


@dataclass
class ConveyanceInput:
    type: ref.ConveyanceType
    flight_number: str = ""
    airline: str = ""
    vessel_name: str = ""
    imo_number: str = ""
    container_number: str = ""
    vehicle_plate: str = ""
    vehicle_country: ref.Country | None = None
    air_waybill: str = ""
    bill_of_lading: str = ""
    tracking_number: str = ""


@dataclass
class RouteLegInput:
    role: str
    country: ref.Country
    place: ref.Place | None = None
    date: datetime.date | None = None


@dataclass
class SeizureInput:
    """Everything an officer records about a seizure (code-list entries as objects)."""

    occurred_at: datetime.datetime
    direction: str
    place: ref.Place | None = None
    latitude: float | None = None
    longitude: float | None = None
    narrative: str = ""
    handling_code: str = HandlingCode.H0
    source_reliability: str = SourceReliability.A
    information_accuracy: str = InformationAccuracy.KNOWN
    share_regional: bool = False
    share_cen: bool = False
    offence_types: list[ref.OffenceType] = field(default_factory=list)
    detection_methods: list[ref.DetectionMethod] = field(default_factory=list)
    goods: list[GoodsInput] = field(default_factory=list)
    concealments: list[ConcealmentInput] = field(default_factory=list)
    conveyances: list[ConveyanceInput] = field(default_factory=list)
    route: list[RouteLegInput] = field(default_factory=list)


class SeizureConflict(Exception):
    """The seizure was saved by someone else since the user read it."""

    def __init__(self, *, seizure: Seizure, expected_version: int, changes: dict):
        super().__init__(f"{seizure.reference} is at version {seizure.version}")
        self.seizure = seizure
        self.expected_version = expected_version
        self.current_version = seizure.version
        self.changes = changes


# --- validation ----------------------------------------------------------------------------

_CONVEYANCE_CHECKS = {
    "container_number": validators.validate_container_number,
    "imo_number": validators.validate_imo_number,
    "air_waybill": validators.validate_air_waybill,
    "flight_number": validators.validate_flight_number,
}


def seizure_input_clean(data: SeizureInput) -> SeizureInput:
    """Check every field rule and normalise identifiers; raise one ValidationError whose keys
    are field paths (``goods.0.unit``, ``conveyances.1.container_number``)."""
    errors: dict[str, list[str]] = {}

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(str(message))

    if data.occurred_at is None:
        add("occurred_at", _("Give the date and time of the seizure."))
    elif data.occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        add("occurred_at", _("The date and time cannot be in the future."))
    if (data.latitude is None) != (data.longitude is None):
        add("latitude", _("Give both latitude and longitude, or neither."))
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        add("latitude", _("Latitude is between -90 and 90."))
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        add("longitude", _("Longitude is between -180 and 180."))

    for index, goods in enumerate(data.goods):
        path = f"goods.{index}"
        if goods.quantity is None or goods.quantity <= 0:
            add(f"{path}.quantity", _("The quantity must be more than 0."))
        allowed = _allowed_unit_codes(goods.commodity_type)
        if allowed and goods.unit is not None and goods.unit.code not in allowed:
            add(
                f"{path}.unit",
                _("%(commodity)s is counted in %(allowed)s, not %(unit)s.")
                % {
                    "commodity": goods.commodity_type.localized_label,
                    "allowed": ", ".join(sorted(allowed)),
                    "unit": goods.unit.localized_label,
                },
            )
        if goods.weight_kg is not None and goods.weight_kg < 0:
            add(f"{path}.weight_kg", _("The weight cannot be negative."))
        if goods.estimated_value is not None and goods.estimated_value < 0:
            add(f"{path}.estimated_value", _("The value cannot be negative."))
        if goods.estimated_value is not None and goods.currency is None:
            add(f"{path}.currency", _("Give the currency of the estimated value."))
        if goods.hs_code is not None and goods.hs_code.level < 2:
            add(f"{path}.hs_code", _("Choose an HS chapter, heading or subheading."))

    for index, conveyance in enumerate(data.conveyances):
        for name, check in _CONVEYANCE_CHECKS.items():
            value = getattr(conveyance, name)
            if value:
                try:
                    setattr(conveyance, name, check(value))
                except ValidationError as error:
                    for message in error.messages:
                        add(f"conveyances.{index}.{name}", message)

    today = timezone.localdate()
    for index, leg in enumerate(data.route):
        if leg.role not in RouteRole.values:
            add(f"route.{index}.role", _("Unknown route role."))
        if leg.date is not None and leg.date > today:
            add(f"route.{index}.date", _("The date cannot be in the future."))
        if (
            leg.place is not None
            and leg.country is not None
            and leg.place.country_id != leg.country.code
        ):
            add(f"route.{index}.place", _("This place is not in the country of this leg."))

    if errors:
        raise ValidationError(errors)
    return data


def _allowed_unit_codes(commodity_type: ref.CommodityType) -> set[str]:
    cache = getattr(commodity_type, "_allowed_unit_codes", None)
    if cache is None:
        cache = set(commodity_type.allowed_units.values_list("code", flat=True))
        commodity_type._allowed_unit_codes = cache
    return cache


def seizure_completeness_errors(*, seizure: Seizure) -> dict[str, list[str]]:
    """What a seizure still lacks before it can be submitted or validated."""
    errors: dict[str, list[str]] = {}
    if not seizure.goods.exists():
        errors["goods"] = [_("Record at least one goods item.")]
    roles = set(seizure.route.values_list("role", flat=True))
    if not roles & {RouteRole.ORIGIN, RouteRole.DEPARTURE} or RouteRole.DESTINATION not in roles:
        errors["route"] = [_("The route needs an origin or a departure, and a destination.")]
    if seizure.place_id is None and seizure.latitude is None:
        errors["place"] = [_("Give the place of the seizure or its coordinates.")]
    return errors


# --- reference numbers ---------------------------------------------------------------------


def seizure_reference_allocate(*, unit: Unit, year: int) -> str:
    """``<country>-<office code>-<year>-<6-digit sequence>``, safe when two officers save at
    once: the sequence row is updated in the caller's transaction (a write lock on SQLite's
    IMMEDIATE transaction, a row lock on PostgreSQL)."""
    from django.conf import settings

    sequence, _created = ReferenceSequence.objects.get_or_create(office_code=unit.code, year=year)
    ReferenceSequence.objects.filter(pk=sequence.pk).update(last_value=F("last_value") + 1)
    sequence.refresh_from_db(fields=["last_value"])
    country = settings.INSTALLATION_COUNTRY or "XX"
    return f"{country}-{unit.code}-{year}-{sequence.last_value:06d}"


# --- snapshots and history -----------------------------------------------------------------


def seizure_snapshot(seizure: Seizure) -> dict[str, Any]:
    """The whole content of a seizure as plain values, codes for code lists (for versions)."""
    return {
        "occurred_at": seizure.occurred_at.isoformat() if seizure.occurred_at else None,
        "place": seizure.place_id,
        "latitude": seizure.latitude,
        "longitude": seizure.longitude,
        "direction": seizure.direction,
        "narrative": seizure.narrative,
        "handling_code": seizure.handling_code,
        "source_reliability": seizure.source_reliability,
        "information_accuracy": seizure.information_accuracy,
        "share_regional": seizure.share_regional,
        "share_cen": seizure.share_cen,
        "status": seizure.status,
        "offence_types": sorted(o.code for o in seizure.offence_types.all()),
        "detection_methods": sorted(d.code for d in seizure.detection_methods.all()),
        "goods": [
            {
                "commodity_section": g.commodity_section_id,
                "commodity_type": g.commodity_type_id,
                "hs_code": g.hs_code_id,
                "description": g.description,
                "brand": g.brand,
                "cites_species": g.cites_species,
                "cites_appendix": g.cites_appendix,
                "quantity": str(g.quantity),
                "unit": g.unit_id,
                "weight_kg": None if g.weight_kg is None else str(g.weight_kg),
                "estimated_value": None if g.estimated_value is None else str(g.estimated_value),
                "currency": g.currency_id,
            }
            for g in seizure.goods.all()
        ],
        "concealments": [
            {"method": c.method_id, "description": c.description}
            for c in seizure.concealments.all()
        ],
        "conveyances": [
            {
                name: (
                    getattr(c, f"{name}_id")
                    if name in ("type", "vehicle_country")
                    else getattr(c, name)
                )
                for name in (
                    "type",
                    "flight_number",
                    "airline",
                    "vessel_name",
                    "imo_number",
                    "container_number",
                    "vehicle_plate",
                    "vehicle_country",
                    "air_waybill",
                    "bill_of_lading",
                    "tracking_number",
                )
            }
            for c in seizure.conveyances.all()
        ],
        "route": [
            {
                "role": leg.role,
                "country": leg.country_id,
                "place": leg.place_id,
                "date": leg.date.isoformat() if leg.date else None,
            }
            for leg in seizure.route.all()
        ],
    }


def snapshot_changes(before: dict, after: dict) -> dict[str, list]:
    """``{field: [old, new]}`` for each top-level field that differs (sections compared whole)."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _record_version(*, seizure: Seizure, actor, before: dict | None, comment: str = "") -> dict:
    after = seizure_snapshot(seizure)
    changes = snapshot_changes(before, after) if before is not None else {}
    SeizureVersion.objects.create(
        seizure=seizure,
        version=seizure.version,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        snapshot=after,
        changes=changes,
        comment=comment,
    )
    return changes


# --- writes --------------------------------------------------------------------------------


def _apply_fields(seizure: Seizure, data: SeizureInput) -> None:
    seizure.occurred_at = data.occurred_at
    seizure.place = data.place
    seizure.latitude = data.latitude
    seizure.longitude = data.longitude
    seizure.direction = data.direction
    seizure.narrative = data.narrative
    seizure.handling_code = data.handling_code
    seizure.source_reliability = data.source_reliability
    seizure.information_accuracy = data.information_accuracy
    seizure.share_regional = data.share_regional
    seizure.share_cen = data.share_cen


def seizure_children_build(seizure: Seizure, data: SeizureInput) -> dict[str, list]:
    """The unsaved rows a seizure holds for ``data`` (goods, concealments, conveyances, route)
    and its detection methods and offence types, keyed like the seizure's relations."""
    return {
        "goods": [
            GoodsItem(
                seizure=seizure,
                position=i,
                commodity_section_id=g.commodity_type.section_id,
                commodity_type=g.commodity_type,
                hs_code=g.hs_code,
                description=g.description,
                brand=g.brand,
                cites_species=g.cites_species,
                cites_appendix=g.cites_appendix,
                quantity=g.quantity,
                unit=g.unit,
                weight_kg=g.weight_kg,
                estimated_value=g.estimated_value,
                currency=g.currency,
            )
            for i, g in enumerate(data.goods)
        ],
        "concealments": [
            Concealment(seizure=seizure, position=i, method=c.method, description=c.description)
            for i, c in enumerate(data.concealments)
        ],
        "conveyances": [
            Conveyance(seizure=seizure, position=i, **vars(c))
            for i, c in enumerate(data.conveyances)
        ],
        "route": [
            RouteLeg(
                seizure=seizure,
                position=i,
                role=leg.role,
                country=leg.country,
                place=leg.place,
                date=leg.date,
            )
            for i, leg in enumerate(data.route)
        ],
        "detection_methods": list(data.detection_methods),
        "offence_types": list(data.offence_types),
    }


def _replace_children(seizure: Seizure, data: SeizureInput) -> None:
    seizure.goods.all().delete()
    seizure.concealments.all().delete()
    seizure.conveyances.all().delete()
    seizure.route.all().delete()
    children = seizure_children_build(seizure, data)
    for model, name in (
        (GoodsItem, "goods"),
        (Concealment, "concealments"),
        (Conveyance, "conveyances"),
        (RouteLeg, "route"),
    ):
        model.objects.bulk_create(children[name])
    seizure.offence_types.set(children["offence_types"])
    seizure.detection_methods.set(children["detection_methods"])
    # Drop prefetched sections so the snapshot reads what was just written.
    getattr(seizure, "_prefetched_objects_cache", {}).clear()


@transaction.atomic
def seizure_create(*, actor, data: SeizureInput, unit: Unit | None = None) -> Seizure:
    """Record a new seizure (a draft) for ``unit`` (the actor's by default)."""
    from opencen.accounts.permissions import Scope, has_permission, permission_scope

    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError({"unit": [_("You belong to no unit: ask an administrator.")]})
    if not has_permission(actor, Permission.SEIZURE_EDIT):
        raise PermissionDenied(_("You may not record seizures."))
    scope = permission_scope(actor, Permission.SEIZURE_EDIT)
    if scope is not Scope.ALL and not unit.path.startswith(actor.unit.path):
        raise PermissionDenied(_("You may record seizures only for your unit and those below it."))
    seizure_input_clean(data)
    seizure = Seizure(
        unit=unit,
        unit_path=unit.path,
        status=SeizureStatus.DRAFT,
        created_by=actor,
        updated_by=actor,
        reference=seizure_reference_allocate(unit=unit, year=data.occurred_at.year),
    )
    _apply_fields(seizure, data)
    seizure.save(force_insert=True)
    _replace_children(seizure, data)
    seizure_index_update([seizure.pk])
    _record_version(seizure=seizure, actor=actor, before=None)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CREATED,
        target=seizure,
        details={"reference": seizure.reference, "unit": unit.code},
    )
    return seizure


@transaction.atomic
def seizure_update(
    *, actor, seizure: Seizure, data: SeizureInput, expected_version: int
) -> Seizure:
    """Save new content over version ``expected_version``.

    Raises :class:`SeizureConflict` (with what changed since) when someone saved in between;
    nothing is written then. Editing a validated seizure sends it back to submitted.
    """
    from opencen.seizures.selectors import seizure_can

    if not seizure_can(user=actor, seizure=seizure, permission=Permission.SEIZURE_EDIT):
        raise PermissionDenied(_("You may not change this seizure."))
    if seizure.status == SeizureStatus.CLOSED:
        raise ValidationError(
            _("A closed seizure cannot be changed; ask a supervisor to reopen it.")
        )
    seizure_input_clean(data)
    claimed = Seizure.objects.filter(pk=seizure.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = Seizure.objects.get(pk=seizure.pk)
        stored = SeizureVersion.objects.filter(seizure=current, version=expected_version).first()
        latest = seizure_snapshot(current)
        changes = snapshot_changes(stored.snapshot, latest) if stored else {}
        raise SeizureConflict(seizure=current, expected_version=expected_version, changes=changes)
    seizure = Seizure.objects.get(pk=seizure.pk)
    before = seizure_snapshot(seizure)
    previous_status = seizure.status
    _apply_fields(seizure, data)
    if seizure.status == SeizureStatus.VALIDATED:
        seizure.status = SeizureStatus.SUBMITTED
    seizure.updated_by = actor
    seizure.save()
    _replace_children(seizure, data)
    seizure_index_update([seizure.pk])
    changes = _record_version(seizure=seizure, actor=actor, before=before)
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECORD_CHANGED,
        target=seizure,
        details={"version": seizure.version, "changes": changes},
    )
    if previous_status != seizure.status:
        audit_record(
            actor=actor,
            event_type=AuditEventType.STATUS_CHANGED,
            target=seizure,
            details={
                "from": previous_status,
                "to": seizure.status,
                "reason": "edited after validation",
            },
        )
    return seizure
