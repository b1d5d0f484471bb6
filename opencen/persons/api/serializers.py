"""Serializers of the person API: separate write (create, update) and read shapes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from opencen.persons.choices import (
    AliasType,
    DataSubjectCategory,
    DocumentType,
    InvolvementRole,
    PersonLinkType,
    Sex,
)
from opencen.persons.services import AddressInput, AliasInput, DocumentInput, PersonInput
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.api.serializers import CodeField


def _text(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


class NoNulCharField(serializers.CharField):
    """Text without NUL characters (PostgreSQL refuses them in a query or a row)."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if "\x00" in value:
            raise serializers.ValidationError(_("Null characters are not allowed."))
        return value


def _clean_text(max_length: int, **kwargs) -> NoNulCharField:
    return NoNulCharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


# --- write ---------------------------------------------------------------------------------


class AliasWriteSerializer(serializers.Serializer):
    name = NoNulCharField(max_length=300)
    type = serializers.ChoiceField(
        choices=AliasType.choices, required=False, default=AliasType.ALIAS
    )


class DocumentWriteSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=DocumentType.choices)
    number = NoNulCharField(max_length=64)
    country = CodeField(ref.Country, required=False, allow_null=True, default=None)
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class AddressWriteSerializer(serializers.Serializer):
    address = NoNulCharField(max_length=500)
    city = _clean_text(200)
    country = CodeField(ref.Country, required=False, allow_null=True, default=None)


class PersonCreateSerializer(serializers.Serializer):
    """A new person. ``birth_date`` is ``1984``, ``1984-03`` or ``1984-03-02``; countries are
    alpha-2 codes; ``documents``, ``aliases``, ``addresses``, ``phones`` and ``emails`` are
    optional lists."""

    given_names = _clean_text(200)
    family_name = _clean_text(200)
    name_original = _clean_text(300, help_text="The full name in its own script.")
    name_latin = _clean_text(
        300, help_text="Its Latin transliteration; made from name_original when left out."
    )
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    birth_date = NoNulCharField(
        max_length=10,
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        help_text="1984, 1984-03 or 1984-03-02.",
    )
    birth_place = _clean_text(200)
    birth_country = CodeField(ref.Country, required=False, allow_null=True, default=None)
    nationalities = CodeField(ref.Country, many=True, required=False, default=list)
    occupation = _clean_text(200)
    description = _clean_text(5000)
    category = serializers.ChoiceField(
        choices=DataSubjectCategory.choices, required=False, default=DataSubjectCategory.SUSPECT
    )
    notes = _clean_text(20000)
    handling_code = serializers.ChoiceField(
        choices=HandlingCode.choices, required=False, default=HandlingCode.H0
    )
    aliases = AliasWriteSerializer(many=True, required=False, default=list)
    documents = DocumentWriteSerializer(many=True, required=False, default=list)
    addresses = AddressWriteSerializer(many=True, required=False, default=list)
    phones = serializers.ListField(
        child=NoNulCharField(max_length=40), required=False, default=list, max_length=50
    )
    emails = serializers.ListField(
        child=NoNulCharField(max_length=254), required=False, default=list, max_length=50
    )

    def person_input(self) -> PersonInput:
        data = {k: v for k, v in self.validated_data.items() if k != "version"}
        data["birth_date"] = data.get("birth_date") or ""
        data["aliases"] = [AliasInput(**item) for item in data["aliases"]]
        data["documents"] = [DocumentInput(**item) for item in data["documents"]]
        data["addresses"] = [AddressInput(**item) for item in data["addresses"]]
        return PersonInput(**data)


class PersonUpdateSerializer(PersonCreateSerializer):
    """A PATCH: ``version`` (required) and the fields to change; a list given replaces the
    stored one whole. Other fields keep their stored value."""

    version = serializers.IntegerField(
        min_value=1, help_text="The version the client read; a stale one answers 409."
    )


def content_from_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A stored person's content in the API's write format (the base a PATCH merges over)."""
    return {k: v for k, v in snapshot.items() if k not in ("review_due", "photo")}


class PersonLinkWriteSerializer(serializers.Serializer):
    """Either ``{"other": id, "type": "associate"}`` (another person) or ``{"seizure": id,
    "role": "courier"}`` (an involvement in a seizure)."""

    other = serializers.UUIDField(required=False)
    type = serializers.ChoiceField(choices=PersonLinkType.choices, required=False)
    note = _clean_text(300)
    seizure = serializers.UUIDField(required=False)
    role = serializers.ChoiceField(choices=InvolvementRole.choices, required=False)

    def validate(self, attrs):
        if attrs.get("other") and attrs.get("type"):
            return attrs
        if attrs.get("seizure") and attrs.get("role"):
            return attrs
        raise serializers.ValidationError(
            _("Give other and type (a person), or seizure and role (a seizure).")
        )


# --- read ----------------------------------------------------------------------------------


class AliasSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    type = serializers.CharField()
    number = serializers.CharField()
    number_normalised = serializers.CharField()
    country = serializers.CharField(source="country_id", allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)


class AddressSerializer(serializers.Serializer):
    address = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField(source="country_id", allow_null=True)


class PhoneSerializer(serializers.Serializer):
    number = serializers.CharField()
    e164 = serializers.CharField()


class PersonSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    name = serializers.CharField(source="display_name")
    given_names = serializers.CharField()
    family_name = serializers.CharField()
    name_original = serializers.CharField()
    name_latin = serializers.CharField()
    sex = serializers.CharField()
    birth_date = serializers.CharField(source="birth_date_text")
    nationalities = serializers.SerializerMethodField()
    category = serializers.CharField()
    unit = serializers.CharField(source="unit.code")

    def get_nationalities(self, person) -> list[str]:
        return sorted(country.pk for country in person.nationalities.all())


class InvolvementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    seizure = serializers.UUIDField(source="seizure_id")
    reference = serializers.CharField(source="seizure.reference")
    occurred_at = serializers.DateTimeField(source="seizure.occurred_at")
    role = serializers.CharField()


class PersonLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.UUIDField(source="person_id")
    other = serializers.UUIDField(source="other_id")
    type = serializers.CharField()
    note = serializers.CharField()


class PersonDetailSerializer(PersonSummarySerializer):
    birth_place = serializers.CharField()
    birth_country = serializers.CharField(source="birth_country_id", allow_null=True)
    occupation = serializers.CharField()
    description = serializers.CharField()
    review_due = serializers.DateField(allow_null=True)
    notes = serializers.CharField()
    handling_code = serializers.CharField()
    has_photo = serializers.SerializerMethodField()
    aliases = AliasSerializer(many=True)
    documents = DocumentSerializer(many=True)
    addresses = AddressSerializer(many=True)
    phones = PhoneSerializer(many=True)
    emails = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_has_photo(self, person) -> bool:
        return person.photo_id is not None

    def get_emails(self, person) -> list[str]:
        return [email.email for email in person.emails.all()]


class PersonVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(source="changed_by.username", allow_null=True)
    changes = serializers.JSONField()
    comment = serializers.CharField()


class PersonLinksSerializer(serializers.Serializer):
    persons = PersonLinkSerializer(many=True)
    seizures = InvolvementSerializer(many=True)
