"""Company API serializers: thin. Write serializers build a
:class:`~opencen.companies.services.CompanyInput`; every rule lives in the services.

Separate schemas for create, update (create plus ``version``), summary (list) and detail.
Countries are their alpha-2 codes (``"country": "ZA"``).
"""

from __future__ import annotations

from rest_framework import serializers

from opencen.companies.choices import CompanyKind, CompanyPersonRole, CompanyStatus
from opencen.companies.services import CompanyAddressInput, CompanyInput
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.api.serializers import CodeField


def _text(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


class CompanyAddressWriteSerializer(serializers.Serializer):
    address = serializers.CharField(max_length=500, allow_blank=True)
    city = _text(200)
    country = CodeField(ref.Country, required=False, allow_null=True, default=None)


class CompanyCreateSerializer(serializers.Serializer):
    """A new company; lists (trading names, addresses, phones, emails) are optional."""

    name = serializers.CharField(max_length=300)
    legal_form = _text(100)
    registration_number = _text(64)
    tax_number = _text(64)
    country = CodeField(ref.Country, required=False, allow_null=True, default=None)
    website = _text(300)
    kind = serializers.ChoiceField(
        choices=CompanyKind.choices, required=False, allow_blank=True, default=""
    )
    status = serializers.ChoiceField(
        choices=CompanyStatus.choices, required=False, default=CompanyStatus.ACTIVE
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    handling_code = serializers.ChoiceField(
        choices=HandlingCode.choices, required=False, default=HandlingCode.H0
    )
    trading_names = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list, max_length=100
    )
    addresses = CompanyAddressWriteSerializer(many=True, required=False, default=list)
    phones = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list, max_length=50
    )
    emails = serializers.ListField(
        child=serializers.EmailField(max_length=254), required=False, default=list, max_length=50
    )

    def company_input(self) -> CompanyInput:
        data = {k: v for k, v in self.validated_data.items() if k != "version"}
        data["addresses"] = [CompanyAddressInput(**a) for a in data["addresses"]]
        return CompanyInput(**data)


class CompanyUpdateSerializer(CompanyCreateSerializer):
    """A PATCH: ``version`` (required) and the fields to change; a list given replaces the
    stored list whole. Other fields keep their stored value."""

    version = serializers.IntegerField(
        min_value=1, help_text="The version the client read; a stale one answers 409."
    )
    name = serializers.CharField(max_length=300, required=False)


class CompanySummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    legal_form = serializers.CharField()
    registration_number = serializers.CharField()
    tax_number = serializers.CharField()
    country = serializers.CharField(source="country_id", allow_null=True)
    kind = serializers.CharField()
    status = serializers.CharField()
    unit = serializers.CharField(source="unit.code")
    handling_code = serializers.CharField()
    version = serializers.IntegerField()


class CompanyAddressSerializer(serializers.Serializer):
    address = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField(source="country_id", allow_null=True)


class CompanyPhoneSerializer(serializers.Serializer):
    number = serializers.CharField()
    e164 = serializers.CharField()


class CompanyPersonSerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person_id")
    role = serializers.ChoiceField(choices=CompanyPersonRole.choices)
    started_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)


class CompanySeizureSerializer(serializers.Serializer):
    seizure = serializers.UUIDField(source="seizure_id")
    reference = serializers.CharField(source="seizure.reference")
    occurred_at = serializers.DateTimeField(source="seizure.occurred_at")
    role = serializers.CharField()


class CompanyDetailSerializer(CompanySummarySerializer):
    """A whole company with its names, contacts, people and seizures in your scope."""

    website = serializers.CharField()
    notes = serializers.CharField()
    trading_names = serializers.SerializerMethodField()
    addresses = CompanyAddressSerializer(many=True)
    phones = CompanyPhoneSerializer(many=True)
    emails = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    seizures = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_trading_names(self, company) -> list[str]:
        return [t.name for t in company.trading_names.all()]

    def get_emails(self, company) -> list[str]:
        return [e.email for e in company.emails.all()]

    def get_people(self, company) -> list[dict]:
        from opencen.companies.selectors import company_people

        links = company_people(user=self.context["request"].user, company=company)
        return CompanyPersonSerializer(links, many=True).data

    def get_seizures(self, company) -> list[dict]:
        from opencen.companies.selectors import company_involvements

        links = company_involvements(user=self.context["request"].user, company=company)
        return CompanySeizureSerializer(links, many=True).data


class CompanyVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(source="changed_by.username", allow_null=True)
    changes = serializers.DictField(child=serializers.ListField())
    comment = serializers.CharField()
