"""Fixtures for the seizure tests: the built-in code lists, a few countries and seaports."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from opencen.accounts.choices import Role
from opencen.reference import models as ref
from opencen.reference.choices import PlaceKind
from opencen.seizures.services import (
    ConcealmentInput,
    ConveyanceInput,
    GoodsInput,
    RouteLegInput,
    SeizureInput,
)

BUILTIN_SOURCES = [
    "units",
    "commodity-sections",
    "commodity-types",
    "detection-methods",
    "concealment-methods",
    "conveyance-types",
    "offence-types",
]


@pytest.fixture
def reference_data(db):
    """Built-in lists, a handful of countries, two seaports and an HS subheading."""
    call_command("load_reference", *[f"--only={name}" for name in BUILTIN_SOURCES], verbosity=0)
    for code, alpha3, numeric, label in [
        ("BR", "BRA", "076", "Brazil"),
        ("ZA", "ZAF", "710", "South Africa"),
        ("NL", "NLD", "528", "Netherlands"),
        ("GB", "GBR", "826", "United Kingdom"),
    ]:
        ref.Country.objects.get_or_create(
            code=code, defaults={"alpha3": alpha3, "numeric": numeric, "label": label}
        )
    ref.Place.objects.get_or_create(
        code="ZADUR",
        defaults={
            "label": "Durban",
            "kind": PlaceKind.SEAPORT,
            "country_id": "ZA",
            "locode": "ZADUR",
        },
    )
    ref.Place.objects.get_or_create(
        code="BRSSZ",
        defaults={
            "label": "Santos",
            "kind": PlaceKind.SEAPORT,
            "country_id": "BR",
            "locode": "BRSSZ",
        },
    )
    chapter, _ = ref.HSCode.objects.get_or_create(
        code="29", defaults={"label": "Organic chemicals", "level": 2}
    )
    heading, _ = ref.HSCode.objects.get_or_create(
        code="2939", defaults={"label": "Alkaloids", "level": 4, "parent": chapter}
    )
    ref.HSCode.objects.get_or_create(
        code="293972", defaults={"label": "Cocaine, ecgonine", "level": 6, "parent": heading}
    )
    return ref


@pytest.fixture
def make_input(reference_data):
    """A complete, valid seizure input; keyword arguments replace fields."""

    def _make(**overrides) -> SeizureInput:
        data = SeizureInput(
            occurred_at=timezone.now() - datetime.timedelta(days=1),
            direction="import",
            place=ref.Place.objects.get(code="ZADUR"),
            narrative="Cocaine in bricks behind the front wall of a reefer container.",
            detection_methods=[ref.DetectionMethod.objects.get(code="xray")],
            goods=[
                GoodsInput(
                    commodity_type=ref.CommodityType.objects.get(code="cocaine"),
                    quantity=Decimal("12.5"),
                    unit=ref.MeasurementUnit.objects.get(code="kg"),
                    hs_code=ref.HSCode.objects.get(code="293972"),
                    description="white powder in bricks",
                )
            ],
            concealments=[
                ConcealmentInput(
                    method=ref.ConcealmentMethod.objects.order_by("code").first(),
                    description="behind the container's front wall",
                )
            ],
            conveyances=[
                ConveyanceInput(
                    type=ref.ConveyanceType.objects.get(code="sea_container"),
                    container_number="CSQU3054383",
                )
            ],
            route=[
                RouteLegInput(
                    role="departure",
                    country=ref.Country.objects.get(code="BR"),
                    place=ref.Place.objects.get(code="BRSSZ"),
                ),
                RouteLegInput(
                    role="destination",
                    country=ref.Country.objects.get(code="ZA"),
                    place=ref.Place.objects.get(code="ZADUR"),
                ),
            ],
        )
        for key, value in overrides.items():
            setattr(data, key, value)
        return data

    return _make


@pytest.fixture
def supervisor(make_user, unit_tree):
    return make_user(roles={Role.SUPERVISOR}, unit=unit_tree["port"], username="supervisor-port")


@pytest.fixture
def other_officer(make_user, unit_tree):
    """An officer of another office, in another region."""
    return make_user(roles={Role.OFFICER}, unit=unit_tree["border"], username="officer-border")


@pytest.fixture
def analyst(make_user, unit_tree):
    return make_user(roles={Role.ANALYST}, unit=unit_tree["south"], username="analyst-south")
