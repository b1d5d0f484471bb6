"""Serializers of the code lists. Related entries are always named by their stable code."""

from __future__ import annotations

from rest_framework import serializers


class CodeListSummarySerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    url = serializers.CharField()


class CodeListEntrySerializer(serializers.Serializer):
    """What every code-list entry has: its code, its label in the request's language,
    its labels by language, and whether it may be used in new records."""

    code = serializers.CharField()
    label = serializers.CharField(source="localized_label")
    translations = serializers.DictField(child=serializers.CharField())
    active = serializers.BooleanField()


class CountrySerializer(CodeListEntrySerializer):
    alpha3 = serializers.CharField()
    numeric = serializers.CharField()
    official_name = serializers.CharField()


class CurrencySerializer(CodeListEntrySerializer):
    numeric = serializers.CharField()


class MeasurementUnitSerializer(CodeListEntrySerializer):
    dimension = serializers.CharField()
    factor = serializers.DecimalField(
        max_digits=20, decimal_places=6, coerce_to_string=False, allow_null=True
    )


class CommodityTypeSerializer(CodeListEntrySerializer):
    section = serializers.CharField(source="section_id")
    allowed_units = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")


class HSCodeSerializer(CodeListEntrySerializer):
    level = serializers.IntegerField()
    parent = serializers.CharField(source="parent_id", allow_null=True)
    hs_section = serializers.CharField()


class PlaceSerializer(CodeListEntrySerializer):
    kind = serializers.CharField()
    country = serializers.CharField(source="country_id")
    iata = serializers.CharField()
    icao = serializers.CharField()
    locode = serializers.CharField()
    city = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


#: The serializer of each list that has more than code, label and active.
SERIALIZERS: dict[str, type[CodeListEntrySerializer]] = {
    "countries": CountrySerializer,
    "currencies": CurrencySerializer,
    "units": MeasurementUnitSerializer,
    "commodity-types": CommodityTypeSerializer,
    "hs-codes": HSCodeSerializer,
    "places": PlaceSerializer,
}
