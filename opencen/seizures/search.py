"""Free-text search over reference, narrative, goods descriptions and conveyance identifiers.

This first version matches substrings; a full-text index (SQLite FTS5, PostgreSQL tsvector)
replaces it for a million seizures (see the benchmark).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from opencen.seizures.models import Conveyance, GoodsItem
from opencen.seizures.validators import normalise_identifier


def seizure_text_q(text: str) -> Q:
    text = (text or "").strip()
    if not text:
        return Q()
    identifier = normalise_identifier(text)
    goods = GoodsItem.objects.filter(seizure=OuterRef("pk"), description__icontains=text)
    conveyances = Conveyance.objects.filter(seizure=OuterRef("pk")).filter(
        Q(container_number=identifier)
        | Q(air_waybill=identifier)
        | Q(flight_number=identifier)
        | Q(imo_number=identifier)
        | Q(vehicle_plate__iexact=text)
        | Q(tracking_number__iexact=identifier)
        | Q(bill_of_lading__iexact=identifier)
        | Q(vessel_name__icontains=text)
    )
    return (
        Q(reference__iexact=text)
        | Q(narrative__icontains=text)
        | Exists(goods)
        | Exists(conveyances)
    )
