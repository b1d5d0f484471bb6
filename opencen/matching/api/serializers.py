"""Schemas of the match API: what may be asked and what is answered."""

from __future__ import annotations

from rest_framework import serializers

MAX_LIMIT = 50


class _MatchParams(serializers.Serializer):
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_LIMIT, default=10, help_text="1 to 50."
    )


class PersonMatchParamsSerializer(_MatchParams):
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Any spelling or script."
    )
    birth_date = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text="1984, 1984-03 or 1984-03-02."
    )
    nationality = serializers.CharField(
        required=False, allow_blank=True, max_length=2, help_text="Alpha-2 code (SD)."
    )
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=64)
    sex = serializers.ChoiceField(
        required=False, allow_blank=True, choices=["male", "female", "unknown"]
    )

    def validate(self, data):
        if not data.get("name", "").strip() and not data.get("document_number", "").strip():
            raise serializers.ValidationError("Give a name or a document number (or both).")
        return data


class CompanyMatchParamsSerializer(_MatchParams):
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Legal or trading name."
    )
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=2, help_text="Alpha-2 code (ZA)."
    )
    registration_number = serializers.CharField(required=False, allow_blank=True, max_length=64)
    tax_number = serializers.CharField(required=False, allow_blank=True, max_length=64)

    def validate(self, data):
        asked = (data.get(n, "").strip() for n in ("name", "registration_number", "tax_number"))
        if not any(asked):
            raise serializers.ValidationError("Give a name, a registration number or a tax number.")
        return data


class MatchSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    score = serializers.FloatField(help_text="0 to 1; 1 is certain.")
    name = serializers.CharField()
    explanation = serializers.ListField(
        child=serializers.CharField(), help_text="What agreed and what differed."
    )
    url = serializers.CharField(help_text="The record in the API.")


class MatchResultsSerializer(serializers.Serializer):
    results = MatchSerializer(many=True)
