"""The seizure demo generator: deterministic, realistic, readable like any seizure."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import pytest
from django.core.management import call_command

from opencen.accounts.choices import Role
from opencen.accounts.models import RoleAssignment
from opencen.audit.models import AuditEvent
from opencen.core import demo
from opencen.reference import models as ref
from opencen.seizures import search
from opencen.seizures.demo import CORRIDORS, QUANTITIES, SeizurePlan
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.models import (
    Conveyance,
    GoodsItem,
    ReferenceSequence,
    RouteLeg,
    Seizure,
    SeizureVersion,
)
from opencen.seizures.selectors import seizure_get, seizure_list
from opencen.seizures.services import seizure_completeness_errors
from opencen.seizures.validators import (
    validate_air_waybill,
    validate_container_number,
    validate_flight_number,
    validate_imo_number,
)
from tests.seizures.conftest import BUILTIN_SOURCES

COUNT = 300


@pytest.fixture
def demo_base(db):
    """Code lists, every country and the demo units, users and places, no seizure yet."""
    sources = [*BUILTIN_SOURCES, "countries", "currencies"]
    call_command("load_reference", *[f"--only={name}" for name in sources], verbosity=0)
    call_command("demo", seizures=0, persons=0, companies=0, verbosity=0)


def _plan_rows(seed: int):
    ctx = demo.DemoContext(
        generator_name="seizures", seed=seed, options={"seizures": 40, "country": None}
    )
    plan = SeizurePlan.load(ctx)
    tables = {label: rows for label, _, _, rows in next(plan.chunks(40))}
    references = [row[1] for row in tables["seizures"]]
    commodities = [row[3] for row in tables["goods items"]]
    return references, commodities


@pytest.mark.django_db
def test_same_seed_same_seizures(demo_base):
    first, second, other = _plan_rows(3), _plan_rows(3), _plan_rows(4)
    assert first == second
    assert first != other
    assert len(first[0]) == 40


@pytest.fixture
def generated(demo_base, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the placeholder photos
    call_command("demo", seizures=COUNT, persons=0, companies=0, seed=5, verbosity=0)


@pytest.mark.django_db
def test_realistic_constraints(generated):
    assert Seizure.objects.count() == COUNT
    allowed = defaultdict(set)
    for commodity, unit in ref.CommodityType.allowed_units.through.objects.values_list(
        "commoditytype_id", "measurementunit_id"
    ):
        allowed[commodity].add(unit)
    for commodity, unit, quantity in GoodsItem.objects.values_list(
        "commodity_type_id", "unit_id", "quantity"
    ):
        assert unit in allowed[commodity], (commodity, unit)
        assert quantity > 0
    for conveyance in Conveyance.objects.all():
        if conveyance.container_number:
            validate_container_number(conveyance.container_number)
        if conveyance.imo_number:
            validate_imo_number(conveyance.imo_number)
        if conveyance.air_waybill:
            validate_air_waybill(conveyance.air_waybill)
        if conveyance.flight_number:
            validate_flight_number(conveyance.flight_number)
    roles = defaultdict(set)
    for seizure_id, role in RouteLeg.objects.values_list("seizure_id", "role"):
        roles[seizure_id].add(role)
    assert len(roles) == COUNT
    for found in roles.values():
        assert found & {"origin", "departure"} and "destination" in found
    # the corridors' commodities are what was generated
    corridor_commodities = {code for c in CORRIDORS for code, _ in c.commodities}
    assert set(GoodsItem.objects.values_list("commodity_type_id", flat=True)) <= (
        corridor_commodities
    )
    assert corridor_commodities <= set(QUANTITIES)


@pytest.mark.django_db
def test_references_versions_sequences_and_audit(generated):
    pattern = re.compile(r"^[A-Z]{2}-[A-Z0-9-]+-\d{4}-\d{6}$")
    last = defaultdict(int)
    for reference, unit_code in Seizure.objects.values_list("reference", "unit__code"):
        assert pattern.match(reference), reference
        year, number = reference.rsplit("-", 2)[-2:]
        last[(unit_code, int(year))] = max(last[(unit_code, int(year))], int(number))
    sequences = {
        (office, year): value
        for office, year, value in ReferenceSequence.objects.values_list(
            "office_code", "year", "last_value"
        )
    }
    assert sequences == dict(last)
    assert SeizureVersion.objects.filter(version=1).count() == COUNT
    version = SeizureVersion.objects.select_related("seizure").first()
    assert version.snapshot["narrative"] == version.seizure.narrative
    assert search.seizure_index_count() == COUNT
    # one summary event, not one per seizure
    assert AuditEvent.objects.filter(target_type="seizures.seizure").count() == 1


@pytest.mark.django_db
def test_readable_through_selectors_and_filterset(generated):
    analyst = RoleAssignment.objects.filter(role=Role.ANALYST).order_by("id").first().user
    visible = seizure_list(user=analyst)
    assert 0 < visible.count() <= COUNT
    goods = GoodsItem.objects.filter(seizure__in=visible)
    commodity = goods.values_list("commodity_type_id", flat=True).order_by("id").first()
    expected = set(goods.filter(commodity_type_id=commodity).values_list("seizure_id", flat=True))
    found = SeizureFilterSet({"commodity_type": commodity}, queryset=visible).qs
    assert {s.pk for s in found} == expected
    container = (
        Conveyance.objects.filter(seizure__in=visible)
        .exclude(container_number="")
        .values_list("container_number", "seizure_id")
        .first()
    )
    if container:
        number, seizure_id = container
        spaced = f"{number[:4]} {number[4:10]}-{number[10]}"
        found = SeizureFilterSet({"q": spaced}, queryset=visible).qs
        assert seizure_id in {s.pk for s in found}
    seizure = seizure_get(user=analyst, pk=visible.filter(status="validated").first().pk)
    assert seizure_completeness_errors(seizure=seizure) == {}


@pytest.mark.django_db
def test_period_and_detection_filters_on_generated_seizures(generated):
    from django.utils import timezone

    analyst = RoleAssignment.objects.filter(role=Role.ANALYST).order_by("id").first().user
    visible = seizure_list(user=analyst)
    days = sorted(timezone.localdate(t) for t in visible.values_list("occurred_at", flat=True))
    first, last = days[len(days) // 3], days[2 * len(days) // 3]
    params = {"occurred_after": first.isoformat(), "occurred_before": last.isoformat()}
    found = SeizureFilterSet(params, queryset=visible).qs
    assert found.count() == sum(1 for day in days if first <= day <= last)  # both days included
    through = Seizure.detection_methods.through.objects
    method = through.values_list("detectionmethod_id", flat=True).order_by("id").first()
    expected = set(
        through.filter(detectionmethod_id=method, seizure__in=visible).values_list(
            "seizure_id", flat=True
        )
    )
    found = SeizureFilterSet({"detection_method": method}, queryset=visible).qs
    assert {s.pk for s in found} == expected


@pytest.mark.django_db
def test_placeholder_concealment_photos(generated):
    from django.contrib.contenttypes.models import ContentType
    from PIL import Image

    from opencen.attachments.models import Attachment

    photos = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(Seizure))
    assert photos.count() == (COUNT + 199) // 200
    for photo in photos:
        assert photo.tag == "concealment" and photo.media_type == "image/jpeg"
        assert Seizure.objects.filter(pk=photo.object_id).exists()
        with photo.original.open("rb") as original:
            data = original.read()
        assert hashlib.sha256(data).hexdigest() == photo.sha256
        with photo.display.open("rb") as display:
            assert Image.open(display).format == "JPEG"
